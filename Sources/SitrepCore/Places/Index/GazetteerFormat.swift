import Foundation

/// Layout of `gazetteer/places.bin`, shared by the builder and the reader.
///
/// The file is read in place (memory-mapped), never parsed into objects, so loading costs
/// microseconds and the 230,000 places take no heap. All integers are little-endian.
///
///     header      16 × u32: magic "SGZ1", version, recordCount, recordsOffset, stringsOffset,
///                 stringsLength, keyCount, keyIndexOffset, keyBlobOffset, keyBlobLength,
///                 admin1Count, admin1TableOffset, 4 × 0
///     records     recordCount × 28 bytes (see `RecordField`)
///     admin1Table admin1Count × u32: string offsets of the admin1 names records point to
///     strings     [u8 length][bytes] … ; offset 0 is the empty string
///     keyIndex    keyCount × u32: offsets into keyBlob, sorted by key bytes
///     keyBlob     per key: [u8 length][key bytes][varint n][n × u32 posting]
///
/// A posting is a record index; bit 31 says the key came from the record's main name
/// rather than from one of its alternate names. Postings are stored best first.
enum GazetteerFormat {
    static let magic: UInt32 = 0x315A_4753  // "SGZ1"
    static let version: UInt32 = 2
    static let headerWords = 16
    static let recordSize = 28
    static let mainNameFlag: UInt32 = 0x8000_0000
    static let coordinateScale = 100_000.0

    /// Byte offsets of a record's fields.
    enum RecordField {
        static let id = 0          // i32 GeoNames id, or negative for places from other sources
        static let latitude = 4    // i32, degrees × 1e5
        static let longitude = 8   // i32
        static let population = 12 // u32
        static let name = 16       // u32 string offset: name in ACLED's ASCII style
        /// u32 string offset: admin2 for a town; for an area, the town it is coded to (its seat).
        static let admin2OrSeat = 20
        static let admin1 = 24     // u16 row of the admin1 table (ACLED's spelling)
        static let country = 26    // u8 row of countries.tsv
        static let kind = 27       // u8 Place.Kind code
    }

    static let kinds: [Place.Kind] = [.populated, .admin1, .admin2, .region, .country]

    static func kindCode(_ k: Place.Kind) -> UInt8 { UInt8(kinds.firstIndex(of: k)!) }
}
