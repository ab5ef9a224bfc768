/// RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks.
///
/// A quote that is never closed would make the rest of the file one field, or the text up to the
/// next row's quote: the row it opens in is reported in `errors` instead (a quote that ends a field
/// must be followed by a comma or the end of the line, and the end of the file must not fall inside
/// quotes), and reading goes on at the line after it. Every byte is read at most twice: after the
/// restart, the quotes up to the point of failure came in adjacent pairs (escapes inside the
/// field), and pairs balance whether read inside quotes or not.
public struct CSVTable: Sendable {
    public var header: [String]
    public var rows: [[String]]
    /// 1-based line number in the file where each row starts, for error messages.
    public var lineNumbers: [Int]
    /// Rows that could not be read, by the line they start on.
    public var errors: [(line: Int, reason: String)] = []

    public init(text: String) {
        var records: [[String]] = []
        var lines: [Int] = []
        var field = [UInt8]()
        var record: [String] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var quoteLine = 1, quoteAt = 0
        var problems: [(line: Int, reason: String)] = []
        let bytes = Array(text.utf8)
        var i = 0
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            endField()
            if !(record.count == 1 && record[0].isEmpty) {
                records.append(record)
                lines.append(recordLine)
            }
            record.removeAll(keepingCapacity: true)
            recordLine = line
        }
        /// Drops the row the quote at `quoteAt` opened in and goes on at the line after the quote.
        func skipRow(_ reason: String) {
            problems.append((recordLine, reason))
            inQuotes = false
            field.removeAll(keepingCapacity: true)
            record.removeAll(keepingCapacity: true)
            i = quoteAt
            while i < bytes.count, bytes[i] != 0x0A { i += 1 }
            i += 1
            line = quoteLine + 1
            recordLine = line
        }
        while true {
            guard i < bytes.count else {
                guard inQuotes else { break }
                skipRow("a quoted field opened on line \(quoteLine) is never closed")
                continue
            }
            let b = bytes[i]
            if inQuotes {
                if b == 0x22 {
                    if i + 1 < bytes.count, bytes[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                    if i + 1 < bytes.count, ![0x2C, 0x0A, 0x0D].contains(bytes[i + 1]) {
                        skipRow("a quoted field opened on line \(quoteLine) does not end where its quote closes (line \(line)): a quote is missing")
                        continue
                    }
                    inQuotes = false
                } else {
                    if b == 0x0A { line += 1 }
                    field.append(b)
                }
            } else {
                switch b {
                case 0x22 where field.isEmpty:
                    inQuotes = true
                    quoteLine = line
                    quoteAt = i
                case 0x2C: endField()
                case 0x0D: break
                case 0x0A:
                    line += 1
                    endRecord()
                default: field.append(b)
                }
            }
            i += 1
        }
        if !field.isEmpty || !record.isEmpty { endRecord() }
        header = records.first ?? []
        rows = Array(records.dropFirst())
        lineNumbers = Array(lines.dropFirst())
        errors = problems
    }

    /// Column index by name, ignoring case.
    public func column(_ name: String) -> Int? {
        header.firstIndex { $0.lowercased() == name.lowercased() }
    }

    /// Rows as dictionaries keyed by the header's lower-cased names.
    public var records: [[String: String]] {
        let keys = header.map { $0.lowercased() }
        return rows.map { row in
            var d: [String: String] = [:]
            for (k, v) in zip(keys, row) { d[k] = v }
            return d
        }
    }
}
