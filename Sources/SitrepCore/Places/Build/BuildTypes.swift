import Foundation

// MARK: - Working types

struct BuildCountry {
    var iso2: String
    var iso3: String
    var numeric: Int
    var acledName: String
    var latitude = 0.0
    var longitude = 0.0
    var population = 0
    var names: [String] = []
    var demonyms: [String] = []
}

struct BuildPlace {
    var id: Int
    var latitude: Double
    var longitude: Double
    var population: Int
    var name: String
    var admin1 = ""
    var admin2 = ""
    /// Township, hromada or sub-district, where the source gives it.
    var admin3 = ""
    var seat = ""
    var country: Int
    var kind: Place.Kind
    var admin1Record = -1
    /// Names to index; the first is the main name.
    var names: [String]
    /// GeoNames admin1 code ("SY.08"), for grouping.
    var admin1Code = ""
    /// Tag of `gazetteer/sources.tsv`: where the place comes from, for attribution.
    var source = ""
    /// Coordinates are the seat's of the unit the place belongs to (see `Place.placedAtSeat`).
    var placedAtSeat = false
}

/// A coarse lat/lon grid for nearest-neighbour queries while building.
struct PointGrid {
    var cells: [Int: [(Int, Double, Double)]] = [:]
    static let size = 0.25

    static func key(_ lat: Double, _ lon: Double) -> (Int, Int) {
        (Int((lat / size).rounded(.down)), Int((lon / size).rounded(.down)))
    }

    mutating func insert(_ i: Int, lat: Double, lon: Double) {
        let (a, b) = PointGrid.key(lat, lon)
        cells[a &* 100_003 &+ b, default: []].append((i, lat, lon))
    }

    /// Nearest inserted item within `maxKm` that satisfies `pred`.
    func nearest(lat: Double, lon: Double, maxKm: Double, where pred: (Int) -> Bool) -> Int? {
        let (a, b) = PointGrid.key(lat, lon)
        let reachLat = Int((maxKm / (PointGrid.size * 111)).rounded(.up))
        let reachLon = Int((maxKm / (PointGrid.size * 111 * max(0.2, cos(lat * .pi / 180)))).rounded(.up))
        var best: Int? = nil
        var bestD = maxKm
        for da in -reachLat...reachLat {
            for db in -reachLon...reachLon {
                for (i, plat, plon) in cells[(a + da) &* 100_003 &+ (b + db)] ?? [] {
                    let d = Earth.distanceKm(lat, lon, plat, plon)
                    if d <= bestD, pred(i) { best = i; bestD = d }
                }
            }
        }
        return best
    }
}
