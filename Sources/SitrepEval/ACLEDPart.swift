/// Which part of acled-dev a row belongs to (`eval/ACLED-PARTS.md`): the readout part, whose errors
/// may be read while rules are written, or the report part, which is only ever scored.
///
/// The rule was fixed before any figure was measured with it: whole country-years go to one side,
/// the report part when the FNV-1a-64 hash of `acled-part:<country>:<year>` mod 100 is below 32.
public enum ACLEDPart: String, Sendable, CaseIterable {
    case readout
    case report
    case all

    /// Country-years whose hash mod 100 falls below this go to the report part.
    public static let reportBelow: UInt64 = 32

    /// Files whose every row was read as the error readout before the parts were fixed: their
    /// report part is less clean, and `eval acled --leave-one-out` pools the report part without them too.
    public static let readBefore: Set<String> = ["acled-2022h1-global.csv"]

    /// The side of a country-year.
    public static func of(country: String, year: Int?) -> ACLEDPart {
        let c = country.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let y = year.map(String.init) ?? ""
        return NewsSplit.fnv1a64("acled-part:\(c):\(y)") % 100 < reportBelow ? .report : .readout
    }

    /// The side of a row: its country and its `year` column (the date's year when the column is missing).
    public static func of(_ row: ACLEDRow) -> ACLEDPart {
        of(country: row.country, year: row.year ?? row.date?.year)
    }

    public func includes(_ row: ACLEDRow) -> Bool {
        self == .all || self == ACLEDPart.of(row)
    }
}
