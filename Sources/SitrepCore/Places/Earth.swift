import Foundation

/// Distances on the globe, for disambiguating places by proximity and for evaluation.
public enum Earth {
    /// Great-circle distance in kilometres (haversine).
    public static func distanceKm(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let r = Double.pi / 180
        let dlat = (lat2 - lat1) * r
        let dlon = (lon2 - lon1) * r
        let a = sin(dlat / 2) * sin(dlat / 2) + cos(lat1 * r) * cos(lat2 * r) * sin(dlon / 2) * sin(dlon / 2)
        return 6371 * 2 * atan2(sqrt(a), sqrt(max(0, 1 - a)))
    }

    public static func distanceKm(_ a: Place, _ b: Place) -> Double { distanceKm(a.latitude, a.longitude, b.latitude, b.longitude) }

    /// Equirectangular approximation: within a few per cent up to a few hundred km, and cheap,
    /// for weighing candidates by nearness.
    static func roughKm(_ a: Place, _ b: Place) -> Double {
        let r = Double.pi / 180
        let x = (b.longitude - a.longitude) * r * cos((a.latitude + b.latitude) * 0.5 * r)
        let y = (b.latitude - a.latitude) * r
        return 6371 * (x * x + y * y).squareRoot()
    }
}
