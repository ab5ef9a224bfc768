import Foundation
import Testing
@testable import SitrepCore

@Suite struct IngestReaderTests {
    func articles(_ items: [DocumentReader.Item]) -> [Article] {
        items.compactMap { if case .success(let a) = $0 { return a } else { return nil } }
    }

    func errors(_ items: [DocumentReader.Item]) -> [DocumentError] {
        items.compactMap { if case .failure(let e) = $0 { return e } else { return nil } }
    }

    func text(_ a: Article) -> String {
        switch a.body { case .text(let t), .html(let t): return t }
    }

    func isHTML(_ a: Article) -> Bool {
        if case .html = a.body { return true }
        return false
    }

    /// A fresh scratch directory for tests that lay out files.
    func scratchDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }

    // MARK: JSONL

    @Test func readsEachGoodJSONLLineAndReportsEachBadOneWithItsLineNumber() {
        let path = IngestFixtures.path("batch.jsonl")
        let items = DocumentReader().read(paths: [path])
        let good = articles(items)
        #expect(good.map(\.id) == ["b-1", "b-2", "7"])
        #expect(good[0].title == "Car bomb hits checkpoint in Azaz")
        #expect(good[0].published == CivilDate(year: 2018, month: 2, day: 6))
        #expect(good[0].source == "Wire One")
        #expect(good[0].url == "https://example.org/b-1")
        #expect(good[0].origin == "\(path):1")
        // A date-time keeps its date.
        #expect(good[1].published == CivilDate(year: 2018, month: 2, day: 7))
        #expect(isHTML(good[2]))

        let bad = errors(items)
        #expect(bad.map(\.origin) == ["\(path):4", "\(path):5", "\(path):6", "\(path):7"])
        #expect(bad[0].reason == "invalid JSON")
        #expect(bad[1].reason == "no text or html field")
        #expect(bad[2].reason.hasPrefix("published is not a date"))
        #expect(bad[3].reason == "empty text")
        #expect(bad[0].description == "\(path):4: invalid JSON")
    }

    @Test func readsJSONLFromStdinBySniffing() {
        let data = Data(#"{"text": "Militants stormed a police post in Arish.", "source": "Sinai Wire"}"#.utf8 + [0x0A]
            + Array(#"{"text": "A roadside bomb hit a patrol near Rafah."}"#.utf8))
        let items = DocumentReader().read(data: data)
        let good = articles(items)
        #expect(good.count == 2)
        #expect(good[0].origin == "<stdin>:1")
        #expect(good[1].origin == "<stdin>:2")
        #expect(good[0].source == "Sinai Wire")
    }

    @Test func aLatin1LineInJSONLIsReadNotRejected() {
        let line = Array(#"{"text": "Frappes sur Ma"#.utf8) + [0xE2] + Array(#"rat, onze tu"#.utf8) + [0xE9, 0x73] + Array(#""}"#.utf8)
        let items = DocumentReader(format: .jsonl).read(data: Data(line))
        #expect(articles(items).map(text) == ["Frappes sur Maârat, onze tués"])
    }

    // MARK: defaults

    @Test func defaultsApplyOnlyToDocumentsThatLackThem() {
        let fallback = CivilDate(year: 2020, month: 1, day: 1)
        let reader = DocumentReader(defaultPublished: fallback, defaultSource: "Desk")
        let good = articles(reader.read(paths: [IngestFixtures.path("batch.jsonl")]))
        #expect(good[0].published == CivilDate(year: 2018, month: 2, day: 6))
        #expect(good[0].source == "Wire One")
        #expect(good[1].source == "Desk")
        #expect(good[2].published == fallback)
        let plain = articles(reader.read(paths: [IngestFixtures.path("repeated-report.txt")]))
        #expect(plain.first?.published == fallback)
        #expect(plain.first?.source == "Desk")
    }

    // MARK: CSV

    @Test func readsCSVRowsWithFAKESColumnNames() {
        let path = IngestFixtures.path("reports.csv")
        let items = DocumentReader().read(paths: [path])
        let good = articles(items)
        #expect(good.map(\.id) == ["101", "102", "104"])
        #expect(good[0].title == "Air strikes hit hospital in Idlib")
        #expect(good[0].published == CivilDate(year: 2017, month: 3, day: 6))
        #expect(good[0].source == "wire")
        #expect(good[0].origin == "\(path):2")
        // A quoted field with a line break: the next row starts further down.
        #expect(good[1].origin == "\(path):3")
        #expect(text(good[1]).contains("\n\nA second round hit a bakery"))
        #expect(good[2].origin == "\(path):7")
        #expect(good[2].published == CivilDate(year: 2017, month: 3, day: 10))
        #expect(errors(items).map(\.description) == ["\(path):6: empty text"])
    }

    @Test func aCSVWithoutATextColumnIsOneError() {
        let items = DocumentReader(format: .csv).read(data: Data("id,lat,lon\n1,33.5,36.3\n".utf8), origin: "coords.csv")
        #expect(items.count == 1)
        #expect(errors(items).first?.reason.hasPrefix("CSV has no text column") == true)
    }

    @Test(.enabled(if: FileManager.default.fileExists(
        atPath: IngestFixtures.shared.appendingPathComponent("data/corpus/fa-kes-syria/FA-KES-Dataset.csv").path)))
    func readsAllOfFAKES() {
        let path = IngestFixtures.shared.appendingPathComponent("data/corpus/fa-kes-syria/FA-KES-Dataset.csv").path
        let items = DocumentReader().read(paths: [path])
        #expect(errors(items).isEmpty)
        let good = articles(items)
        #expect(good.count == 804)
        #expect(good.allSatisfy { $0.published != nil && $0.id != nil && $0.title != nil })
    }

    // MARK: plain files and formats

    @Test func aPlainTextFileIsOneArticleNamedByItsPath() {
        let path = IngestFixtures.path("repeated-report.txt")
        let good = articles(DocumentReader().read(paths: [path]))
        #expect(good.count == 1)
        #expect(good[0].id == nil)
        #expect(good[0].origin == path)
        #expect(!isHTML(good[0]))
    }

    @Test func detectsFormatByExtension() {
        #expect(InputFormat.byExtension("a/b/report.txt") == .text)
        #expect(InputFormat.byExtension("notes.md") == .text)
        #expect(InputFormat.byExtension("page.HTM") == .html)
        #expect(InputFormat.byExtension("feed.ndjson") == .jsonl)
        #expect(InputFormat.byExtension("feed.jsonl.gz") == .jsonl)
        #expect(InputFormat.byExtension("export.csv") == .csv)
        #expect(InputFormat.byExtension("README") == nil)
        #expect(InputFormat.byExtension(".hidden") == nil)
    }

    @Test func sniffsFormatFromContent() {
        #expect(InputFormat.sniff("  <!DOCTYPE html><html><body>x</body></html>") == .html)
        #expect(InputFormat.sniff("<HTML><p>Shelling</p></HTML>") == .html)
        #expect(InputFormat.sniff("<div><p>One</p><p>Two</p><br><a href=x>more</a></div>") == .html)
        #expect(InputFormat.sniff("{\"text\": \"x\"}\n{\"text\": \"y\"}\n") == .jsonl)
        #expect(InputFormat.sniff("id,title,text\n1,a,b\n") == .csv)
        #expect(InputFormat.sniff("DAMASCUS (Reuters) - Rebels said x < y and 3 > 2.") == .text)
        #expect(InputFormat.sniff("{Editor's note} Rebels shelled the town.\nMore text.") == .text)
    }

    @Test func anExplicitFormatOverridesTheExtension() {
        let good = articles(DocumentReader(format: .html).read(paths: [IngestFixtures.path("repeated-report.txt")]))
        #expect(good.count == 1 && isHTML(good[0]))
    }

    @Test func readsGzippedFiles() throws {
        let plain = try String(contentsOfFile: IngestFixtures.path("repeated-report.txt"), encoding: .utf8)
        let good = articles(DocumentReader().read(paths: [IngestFixtures.path("repeated-report.txt.gz")]))
        #expect(good.count == 1)
        #expect(good.first.map(text) == plain)
    }

    // MARK: paths

    @Test func aMissingPathIsAnErrorNamingIt() {
        let items = DocumentReader().read(paths: ["/no/such/dir/report.txt", IngestFixtures.path("repeated-report.txt")])
        #expect(errors(items).map(\.description) == ["/no/such/dir/report.txt: no such file or directory"])
        #expect(articles(items).count == 1)
    }

    @Test func walksDirectoriesInNameOrderSkippingHiddenFiles() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/b-sub", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: dir + "/.cache", withIntermediateDirectories: true)
        try "Second report from the north.".write(toFile: dir + "/b-sub/one.txt", atomically: true, encoding: .utf8)
        try "First report from the south.".write(toFile: dir + "/a.txt", atomically: true, encoding: .utf8)
        try "Third report, from the east.".write(toFile: dir + "/c.txt", atomically: true, encoding: .utf8)
        try "Hidden draft.".write(toFile: dir + "/.draft.txt", atomically: true, encoding: .utf8)
        try "Cached copy.".write(toFile: dir + "/.cache/x.txt", atomically: true, encoding: .utf8)
        try Data().write(to: URL(fileURLWithPath: dir + "/d-empty.txt"))
        let items = DocumentReader().read(paths: [dir])
        #expect(articles(items).map(\.origin) == [dir + "/a.txt", dir + "/b-sub/one.txt", dir + "/c.txt"])
        #expect(errors(items).map(\.description) == [dir + "/d-empty.txt: empty file"])
    }

    @Test func streamsDocumentsOneAtATime() {
        var seen = 0
        DocumentReader().forEach(paths: [IngestFixtures.path("batch.jsonl"), IngestFixtures.path("reports.csv")]) { _ in
            seen += 1
        }
        #expect(seen == 7 + 4)
    }

    @Test func parsesPublicationDates() {
        #expect(PublishedDate.parse("2015-12-15") == CivilDate(year: 2015, month: 12, day: 15))
        #expect(PublishedDate.parse("2015-12-15T08:00:00+02:00") == CivilDate(year: 2015, month: 12, day: 15))
        #expect(PublishedDate.parse("4/16/2017") == CivilDate(year: 2017, month: 4, day: 16))
        #expect(PublishedDate.parse("2017/04/16") == CivilDate(year: 2017, month: 4, day: 16))
        #expect(PublishedDate.parse("13/13/2017") == nil)
        #expect(PublishedDate.parse("yesterday") == nil)
    }
}

/// A CSV quote that is never closed is an error on its row, not the rest of the file in one field.
@Suite struct CSVUnbalancedQuoteTests {
    static let csv = """
        id,text
        a,"On 3 May 2021, gunmen killed three villagers near Kadugli."
        b,"An unclosed quote swallows what follows
        c,Protesters rallied in Khartoum on 6 January 2022.
        d,"Rebels shelled Aleppo, killing two civilians."

        """

    @Test func theRowIsAnErrorNamingItsLineAndTheRowsAfterItAreRead() {
        let items = DocumentReader(format: .csv).read(data: Data(Self.csv.utf8), origin: "batch.csv")
        let ok = items.compactMap { try? $0.get().id }
        let errors = items.compactMap { r -> String? in if case .failure(let e) = r { return e.description } else { return nil } }
        #expect(ok == ["a", "c", "d"])
        #expect(errors == ["batch.csv:3: a quoted field opened on line 3 does not end where its quote closes (line 5): a quote is missing"])
    }

    @Test func rowsStayInFileOrderAroundTheError() {
        let items = DocumentReader(format: .csv).read(data: Data(Self.csv.utf8), origin: "batch.csv")
        let order = items.map { r -> String in
            switch r {
            case .success(let a): return a.id ?? "?"
            case .failure(let e): return e.origin
            }
        }
        #expect(order == ["a", "batch.csv:3", "c", "d"])
    }

    @Test func quotedLineBreaksStillJoinOneField() {
        let table = CSVTable(text: "id,text\nx,\"two\nlines\"\ny,plain\n")
        #expect(table.rows == [["x", "two\nlines"], ["y", "plain"]])
        #expect(table.errors.isEmpty)
    }

    @Test func anUnclosedQuoteInTheLastRowLosesOnlyThatRow() {
        let table = CSVTable(text: "id,text\nx,plain\ny,\"never \"\"closed\"\" at all\n")
        #expect(table.rows == [["x", "plain"]])
        #expect(table.errors.map(\.line) == [3])
    }
}

@Suite struct EscapedTextTests {
    @Test func controlCharactersAndTerminalEscapesAreWrittenOut() {
        #expect(EscapedText.line("a\nb\r\tc") == "a\\nb\\r\\tc")
        #expect(EscapedText.line("\u{1B}[31mred\u{1B}[0m") == "\\u{1b}[31mred\\u{1b}[0m")
        #expect(EscapedText.line("\u{202E}evil\u{0085}") == "\\u{202e}evil\\u{85}")
        #expect(EscapedText.line("Ma’rib — «ok»") == "Ma’rib — «ok»")
    }

    @Test func aDocumentErrorIsOneLine() {
        let e = DocumentError(origin: "bad\nname.txt", reason: "published is not a date: 2021\n\u{1B}[2J")
        #expect(e.description == "bad\\nname.txt: published is not a date: 2021\\n\\u{1b}[2J")
    }
}

@Suite struct JSONLEmptyTests {
    @Test func aJSONLFileWithNoDocumentIsAnErrorNotSilence() {
        for body in ["", "\n\n", " \t\r\n", "\u{FEFF}"] {
            let items = DocumentReader(format: .jsonl).read(data: Data(body.utf8), origin: "empty.jsonl")
            guard items.count == 1, case .failure(let e) = items[0] else {
                Issue.record("\(body.debugDescription) gave \(items.count) items")
                continue
            }
            #expect(e.description == "empty.jsonl: no documents (the file is empty or blank)")
        }
    }

    @Test func aLineOfNULBytesIsNoBlankLine() {
        let items = DocumentReader(format: .jsonl).read(data: Data([0, 0, 0, 0x0A]), origin: "nul.jsonl")
        guard items.count == 1, case .failure(let e) = items[0] else {
            Issue.record("a NUL line was skipped")
            return
        }
        #expect(e.description == "nul.jsonl:1: invalid JSON")
    }
}
