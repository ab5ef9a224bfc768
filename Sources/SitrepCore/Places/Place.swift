/// A gazetteer entry: a town, an administrative area, a region or a country.
public struct Place: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case populated      // a town, village or city district
        case admin1         // a province, governorate, state, region
        case admin2         // a district
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
    public var latitude: Double
    public var longitude: Double
    public var population: Int
    /// For an area (admin unit, region): the town ACLED-style coding puts its events at
    /// ("Carabobo state" is coded to Valencia). Empty for towns.
    public var seat: String

    public init(id: Int, name: String, kind: Kind, countryCode: String, country: String,
                admin1: String = "", admin2: String = "", latitude: Double, longitude: Double,
                population: Int = 0, seat: String = "") {
        self.id = id
        self.name = name
        self.kind = kind
        self.countryCode = countryCode
        self.country = country
        self.admin1 = admin1
        self.admin2 = admin2
        self.latitude = latitude
        self.longitude = longitude
        self.population = population
        self.seat = seat
    }
}
