import Foundation

extension Reading {
    /// Country focus: names and demonyms of countries, the dateline, and the countries of the names found.
    mutating func weighCountries() {
        var w: [Int: Double] = [:]
        var demonymWeight: [Int: Double] = [:]
        let ci = doc.clean.datelinePlace.flatMap { gazetteer.candidates($0).first }
        if let d = ci {
            let c = gazetteer.countryIndexOf(d.place)
            w[c, default: 0] += 3
            namedCountries.insert(c)
            countriesByName.insert(c)
        }
        // Demonyms ("Syrian regime army", "Ukrainian forces").
        for (i, t) in doc.tokens.enumerated() where isCap(i) {
            var cs = gazetteer.countries(demonymNorm: t.norm)
            if i + 1 < doc.tokens.count, isCap(i + 1) {
                let two = gazetteer.countries(demonymNorm: t.norm + " " + doc.tokens[i + 1].norm)
                if !two.isEmpty { cs = two }
            }
            for c in cs {
                // "Turkish forces shelled…", "Russian forces shelled…": in conflict reports a demonym
                // names who acted more often than where, so demonyms weigh little and add up to little.
                demonymWeight[c.index, default: 0] += 0.5 / Double(cs.count)
                if cs.count == 1 { namedCountries.insert(c.index) }
            }
        }
        settleAdminGroups()
        for (k, f) in found.enumerated() where !f.cityDistrict && !f.inNameList {
            guard let top = f.candidates.first else { continue }
            if top.place.kind == .country, f.candidates.allSatisfy({ $0.place.kind != .country || $0.place.countryCode == top.place.countryCode }) {
                let c = gazetteer.countryIndexOf(top.place)
                // "in Syria" places events; "a US military patrol" only says whose patrol.
                w[c, default: 0] += f.role == .at || f.role == .near ? 3 : 1
                namedCountries.insert(c)
                countriesByName.insert(c)
                continue
            }
            // Each other name spreads its vote over the countries of its readings, by how likely each
            // reading is (admin context included): "Tripoli" is mostly Libya, partly Lebanon.
            var byCountry: [Int: Double] = [:]
            let settled = groupCountry[k]
            for c in f.candidates where c.place.kind != .country && (settled == nil || c.countryIndex == settled) {
                let s = 0.35 * c.score + contextAgreement(of: k, c) * 2.5 + readingFit(f, c)
                let ci = c.countryIndex
                byCountry[ci] = max(byCountry[ci] ?? -Double.infinity, s)
            }
            guard let top = byCountry.values.max() else { continue }
            let total = byCountry.values.reduce(0) { $0 + exp(2 * ($1 - top)) }
            // A bare capitalised word says little; a cue, a unit word or a longer name more.
            var v = f.common ? 0.2 : 0.6
            if f.role == .at || f.role == .near || f.role == .area { v += 0.9 }
            if f.unit != nil { v += 0.5 }
            if f.tokens.count > 1 { v += 0.3 }
            // Admin names given beside a town ("(Yinmarbin district, Sagaing region)") are the surest sign.
            if f.contextOf != nil || f.adminSlot || groupCountry[k] != nil { v *= 2.5 }
            // A name only villages bear (with no population on record) says little about the
            // country: village lists of one country hold namesakes of many a foreign place.
            if !f.candidates.contains(where: { $0.place.kind != .populated || $0.place.population > 0 }) { v *= 0.3 }
            for (ci, s) in byCountry {
                w[ci, default: 0] += v * exp(2 * (s - top)) / total
                localWeight[ci, default: 0] += v * exp(2 * (s - top)) / total
                ownWeight[k, default: [:]][ci, default: 0] += v * exp(2 * (s - top)) / total
            }
        }
        for (c, d) in demonymWeight { w[c, default: 0] += min(1.0, d) }
        // Unlike demonyms ("Russian forces shelled…"), these groups act at home: they weigh more.
        for (c, d) in countryWordWeight() { w[c, default: 0] += min(1.5, d) }
        countryWeight = w
        focus = w.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
        plausibleReadings.forgetAll()
    }

    /// Groups and institutions that act in one country ("Houthi forces", "KCTU members", "CGT
    /// unions"): like demonyms, they say which country a report is about more than where.
    func countryWordWeight() -> [Int: Double] {
        var out: [Int: Double] = [:]
        let tokens = doc.tokens
        for i in tokens.indices where tokens[i].kind == .word {
            guard let entries = lexicon.countryWords[tokens[i]] else { continue }
            for e in entries {
                let end = i + e.words.count
                guard end <= tokens.count, (i..<end).allSatisfy({ tokens[$0].norm == e.words[$0 - i] }),
                      (i..<end).contains(where: { caps[$0] >= 1 || tokens[$0].text.utf8.contains { $0 >= 65 && $0 <= 90 } }),
                      let c = gazetteer.country(iso: e.iso) else { continue }
                out[c.index, default: 0] += 1
                break
            }
        }
        return out
    }

}
