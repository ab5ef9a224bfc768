import Foundation

/// The dashboard's offline basemap: country outlines from countryinfo (MIT), one GeoJSON feature
/// per country with coordinates rounded to 0.01° (about 1 km) — enough for a backdrop, and small.
public enum Basemap {
    /// Reads `countries/*.json` under `directory` (countryinfo's per-country files) and returns the
    /// compact FeatureCollection as text, countries sorted by name so the output is reproducible.
    public static func build(countryinfo directory: String) throws -> (geojson: String, countries: Int) {
        let folder = URL(fileURLWithPath: directory).appendingPathComponent("countries")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        var features: [(String, String)] = []
        for f in files {
            let data = try Data(contentsOf: folder.appendingPathComponent(f))
            guard let country = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let name = country["name"] as? String,
                  let collection = country["geoJSON"] as? [String: Any],
                  let inner = collection["features"] as? [[String: Any]] else { continue }
            for feature in inner {
                guard let geometry = feature["geometry"] as? [String: Any], let type = geometry["type"] as? String,
                      type == "Polygon" || type == "MultiPolygon", let coords = geometry["coordinates"] else { continue }
                let iso = (country["ISO"] as? [String: Any])?["alpha3"] as? String ?? ""
                let text = "{\"type\":\"Feature\",\"properties\":{\"name\":" + quote(name) + ",\"iso3\":" + quote(iso)
                    + "},\"geometry\":{\"type\":\"" + type + "\",\"coordinates\":" + rounded(coords) + "}}"
                features.append((name, text))
            }
        }
        features.sort { $0.0 < $1.0 }
        let attribution = "Country outlines from countryinfo 1.0.1 (MIT, Copyright (c) 2018 Porimol Chandro), coordinates rounded to 0.01 degrees"
        let out = "{\"type\":\"FeatureCollection\",\"attribution\":" + quote(attribution) + ",\"features\":[\n"
            + features.map(\.1).joined(separator: ",\n") + "\n]}\n"
        return (out, features.count)
    }

    /// Nested coordinate arrays with numbers at two decimals; repeated points (after rounding) dropped.
    static func rounded(_ v: Any) -> String {
        if let pair = v as? [Double], pair.count >= 2 {
            return "[" + num(pair[0]) + "," + num(pair[1]) + "]"
        }
        guard let list = v as? [Any] else { return "[]" }
        var parts: [String] = []
        for item in list {
            let s = rounded(item)
            if parts.last != s || !(item is [Double]) { parts.append(s) }
        }
        return "[" + parts.joined(separator: ",") + "]"
    }

    static func num(_ d: Double) -> String {
        let r = (d * 100).rounded() / 100
        var s = String(format: "%.2f", r)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }

    static func quote(_ s: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [s], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
}
