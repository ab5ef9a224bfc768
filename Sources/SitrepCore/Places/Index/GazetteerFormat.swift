import Foundation

/// Layout of the gazetteer index (`<cache>/gazetteer/<key>.bin`), shared by the writer
/// (`GazetteerIndexWriter`) and the reader (`Gazetteer`).
///
/// The file is read in place (memory-mapped), never parsed into objects, so loading costs
/// milliseconds and the places take no heap. All integers are little-endian.
///
///     header      16 × u32: magic "SGZ1", version, recordCount, recordsOffset, stringsOffset,
///                 stringsLength, keyCount, keyIndexOffset, keyBlobOffset, keyBlobLength,
///                 admin1Count, admin1TableOffset, sourceCount, sourceTableOffset, 2 × 0
///     records     recordCount × 40 bytes (see `RecordField`)
///     admin1Table admin1Count × u32: string offsets of the admin1 names records point to
///     sourceTable sourceCount × u32: string offsets of the source tags records point to
///     strings     [u8 length][bytes] … ; offset 0 is the empty string
///     keyIndex    keyCount × u32: offsets into keyBlob, sorted by key bytes
///     keyBlob     per key: [u8 length][key bytes][varint n][n × u32 posting]
///
/// A posting is a record index; bit 31 says the key came from the record's main name
/// rather than from one of its alternate names. Postings are stored best first.
enum GazetteerFormat {
    static let magic: UInt32 = 0x315A_4753  // "SGZ1"
    /// Raise it whenever the layout, the posting order or the name keys change: the cache key
    /// includes it, so every cached index is rebuilt.
    static let version: UInt32 = 3
    static let headerWords = 16
    static let recordSize = 40
    static let mainNameFlag: UInt32 = 0x8000_0000
    static let coordinateScale = 100_000.0

    /// Byte offsets of a record's fields.
    enum RecordField {
        static let id = 0          // i32 GeoNames id, or negative for places from other sources
        static let latitude = 4    // i32, degrees × 1e5
        static let longitude = 8   // i32
        static let population = 12 // u32
        static let name = 16       // u32 string offset: name in ACLED's ASCII style
        static let admin2 = 20     // u32 string offset
        static let admin3 = 24     // u32 string offset (township, hromada, sub-district)
        static let seat = 28       // u32 string offset: for an area, the town it is coded to
        static let admin1 = 32     // u16 row of the admin1 table (ACLED's spelling)
        static let country = 34    // u8 row of countries.tsv
        static let kind = 35       // u8 Place.Kind code
        static let source = 36     // u8 row of the source table
        static let flags = 37      // u8, see `Flag`
    }

    enum Flag {
        /// The coordinates are the seat of the unit the place belongs to, not its own.
        static let placedAtSeat: UInt8 = 1
    }

    static let kinds: [Place.Kind] = [.populated, .admin1, .admin2, .region, .country, .admin3]

    static func kindCode(_ k: Place.Kind) -> UInt8 { UInt8(kinds.firstIndex(of: k)!) }

    /// Importance that orders postings: administrative units and big towns first.
    static func postingPrior(kind: Place.Kind, population: Int, mainName: Bool) -> Double {
        let base: Double
        switch kind {
        case .country: base = 3
        case .admin1: base = 2
        case .region: base = 1.5
        case .admin2: base = 0.5
        case .admin3: base = 0.3
        case .populated: base = 0
        }
        return base + log10(Double(max(population, 1))) + (mainName ? 0.3 : 0)
    }
}
