import Foundation

extension GazetteerBuild {
    // MARK: Output

    /// Writes the gazetteer's sources: one gzipped TSV a country under `places/` (see
    /// `PlaceSourceFormat`), `countries.tsv`, and the common-word list. Files of countries that no
    /// longer have places are removed, so the folder holds exactly this build.
    mutating func write() throws {
        let dir = out.appendingPathComponent(PlaceSourceFormat.folder)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var byCountry: [String: [String]] = [:]
        var placeKeys = Set<[UInt8]>()
        for r in recs {
            let iso = countries[r.country].iso2
            var names = r.names
            if names.first != r.name { names.insert(r.name, at: 0) }
            let line = PlaceSourceFormat.Line(
                id: r.id, kind: r.kind, country: iso, name: r.name, admin1: r.kind == .country ? "" : r.admin1,
                admin2: r.kind == .admin2 ? r.name : r.admin2, admin3: r.admin3, seat: r.kind == .populated && !r.placedAtSeat ? "" : r.seat,
                latitude: r.latitude, longitude: r.longitude, population: r.population, source: r.source,
                placedAtSeat: r.placedAtSeat, names: names)
            byCountry[iso, default: [PlaceSourceFormat.header]].append(PlaceSourceFormat.text(line))
            for n in names {
                let k = Array(PlaceKey.key(n).utf8)
                if k.count >= 2 { placeKeys.insert(k) }
            }
        }
        let wanted = Set(byCountry.keys.map { $0 + PlaceSourceFormat.fileSuffix })
        for old in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] where !wanted.contains(old) {
            try FileManager.default.removeItem(at: dir.appendingPathComponent(old))
        }
        for (iso, lines) in byCountry {
            try gzip(Data((lines.joined(separator: "\n") + "\n").utf8), to: dir.appendingPathComponent(iso + PlaceSourceFormat.fileSuffix))
        }
        report.keys = placeKeys.count
        report.bytes = wanted.reduce(0) { total, f in
            total + ((try? FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent(f).path)[.size] as? Int) ?? 0)
        }

        var tsv = """
        # Countries of Sitrep's gazetteer, one per line; the row number is the country index of the gazetteer index.
        # Built by GazetteerBuilder from pycountry ISO 3166-1 (LGPL-2.1), countryinfo (MIT), GeoNames (CC BY 4.0),
        # Mordecai nat_df.csv (MIT), ACLED's country list (spellings) and countries-extra.tsv. See ATTRIBUTION.md.
        # Format: iso2<TAB>iso3<TAB>ISO numeric<TAB>ACLED name<TAB>latitude<TAB>longitude<TAB>population<TAB>names|…<TAB>demonyms|…

        """
        for c in countries {
            tsv += [c.iso2, c.iso3, String(c.numeric), c.acledName, String(c.latitude), String(c.longitude), String(c.population),
                    c.names.joined(separator: "|"), c.demonyms.joined(separator: "|")].joined(separator: "\t") + "\n"
        }
        try tsv.write(to: out.appendingPathComponent("countries.tsv"), atomically: true, encoding: .utf8)
        try writeCommonWords(placeKeys: placeKeys)
    }

    /// `gzip -n -9`: no name or time in the header, so the same places give the same bytes and
    /// an unchanged country's file stays unchanged in git.
    func gzip(_ data: Data, to file: URL) throws {
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else { throw GazetteerBuilder.BuildError.missing(file.path) }
        let output = try FileHandle(forWritingTo: file)
        defer { try? output.close() }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-n", "-9", "-c"]
        let input = Pipe()
        p.standardInput = input
        p.standardOutput = output
        try p.run()
        try input.fileHandleForWriting.write(contentsOf: data)
        try input.fileHandleForWriting.close()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw GazetteerBuilder.BuildError.decompress(file.path) }
    }

    /// English words that are also place names somewhere ("Mobile", "Bar", "Split"): words the
    /// Wikipedia conflict corpus writes in lower case at least as often as capitalised. The
    /// resolver wants stronger context before it reads one of them as a place.
    func writeCommonWords(placeKeys: Set<[UInt8]>) throws {
        let dir = url("corpus/wikipedia-conflicts")
        guard let e = FileManager.default.enumerator(atPath: dir.path) else { return }
        var lower: [String: Int] = [:]
        var upper: [String: Int] = [:]
        for case let f as String in e where f.hasSuffix(".md") {
            guard let d = FileManager.default.contents(atPath: dir.appendingPathComponent(f).path) else { continue }
            for t in Tokenizer.tokenize(String(decoding: d, as: UTF8.self)) where t.kind == .word {
                if t.isCapitalized { upper[t.norm, default: 0] += 1 } else { lower[t.norm, default: 0] += 1 }
            }
        }
        let words = lower.filter { w, n in
            n >= 3 && n >= (upper[w] ?? 0) && w.count >= 2 && placeKeys.contains(Array(PlaceKey.key(w).utf8))
        }.keys.sorted()
        let text = """
        # English words that are also the name of some place in the gazetteer: words that the Wikipedia
        # conflict articles in ../shared/data/corpus (CC BY-SA 4.0) write in lower case at least three times
        # and at least as often as capitalised. Generated by GazetteerBuilder; the place resolver asks for
        # stronger context before reading one of them as a place. One lower-case word per line.

        """ + words.joined(separator: "\n") + "\n"
        try FileManager.default.createDirectory(at: commonWordsURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: commonWordsURL, atomically: true, encoding: .utf8)
    }
}
