/// RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks.
public struct CSVTable: Sendable {
    public var header: [String]
    public var rows: [[String]]
    /// 1-based line number in the file where each row starts, for error messages.
    public var lineNumbers: [Int]

    public init(text: String) {
        var records: [[String]] = []
        var lines: [Int] = []
        var field = [UInt8]()
        var record: [String] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
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
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == 0x22 {
                    if i + 1 < bytes.count, bytes[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                    inQuotes = false
                } else {
                    if b == 0x0A { line += 1 }
                    field.append(b)
                }
            } else {
                switch b {
                case 0x22 where field.isEmpty: inQuotes = true
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
