import Foundation
import Testing
@testable import SitrepCore

/// Fixture files of the ingest and clean tests.
enum IngestFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/ingest")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    static func data(_ name: String) throws -> Data { try Data(contentsOf: directory.appendingPathComponent(name)) }

    /// The shared data folder beside the repository (development data, not shipped).
    static let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared").standardizedFileURL
}

@Suite struct IngestDecodingTests {
    func decode(_ bytes: [UInt8]) throws -> String { try TextDecoding.decode(Data(bytes), origin: "t") }

    func reason(_ bytes: [UInt8]) -> String? {
        do {
            _ = try decode(bytes)
            return nil
        } catch let e as DocumentError {
            #expect(e.origin == "t")
            #expect(!e.reason.contains("\n"))
            return e.reason
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func readsUTF8WithAndWithoutByteOrderMark() throws {
        let text = "Shelling hit Ḥamā and Dar‘a on Sunday."
        #expect(try decode(Array(text.utf8)) == text)
        #expect(try decode([0xEF, 0xBB, 0xBF] + Array(text.utf8)) == text)
    }

    @Test func readsUTF16LittleEndianFixture() throws {
        let text = try TextDecoding.decode(IngestFixtures.data("utf16-report.txt"), origin: "utf16")
        #expect(text.hasPrefix("ALEPPO (Syrian Voice) - Two barrel bombs"))
        #expect(text.contains("al-Shaʿar"))
        #expect(text.contains("helicopter — the third raid"))
    }

    @Test func readsUTF16BigEndianWithBOM() throws {
        let text = "Troops entered Raqqa — residents fled."
        var bytes: [UInt8] = [0xFE, 0xFF]
        for u in text.utf16 { bytes += [UInt8(u >> 8), UInt8(u & 0xFF)] }
        #expect(try decode(bytes) == text)
    }

    @Test func readsUTF16WithoutBOMByItsNulPattern() throws {
        let text = "Two soldiers were killed in an ambush near Deir ez-Zor on Monday."
        var le: [UInt8] = []
        for u in text.utf16 { le += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        #expect(try decode(le) == text)
    }

    @Test func readsLatin1FixtureAsWindows1252() throws {
        let text = try TextDecoding.decode(IngestFixtures.data("latin1-report.txt"), origin: "latin1")
        #expect(text.contains("Des frappes aériennes ont tué onze civils à Maârat"))
        // 0x92, 0x93, 0x94, 0x96 are Windows-1252 punctuation, not C1 controls.
        #expect(text.contains("l’Observatoire"))
        #expect(text.contains("“nous avons compté onze corps” – dont"))
    }

    @Test func undefinedWindows1252BytesFallBackToLatin1() throws {
        let text = try decode([0x41, 0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x80])
        #expect(Array(text.unicodeScalars.map(\.value)) == [0x41, 0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x20AC])
    }

    @Test func latin1FileEndingInAccentIsNotTruncatedUTF8() throws {
        // "Caf" + é (0xE9) looks like the start of a 3-byte sequence, but the file has no
        // multi-byte sequence anywhere, so it is Latin-1.
        #expect(try decode(Array("Le caf".utf8) + [0xE9]) == "Le café")
    }

    @Test func keepsUTF8AndReadsStrayBytesAsWindows1252() throws {
        let bytes = Array("Aleppo – ".utf8) + [0x93] + Array("siege".utf8) + [0x94]
        #expect(try decode(bytes) == "Aleppo – “siege”")
    }

    @Test func rejectsEmptyFile() {
        #expect(reason([]) == "empty file")
        #expect(reason([0xEF, 0xBB, 0xBF]) == "empty file")
        #expect(reason([0xFF, 0xFE]) == "empty file")
    }

    @Test func rejectsBinaryData() {
        #expect(reason([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D])?.contains("NUL") == true)
        let controls: [UInt8] = (0..<200).map { UInt8($0 % 8 + 1) } + Array("text".utf8)
        #expect(reason(controls)?.contains("control characters") == true)
    }

    @Test func rejectsUTF8CutInTheMiddleOfACharacter() {
        let bytes = Array("Forces entered Ḥamā".utf8)
        let r = reason(Array(bytes.dropLast()))
        #expect(r?.hasPrefix("truncated in the middle of a character") == true)
    }

    @Test func rejectsUTF16CutInHalf() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for u in "Idlib".utf16 { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        #expect(reason(Array(bytes.dropLast()))?.contains("odd number of bytes") == true)
        // A lone high surrogate at the end: the second half of an emoji is missing.
        #expect(reason([0xFF, 0xFE, 0x41, 0x00, 0x3D, 0xD8])?.contains("surrogate") == true)
    }

    @Test func neverCrashesOnRandomBytes() {
        var rng = SystemRandomNumberGenerator()
        var decoded = 0
        for length in [1, 2, 3, 4, 5, 7, 16, 63, 64, 255, 1024, 4099] {
            for _ in 0..<40 {
                let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
                if (try? decode(bytes)) != nil { decoded += 1 }
                // High bytes only: no NUL and no controls, so these must decode.
                let high = (0..<length).map { _ in UInt8.random(in: 0x80...0xFF, using: &rng) }
                let r = reason(high)
                // (a byte order mark alone is an empty file)
                #expect(r == nil || r!.hasPrefix("truncated") || length <= 3 && r == "empty file")
            }
        }
        #expect(decoded > 0)
    }
}
