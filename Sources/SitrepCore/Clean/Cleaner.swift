/// Turns an article as scraped into the text Sitrep analyses: the story's paragraphs,
/// once each, without page furniture, and with the opening tag or dateline taken off
/// and kept as metadata.
public enum Cleaner {
    public static func clean(_ article: Article) -> CleanText {
        var notes: [String] = []
        var paragraphs: [String]
        var pageTitle: String?
        var pagePublished: CivilDate?
        switch article.body {
        case .html(let html):
            let page = HTMLExtractor.extract(html)
            paragraphs = page.paragraphs
            pageTitle = page.title
            pagePublished = page.published
        case .text(let text):
            // Text fields sometimes carry markup (feeds that store the page body as "text").
            if InputFormat.looksLikeHTML(text) {
                let page = HTMLExtractor.extract(text)
                paragraphs = page.paragraphs
                pageTitle = page.title
                pagePublished = page.published
                notes.append("read the text as HTML")
            } else {
                paragraphs = TextLayout.paragraphs(text)
                if text.utf8.contains(UInt8(ascii: "&")) { paragraphs = paragraphs.map(HTMLEntities.decode) }
            }
        }

        var title = article.title ?? pageTitle
        var foundTitle = article.title == nil ? pageTitle : nil
        if case .text = article.body, title == nil, let headline = headline(paragraphs) {
            title = headline
            foundTitle = headline
            paragraphs.removeFirst()
            notes.append("took the first line as the headline")
        }

        var opening = Opening()
        if !paragraphs.isEmpty {
            opening = readOpening(paragraphs[0], title: title, published: article.published ?? pagePublished, notes: &notes)
            if opening.rest.isEmpty { paragraphs.removeFirst() } else { paragraphs[0] = opening.rest }
        }

        paragraphs = removeFurniture(paragraphs, notes: &notes)

        let repeats = Repetition.collapse(paragraphs)
        paragraphs = repeats.kept
        if repeats.repeatedParagraphs > 0 {
            notes.append("dropped \(repeats.repeatedParagraphs) repeated paragraph\(repeats.repeatedParagraphs == 1 ? "" : "s")")
        }
        if repeats.repeatedShortLines > 0 {
            notes.append("dropped \(repeats.repeatedShortLines) short repeated line\(repeats.repeatedShortLines == 1 ? "" : "s")")
        }

        var datelineDate = opening.date
        if datelineDate == nil, let d = pagePublished {
            // CleanText has no field for a page's own publication date; the dateline slot
            // carries it when the text has no dateline of its own.
            datelineDate = d
            notes.append("publication date \(d) from the page metadata")
        }
        return CleanText(text: paragraphs.joined(separator: "\n"), source: opening.source ?? article.source,
                         datelinePlace: opening.place, datelineDate: datelineDate, title: foundTitle, removed: notes)
    }

    // MARK: headline

    /// A plain-text file that opens with a short unpunctuated line over longer prose has a headline.
    static func headline(_ paragraphs: [String]) -> String? {
        guard paragraphs.count >= 2, let first = paragraphs.first else { return nil }
        let words = first.split(separator: " ").count
        guard words >= 3, words <= 16, !TextLayout.endsSentence(first), !first.hasSuffix(","),
              paragraphs[1].utf8.count > first.utf8.count else { return nil }
        // A byline or widget label is not a headline, nor is a dateline line ("DAMASCUS (Reuters) -").
        if Boilerplate.shared.kind(of: first) != nil { return nil }
        let toks = DatelineParser.tokens(first)
        if DatelineParser.dateline(toks) != nil || DatelineParser.leadingDate(toks, allowAlone: true) != nil { return nil }
        return first
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

    static func removeFurniture(_ paragraphs: [String], notes: inout [String]) -> [String] {
        let bp = Boilerplate.shared
        var kept: [String] = []
        var dropped: [String: Int] = [:]
        var order: [String] = []
        for (i, p) in paragraphs.enumerated() {
            // Comment sections come last: their header cuts off everything after it.
            if i > 0, i * 2 >= paragraphs.count, let kind = bp.sectionCut(p) {
                if dropped[kind] == nil { order.append(kind) }
                dropped[kind, default: 0] += paragraphs.count - i
                break
            }
            if let kind = bp.kind(of: p) {
                if dropped[kind] == nil { order.append(kind) }
                dropped[kind, default: 0] += 1
                if kind == "byline" { notes.append("dropped byline: \(p.prefix(80))") }
                continue
            }
            kept.append(p)
        }
        for kind in order where kind != "byline" {
            notes.append(furnitureNote(kind, dropped[kind] ?? 0))
        }
        return kept
    }

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
        default: name = kind
        }
        return count > 1 ? "dropped \(name) (\(count) paragraphs)" : "dropped \(name)"
    }
}
