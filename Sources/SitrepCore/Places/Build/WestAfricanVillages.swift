import Foundation

/// The populated places of GeoNames' country dumps for Burkina Faso, Côte d'Ivoire, Guinea,
/// Mali, Mauritania, Niger and Senegal (`villages/geonames-west-africa`): villages below
/// cities500's threshold, which the Sahel's reports name. They join the towns before admin units
/// are built, as an import's dump does (same geonameid: not added twice); historical places
/// (PPLH) are left out, since reports name places that exist.
extension GazetteerBuild {
    mutating func mergeWestAfricanDumps(_ cities: [City]) throws -> [City] {
        let folder = url("\(villagesFolder)/geonames-west-africa")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".txt.gz") }.sorted()
        guard !files.isEmpty else {
            report.missingSources.append("geonames-west-africa")
            return cities
        }
        var merge = DumpMerge(towns: cities, admin2Names: [:])
        for f in files {
            _ = try GeoNamesDump.read(gzipped: folder.appendingPathComponent(f)) { row in
                if row.featureCode != "PPLH" { merge.add(row) }
            }
        }
        report.sourceAdded["geonames-west-africa", default: 0] += merge.added
        report.sourceMerged["geonames-west-africa", default: 0] += merge.alreadyPresent
        return merge.towns.sorted { $0.id < $1.id }
    }
}
