import Foundation

/// Builds the memory-mapped index (`GazetteerFormat`) from a gazetteer folder's sources
/// (`places/*.tsv.gz` and `countries.tsv`): records in file order, every name folded with
/// `PlaceKey.key` — the same folding the resolver looks names up with — and sorted into a key
/// index. Run on first use of a new set of sources (see `GazetteerIndexCache`), never committed.
enum GazetteerIndexWriter {
    struct Stats: Sendable {
        var records = 0
        var keys = 0
        var postings = 0
        var bytes = 0
    }

    enum Failure: Error, CustomStringConvertible {
        case noSources(String)
        case badSource(String)
        var description: String {
            switch self {
            case .noSources(let p): "no place sources (places/*.tsv.gz) in \(p)"
            case .badSource(let p): "cannot read \(p)"
            }
        }
    }

    /// One name of one record, waiting to be sorted into the key index.
    private struct Posting {
        var keyStart: UInt32
        var keyLength: UInt8
        var value: UInt32
        var prior: Float
    }

    /// Writes the index of the sources in `directory` to `file`.
    static func write(sources directory: URL, to file: URL) throws -> Stats {
        let files = PlaceSourceFormat.files(in: directory)
        guard !files.isEmpty else { throw Failure.noSources(directory.path) }
        let tsv = (try? String(contentsOf: directory.appendingPathComponent("countries.tsv"), encoding: .utf8)) ?? ""
        var countryRow: [String: Int] = [:]
        for (i, row) in Gazetteer.countryRows(tsv).enumerated() { countryRow[row[0]] = i }

        var strings = StringTable()
        var records = [UInt8]()
        var admin1Rows: [String: UInt16] = [:]
        var admin1Table: [UInt32] = []
        var sourceRows: [String: UInt8] = [:]
        var sourceTable: [UInt32] = []
        var keyArena = [UInt8]()
        var postings: [Posting] = []
        var count = 0
        for url in files {
            guard let gz = FileManager.default.contents(atPath: url.path), let data = try? Gzip.decompress(gz) else {
                throw Failure.badSource(url.path)
            }
            let text = String(decoding: data, as: UTF8.self)
            for raw in text.split(separator: "\n") {
                guard let l = PlaceSourceFormat.parse(raw), let country = countryRow[l.country] else { continue }
                let record = UInt32(count)
                count += 1
                let a1: UInt16
                if let row = admin1Rows[l.admin1] { a1 = row } else {
                    a1 = UInt16(admin1Table.count)
                    admin1Rows[l.admin1] = a1
                    admin1Table.append(strings.interned(l.admin1))
                }
                let src: UInt8
                if let row = sourceRows[l.source] { src = row } else {
                    src = UInt8(sourceTable.count)
                    sourceRows[l.source] = src
                    sourceTable.append(strings.interned(l.source))
                }
                put32(UInt32(bitPattern: Int32(truncatingIfNeeded: l.id)), &records)
                put32(UInt32(bitPattern: Int32((l.latitude * GazetteerFormat.coordinateScale).rounded())), &records)
                put32(UInt32(bitPattern: Int32((l.longitude * GazetteerFormat.coordinateScale).rounded())), &records)
                put32(UInt32(min(l.population, Int(UInt32.max))), &records)
                put32(strings.appended(l.name), &records)
                put32(strings.interned(l.admin2), &records)
                put32(strings.interned(l.admin3), &records)
                put32(strings.interned(l.seat), &records)
                withUnsafeBytes(of: a1.littleEndian) { records += $0 }
                records.append(UInt8(country))
                records.append(GazetteerFormat.kindCode(l.kind))
                records.append(src)
                records.append(l.placedAtSeat ? GazetteerFormat.Flag.placedAtSeat : 0)
                records += [0, 0]

                let mainKey = PlaceKey.key(l.name)
                var seen = Set<String>()
                for n in l.names {
                    let k = PlaceKey.key(n)
                    let bytes = k.utf8.count
                    guard bytes >= 2, bytes <= 255, seen.insert(k).inserted else { continue }
                    let main = k == mainKey
                    postings.append(Posting(keyStart: UInt32(keyArena.count), keyLength: UInt8(bytes),
                                            value: record | (main ? GazetteerFormat.mainNameFlag : 0),
                                            prior: Float(GazetteerFormat.postingPrior(kind: l.kind, population: l.population, mainName: main))))
                    keyArena += k.utf8
                }
            }
        }

        // Keys in byte order; under one key, the likeliest place first.
        keyArena.withUnsafeBufferPointer { arena in
            let base = arena.baseAddress!
            postings.sort { a, b in
                let c = memcmp(base + Int(a.keyStart), base + Int(b.keyStart), Int(min(a.keyLength, b.keyLength)))
                if c != 0 { return c < 0 }
                if a.keyLength != b.keyLength { return a.keyLength < b.keyLength }
                if a.prior != b.prior { return a.prior > b.prior }
                return a.value < b.value
            }
        }
        var index = [UInt8]()
        var blob = [UInt8]()
        var keys = 0
        var i = 0
        while i < postings.count {
            var j = i + 1
            let k = keyArena[Int(postings[i].keyStart)..<Int(postings[i].keyStart) + Int(postings[i].keyLength)]
            while j < postings.count, postings[j].keyLength == postings[i].keyLength,
                  keyArena[Int(postings[j].keyStart)..<Int(postings[j].keyStart) + Int(postings[j].keyLength)] == k {
                j += 1
            }
            put32(UInt32(blob.count), &index)
            blob.append(UInt8(k.count))
            blob += k
            var n = j - i
            repeat {
                var byte = UInt8(n & 0x7F)
                n >>= 7
                if n > 0 { byte |= 0x80 }
                blob.append(byte)
            } while n > 0
            for p in postings[i..<j] { put32(p.value, &blob) }
            keys += 1
            i = j
        }
        let postingCount = postings.count
        postings = []
        keyArena = []

        var admin1Bytes = [UInt8]()
        for o in admin1Table { put32(o, &admin1Bytes) }
        var sourceBytes = [UInt8]()
        for o in sourceTable { put32(o, &sourceBytes) }
        let recordsOff = GazetteerFormat.headerWords * 4
        let admin1Off = recordsOff + records.count
        let sourceOff = admin1Off + admin1Bytes.count
        let stringsOff = sourceOff + sourceBytes.count
        let indexOff = stringsOff + strings.bytes.count
        let blobOff = indexOff + index.count
        var header = [UInt8]()
        for v in [GazetteerFormat.magic, GazetteerFormat.version, UInt32(count), UInt32(recordsOff), UInt32(stringsOff),
                  UInt32(strings.bytes.count), UInt32(keys), UInt32(indexOff), UInt32(blobOff), UInt32(blob.count),
                  UInt32(admin1Table.count), UInt32(admin1Off), UInt32(sourceTable.count), UInt32(sourceOff), 0, 0] {
            put32(v, &header)
        }
        // Written part by part: the pieces are large and a concatenated copy would double the peak.
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else { throw Failure.badSource(file.path) }
        let h = try FileHandle(forWritingTo: file)
        defer { try? h.close() }
        for part in [header, records, admin1Bytes, sourceBytes, strings.bytes, index, blob] { try h.write(contentsOf: part) }
        return Stats(records: count, keys: keys, postings: postingCount, bytes: blobOff + blob.count)
    }

    private static func put32(_ v: UInt32, _ a: inout [UInt8]) { withUnsafeBytes(of: v.littleEndian) { a += $0 } }

    /// `[u8 length][bytes]` strings: repeated ones (admin names, seats) stored once.
    private struct StringTable {
        var bytes = [UInt8](repeating: 0, count: 1)  // offset 0: the empty string
        var offsets: [String: UInt32] = ["": 0]

        mutating func interned(_ s: String) -> UInt32 {
            if let o = offsets[s] { return o }
            let o = appended(s)
            offsets[s] = o
            return o
        }

        /// Names are nearly all distinct: appended without the dictionary.
        mutating func appended(_ s: String) -> UInt32 {
            if s.isEmpty { return 0 }
            var b = Array(s.utf8)
            if b.count > 255 { b = Array(b.prefix(255)) }
            let o = UInt32(bytes.count)
            bytes.append(UInt8(b.count))
            bytes += b
            return o
        }
    }
}
