/// Turns an article as scraped into the text Sitrep analyses: the story's paragraphs,
/// once each, without page furniture, and with the opening tag or dateline taken off
/// and kept as metadata.
public enum Cleaner {
    public static func clean(_ article: Article) -> CleanText {
        var notes: [String] = []
        var paragraphs: [String]
        var hints: [PageBlock?] = []
        var pageTitle: String?
        var pagePublished: CivilDate?
        switch article.body {
        case .html(let html):
            let page = HTMLExtractor.extract(html)
            paragraphs = page.paragraphs
            hints = page.kinds
            pageTitle = page.title
            pagePublished = page.published
        case .text(let text):
            // Text fields sometimes carry markup (feeds that store the page body as "text").
            if InputFormat.looksLikeHTML(text) {
                let page = HTMLExtractor.extract(text)
                paragraphs = page.paragraphs
                hints = page.kinds
                pageTitle = page.title
                pagePublished = page.published
                notes.append("read the text as HTML")
            } else {
                paragraphs = TextLayout.paragraphs(text)
                if text.utf8.contains(UInt8(ascii: "&")) { paragraphs = paragraphs.map(HTMLEntities.decode) }
                if text.utf8.contains(UInt8(ascii: "<")) { paragraphs = paragraphs.map(InlineMarkup.strip) }
            }
        }

        let title = article.title ?? pageTitle
        let page = PageStructure.read(paragraphs, title: title, published: article.published ?? pagePublished, hints: hints)
        notes += page.notes
        var removed: [String: Int] = [:]
        for kind in page.removedKinds { removed[kind, default: 0] += 1 }
        for b in page.blocks where b.kind == .byline { notes.append("dropped byline: \(b.text.prefix(80))") }
        for (kind, n) in removed.sorted(by: { $0.key < $1.key }) where kind != "byline" {
            notes.append(furnitureNote(kind, n))
        }

        let story = page.blocks.filter { $0.kind.isStory }
        let repeats = Repetition.collapse(story.map(\.text))
        if repeats.repeatedParagraphs > 0 {
            notes.append("dropped \(repeats.repeatedParagraphs) repeated paragraph\(repeats.repeatedParagraphs == 1 ? "" : "s")")
        }
        if repeats.repeatedShortLines > 0 {
            notes.append("dropped \(repeats.repeatedShortLines) short repeated line\(repeats.repeatedShortLines == 1 ? "" : "s")")
        }
        // The kept paragraphs are a subsequence of the story's: walk both to keep each one's block.
        var kept: [(kind: PageBlock, text: String)] = []
        var k = 0
        for p in repeats.kept {
            while k < story.count, story[k].text != p { k += 1 }
            kept.append((k < story.count ? story[k].kind : .body, p))
            k += 1
        }
        // The headline opens the text: it names the report's event, which the lede then tells.
        let headline = (title ?? page.headline).map { InlineMarkup.strip(TextLayout.normalizedLines($0).joined(separator: " ")) }
        if let h = headline, !h.isEmpty, !kept.isEmpty, !(kept.first?.text.hasPrefix(h) ?? false) {
            kept.insert((.headline, h), at: 0)
        }

        var text = ""
        var blocks: [BlockSpan] = []
        for (i, b) in kept.enumerated() {
            if i > 0 { text += "\n" }
            let start = text.utf8.count
            text += b.text
            blocks.append(BlockSpan(kind: b.kind, span: Span(start, text.utf8.count)))
        }

        var pageDate = page.date
        if pageDate == nil, let d = pagePublished {
            pageDate = d
            notes.append("publication date \(d) from the page metadata")
        }
        return CleanText(text: text, source: page.source ?? article.source, datelinePlace: page.datelinePlace,
                         datelineDate: page.datelineDate, title: article.title == nil ? (pageTitle ?? page.headline) : nil, removed: notes,
                         blocks: blocks, furniture: page.blocks.filter { !$0.kind.isStory }.map { RemovedBlock(kind: $0.kind, text: $0.text) },
                         credits: page.credits, pageDate: pageDate)
    }

    // MARK: opening

    struct Opening {
        var rest = ""
        var place: String?
        var source: String?
        var date: CivilDate?
    }

    /// Takes the repeated headline, publication date, source tag and dateline off the first
    /// paragraph, in whatever order the site printed them.
    static func readOpening(_ first: String, title: String?, published: CivilDate?, notes: inout [String]) -> Opening {
        var o = Opening(rest: first)
        var tookHeadline = false, tookDate = false, tookDateline = false
        for _ in 0..<4 {
            let toks = DatelineParser.tokens(o.rest)
            if !tookHeadline, let title, let n = DatelineParser.headlinePrefix(toks, title: title) {
                o.rest = String(decoding: o.rest.utf8.dropFirst(n), as: UTF8.self)
                tookHeadline = true
                notes.append("dropped the headline repeated at the start")
                continue
            }
            if !tookDate, let d = DatelineParser.leadingDate(toks, allowAlone: true) {
                o.rest = String(decoding: o.rest.utf8.dropFirst(d.length), as: UTF8.self)
                o.date = d.date(published: published)
                if o.source == nil { o.source = d.source }
                tookDate = true
                notes.append("took the leading date off the text")
                continue
            }
            if !tookDateline, let d = DatelineParser.dateline(toks) {
                o.rest = String(decoding: o.rest.utf8.dropFirst(d.length), as: UTF8.self)
                o.place = d.place ?? o.place
                o.source = d.source ?? o.source
                if o.date == nil { o.date = d.date(published: published) }
                tookDateline = true
                let what = [d.place, d.source.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
                notes.append(d.place == nil ? "took the source tag \(what) off the text" : "took the dateline \(what) off the text")
                continue
            }
            break
        }
        return o
    }

    // MARK: furniture

    static func furnitureNote(_ kind: String, _ count: Int) -> String {
        let name: String
        switch kind {
        case "comment": name = "comment form"
        case "share": name = "share widget"
        case "subscribe": name = "newsletter sign-up"
        case "related": name = "related-article links"
        case "cookie": name = "cookie notice"
        case "rights": name = "rights notice"
        case "ad": name = "advertising labels"
        case "navigation": name = "navigation links"
        case "separator": name = "separator lines"
        case "caption": name = "photo caption"
        case "credit": name = "credit line"
        case "embed": name = "embedded post"
        case "meta": name = "page label"
        case "furniture": name = "page furniture"
        default: name = kind
        }
        return count > 1 ? "dropped \(name) (\(count) paragraphs)" : "dropped \(name)"
    }
}
