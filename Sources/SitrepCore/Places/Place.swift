/// A gazetteer entry: a town, an administrative area, a region or a country.
public struct Place: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case populated      // a town, village or city district
        case admin1         // a province, governorate, state, region
        case admin2         // a district
        /// A unit below the district that reports name as a place: Myanmar's townships, Ukraine's
        /// hromadas, Syria's sub-districts. Coded to its seat, like a district.
        case admin3
        case region         // a named area that is not an administrative unit (Eastern Ghouta)
        case country
    }

    public var id: Int
    public var name: String
    public var kind: Kind
    /// ISO 3166-1 alpha-2.
    public var countryCode: String
    /// Country name as ACLED writes it ("Democratic Republic of Congo").
    public var country: String
    public var admin1: String
    public var admin2: String
    /// The unit below the district, where the source knows it (township, hromada, sub-district).
    public var admin3: String
    public var latitude: Double
    public var longitude: Double
    public var population: Int
    /// For an area (admin unit, region): the town ACLED-style coding puts its events at
    /// ("Carabobo state" is coded to Valencia). Empty for towns.
    public var seat: String
    /// Tag of the data source the place comes from (`gazetteer/sources.tsv`), for attribution.
    public var source: String
    /// The coordinates are those of the seat of the unit the place belongs to, not its own (a
    /// Ukrainian village known only by its hromada): a coder's "near" that seat.
    public var placedAtSeat: Bool

    public init(id: Int, name: String, kind: Kind, countryCode: String, country: String,
                admin1: String = "", admin2: String = "", admin3: String = "", latitude: Double, longitude: Double,
                population: Int = 0, seat: String = "", source: String = "", placedAtSeat: Bool = false) {
        self.id = id
        self.name = name
        self.kind = kind
        self.countryCode = countryCode
        self.country = country
        self.admin1 = admin1
        self.admin2 = admin2
        self.admin3 = admin3
        self.latitude = latitude
        self.longitude = longitude
        self.population = population
        self.seat = seat
        self.source = source
        self.placedAtSeat = placedAtSeat
    }
}
