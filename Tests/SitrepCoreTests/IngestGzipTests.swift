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
        file += [0x2D, 0x39, 0xB9, 0x52, UInt8(n & 0xFF), UInt8(n >> 8), 0, 0] // CRC-32 (zlib.crc32), length
        #expect(try Gzip.decompress(Data(file)) == Data(body))
    }

    @Test func aMemberWhoseChecksumDisagreesIsRefused() throws {
        var packed = try [UInt8](IngestFixtures.data("short.txt.gz"))
        packed[packed.count - 8] ^= 0x01
        let error = #expect(throws: Gzip.Failure.self) { try Gzip.decompress(Data(packed)) }
        #expect(error?.description.contains("CRC-32") == true)
    }

    @Test func everyMemberOfAMultiMemberFileIsChecked() throws {
        let one = try [UInt8](IngestFixtures.data("short.txt.gz"))
        var two = one + one
        #expect(try Gzip.decompress(Data(two)).count == 2 * (try Gzip.decompress(Data(one))).count)
        two[one.count - 8] ^= 0x01  // the first member's checksum
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(Data(two)) }
    }

    /// A file that expands past the limit is refused when its output reaches the limit, whatever
    /// its trailer claims (here it claims 0 bytes).
    @Test func outputPastTheLimitIsRefused() throws {
        // Stored blocks of zeros: 5 blocks of 60,000 bytes, 300,000 in all.
        var file: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]
        let n = 60_000
        for k in 0..<5 {
            file += [k == 4 ? 0x01 : 0x00, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            file += [UInt8](repeating: 0, count: n)
        }
        file += [0, 0, 0, 0, 0, 0, 0, 0]
        let error = #expect(throws: Gzip.Failure.self) { try Gzip.decompress(Data(file), limit: 100_000) }
        #expect(error?.description.contains("expands to more than") == true)
        // The trailer's own length, when it tells the truth, is refused before decoding.
        file.replaceSubrange((file.count - 4)..., with: [0xE0, 0x93, 0x04, 0x00])
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(Data(file), limit: 100_000) }
    }

    @Test func aBombIsAOneLineErrorNamingTheFile() throws {
        var reader = DocumentReader()
        reader.maxInflatedBytes = 1 << 16
        var file: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]
        let n = 65_000
        for k in 0..<2 {
            file += [k == 1 ? 0x01 : 0x00, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            file += [UInt8](repeating: 0x41, count: n)
        }
        file += [0, 0, 0, 0, 0, 0, 0, 0]
        let items = reader.read(data: Data(file), origin: "bomb.txt.gz")
        guard items.count == 1, case .failure(let e) = items[0] else {
            Issue.record("a file past the limit was read")
            return
        }
        #expect(e.description.hasPrefix("bomb.txt.gz: gzip: expands to more than"))
        #expect(!e.description.contains("\n"))
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
