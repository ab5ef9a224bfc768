import Foundation
import Testing
@testable import SitrepCore

@Suite struct IngestGzipTests {
    @Test func inflatesDynamicHuffmanBlocks() throws {
        let packed = try IngestFixtures.data("repeated-report.txt.gz")
        #expect(Gzip.isGzip(packed))
        #expect(try Gzip.decompress(packed) == IngestFixtures.data("repeated-report.txt"))
    }

    @Test func inflatesFixedHuffmanBlocks() throws {
        let out = try Gzip.decompress(IngestFixtures.data("short.txt.gz"))
        #expect(String(decoding: out, as: UTF8.self) == "Gunmen attacked a bus near Palmyra.\n")
    }

    @Test func inflatesStoredBlocks() throws {
        let body = Array("Stored block: no compression at all.".utf8)
        let n = body.count
        var file: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]
        file += [0x01, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)] + body
        file += [0, 0, 0, 0, UInt8(n & 0xFF), UInt8(n >> 8), 0, 0] // CRC (unchecked), length
        #expect(try Gzip.decompress(Data(file)) == Data(body))
    }

    @Test func corruptOrTruncatedArchivesFailWithAReason() throws {
        let packed = try [UInt8](IngestFixtures.data("repeated-report.txt.gz"))
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(Data(packed.prefix(packed.count / 2))) }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var broken = packed
            for _ in 0..<4 { broken[Int.random(in: 10..<broken.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            _ = try? Gzip.decompress(Data(broken)) // must not trap
        }
        let items = DocumentReader().read(data: Data(packed.prefix(40)), origin: "cut.gz")
        guard case .failure(let e) = items.first else {
            Issue.record("a truncated archive was read")
            return
        }
        #expect(e.reason.hasPrefix("gzip:"))
    }
}
