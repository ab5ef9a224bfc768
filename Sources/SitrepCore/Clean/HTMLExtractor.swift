import Foundation

/// What an HTML page holds for Sitrep: its article text as paragraphs, and the page's own
/// title and publication date.
struct HTMLPage: Sendable {
    var paragraphs: [String]
    /// The part of the page each paragraph is, where the markup says so (`<figcaption>`: a
    /// caption); nil where only the words can tell.
    var kinds: [PageBlock?] = []
    var title: String?
    var published: CivilDate?
}

/// Extracts the main article text of a news page.
///
/// One pass over the bytes builds a light element tree and the page's text blocks;
/// a Readability-style scoring (text length, commas, link density, class names) then picks
/// the element that holds the article, and only its blocks are kept. No DOM library and no
/// regular expressions: a 100 KB page takes well under a millisecond.
enum HTMLExtractor {
    static func extract(_ html: String) -> HTMLPage {
        var copy = html
        return copy.withUTF8 { buf in
            var parser = HTMLParser(buf)
            parser.run()
            return ArticleSelector(parser: parser).page()
        }
    }
}

// MARK: - Tags

/// The HTML elements whose role matters for extraction; everything else is inline.
enum Tag: UInt8 {
    case other, html, body, head, title, meta, script, style, skip
    case a, br, p, div, section, article, main, span
    case h1, h2, h3, h4, h5, h6
    case li, ul, ol, dl, dt, dd
    case table, tbody, thead, tfoot, tr, td, th
    case blockquote, pre, figure, figcaption, address, center, details, summary, caption, hr
    case header, footer, nav, aside, form, menu, dialog, button, label, fieldset, legend
    case time, img, input, voidElement

    static let byName: [String: Tag] = {
        var d: [String: Tag] = [
            "html": .html, "body": .body, "head": .head, "title": .title, "meta": .meta,
            "script": .script, "style": .style, "a": .a, "br": .br, "p": .p, "div": .div,
            "section": .section, "article": .article, "main": .main, "span": .span,
            "h1": .h1, "h2": .h2, "h3": .h3, "h4": .h4, "h5": .h5, "h6": .h6,
            "li": .li, "ul": .ul, "ol": .ol, "dl": .dl, "dt": .dt, "dd": .dd,
            "table": .table, "tbody": .tbody, "thead": .thead, "tfoot": .tfoot, "tr": .tr, "td": .td, "th": .th,
            "blockquote": .blockquote, "pre": .pre, "figure": .figure, "figcaption": .figcaption,
            "address": .address, "center": .center, "details": .details, "summary": .summary,
            "caption": .caption, "hr": .hr, "header": .header, "footer": .footer, "nav": .nav,
            "aside": .aside, "form": .form, "menu": .menu, "dialog": .dialog, "button": .button,
            "label": .label, "fieldset": .fieldset, "legend": .legend, "time": .time, "img": .img,
            "input": .input,
        ]
        // Elements whose content is never article text.
        for s in ["noscript", "template", "svg", "math", "iframe", "object", "canvas", "video", "audio",
                  "select", "textarea", "noembed", "noframes", "xmp", "map", "picture"] {
            d[s] = .skip
        }
        for s in ["link", "source", "wbr", "area", "base", "col", "embed", "param", "track", "keygen"] {
            d[s] = .voidElement
        }
        return d
    }()

    /// Tag names of up to eight bytes packed into an integer: a cheap dictionary key.
    static let byPackedName: [UInt64: Tag] = {
        var d: [UInt64: Tag] = [:]
        for (name, tag) in byName where name.utf8.count <= 8 { d[pack(Array(name.utf8))!] = tag }
        return d
    }()

    static func pack(_ name: [UInt8]) -> UInt64? {
        guard name.count <= 8 else { return nil }
        var v: UInt64 = 0
        for c in name { v = v << 8 | UInt64(c) }
        return v
    }

    static func named(_ name: [UInt8]) -> Tag? {
        if let packed = pack(name) { return byPackedName[packed] }
        return byName[String(decoding: name, as: UTF8.self)]
    }

    /// A set of tags as a bit mask, for the parser's scope checks.
    struct Set: Sendable {
        var bits: UInt64 = 0
        init(_ tags: [Tag]) { for t in tags { bits |= 1 << UInt64(t.rawValue) } }
        @inline(__always) func contains(_ t: Tag) -> Bool { bits & (1 << UInt64(t.rawValue)) != 0 }
    }

    var isVoid: Bool {
        switch self {
        case .br, .meta, .img, .input, .hr, .voidElement: return true
        default: return false
        }
    }

    /// Elements that start a new block of text.
    var isBlock: Bool {
        switch self {
        case .p, .div, .section, .article, .main, .h1, .h2, .h3, .h4, .h5, .h6, .li, .ul, .ol, .dl, .dt, .dd,
             .table, .tbody, .thead, .tfoot, .tr, .td, .th, .blockquote, .pre, .figure, .figcaption, .address,
             .center, .details, .summary, .caption, .hr, .header, .footer, .nav, .aside, .form, .menu, .dialog,
             .fieldset, .legend, .body, .html, .br, .button:
            return true
        default: return false
        }
    }

    var isHeading: Bool { rawValue >= Tag.h1.rawValue && rawValue <= Tag.h6.rawValue }

    /// Elements that only ever hold page furniture.
    var isFurniture: Bool {
        switch self {
        case .nav, .aside, .footer, .header, .menu, .dialog, .button, .label, .fieldset, .legend: return true
        default: return false
        }
    }

    /// Elements a `<p>` cannot contain: opening one closes an open paragraph.
    var closesParagraph: Bool {
        switch self {
        case .p, .div, .section, .article, .main, .h1, .h2, .h3, .h4, .h5, .h6, .ul, .ol, .dl, .table,
             .blockquote, .pre, .figure, .address, .center, .details, .hr, .header, .footer, .nav, .aside,
             .form, .menu, .dialog, .fieldset, .li, .dd, .dt:
            return true
        default: return false
        }
    }
}

// MARK: - Class names

/// Readability's class/id vocabulary (data: lexicon/clean-html-classes.txt).
struct ClassVocabulary: Sendable {
    static let shared = ClassVocabulary(rows: Lexicon.table("lexicon/clean-html-classes.txt"))
    var unlikely: [[UInt8]] = []
    var maybe: [[UInt8]] = []
    var negative: [[UInt8]] = []
    var positive: [[UInt8]] = []

    init(rows: [[String]]) {
        for row in rows where row.count == 2 {
            let bytes = Array(row[1].lowercased().utf8)
            switch row[0] {
            case "unlikely": unlikely.append(bytes)
            case "maybe": maybe.append(bytes)
            case "negative": negative.append(bytes)
            case "positive": positive.append(bytes)
            default: break
            }
        }
        index()
    }

    struct Verdict {
        var weight: Int8
        var unlikely: Bool
    }

    /// Patterns by their first byte, each with the lists it belongs to (bit 0 unlikely,
    /// 1 maybe, 2 negative, 3 positive), so a class string is scanned once.
    private var byFirstByte: [[(pattern: [UInt8], kinds: UInt8)]] = []

    mutating func index() {
        var table = [[(pattern: [UInt8], kinds: UInt8)]](repeating: [], count: 256)
        for (bit, list) in [unlikely, maybe, negative, positive].enumerated() {
            for p in list where !p.isEmpty {
                if let k = table[Int(p[0])].firstIndex(where: { $0.pattern == p }) {
                    table[Int(p[0])][k].kinds |= 1 << UInt8(bit)
                } else {
                    table[Int(p[0])].append((p, 1 << UInt8(bit)))
                }
            }
        }
        byFirstByte = table
    }

    func verdict(_ lower: [UInt8]) -> Verdict {
        var found: UInt8 = 0
        let n = lower.count
        for i in 0..<n {
            for (p, kinds) in byFirstByte[Int(lower[i])] where found & kinds != kinds && i + p.count <= n {
                var k = 1
                while k < p.count, lower[i + k] == p[k] { k += 1 }
                if k == p.count { found |= kinds }
            }
        }
        var w: Int8 = 0
        if found & 4 != 0 { w -= 25 }
        if found & 8 != 0 { w += 25 }
        return Verdict(weight: w, unlikely: found & 1 != 0 && found & 2 == 0)
    }
}

// MARK: - Parser

struct Element {
    var tag: Tag
    var parent: Int32
    var classWeight: Int8 = 0
    /// Furniture by its tag, class, role or because it is hidden.
    var unlikely = false
    var furnitureTag = false
    var hidden = false
    var textLength: Int32 = 0
    var linkLength: Int32 = 0
    var commas: Int32 = 0
    var classKey: Int32 = -1
    /// For elements without a `Tag` of their own (custom elements), which name they have,
    /// so their end tags close them.
    var otherName: Int32 = -1
}

struct TextBlock {
    var text: String
    /// The block-level element holding the text.
    var node: Int32
    var length: Int
    var linkLength: Int
    var commas: Int
    var heading: Bool
}

struct HTMLParser {
    static let maxDepth = 512
    let b: UnsafeBufferPointer<UInt8>
    var elements: [Element] = [Element(tag: .html, parent: -1)]
    var stack: [Int32] = [0]
    var blocks: [TextBlock] = []
    /// Class strings seen on this page (by FNV-1a hash) and their verdicts: pages reuse a few
    /// hundred class strings across thousands of elements.
    var classStrings: [UInt64: Int32] = [:]
    var classVerdicts: [ClassVocabulary.Verdict] = []
    var otherNames: [UInt64: Int32] = [:]

    var title: String?
    var metaTitle: String?
    var published: CivilDate?
    var timePublished: CivilDate?

    private var text = [UInt8]()
    private var linkBytes = 0
    private var commas = 0
    private var linkDepth = 0
    private var pendingSpace = false
    private var inHead = false

    init(_ b: UnsafeBufferPointer<UInt8>) {
        self.b = b
        text.reserveCapacity(4096)
        blocks.reserveCapacity(256)
        elements.reserveCapacity(b.count / 60)
    }

    mutating func run() {
        let n = b.count
        var i = 0
        while i < n {
            let c = b[i]
            if c == UInt8(ascii: "<"), i + 1 < n {
                let d = b[i + 1]
                if isAlpha(d) { i = startTag(i + 1); continue }
                if d == UInt8(ascii: "/"), i + 2 < n, isAlpha(b[i + 2]) { i = endTag(i + 2); continue }
                if d == UInt8(ascii: "!") {
                    if i + 3 < n, b[i + 2] == UInt8(ascii: "-"), b[i + 3] == UInt8(ascii: "-") {
                        i = find("-->", from: i + 4).map { $0 + 3 } ?? n
                    } else {
                        i = find(">", from: i + 2).map { $0 + 1 } ?? n
                    }
                    continue
                }
                if d == UInt8(ascii: "?") || d == UInt8(ascii: "/") { i = find(">", from: i + 2).map { $0 + 1 } ?? n; continue }
            }
            if c == UInt8(ascii: "&") {
                let before = text.count
                let used = HTMLEntities.decode(b, i, n, into: &text)
                if used > 0 {
                    if pendingSpace, before > 0 { text.insert(0x20, at: before) }
                    pendingSpace = false
                    normaliseSpaces(from: before)
                    if linkDepth > 0 { linkBytes += text.count - before }
                    i += used
                    continue
                }
            }
            appendText(c, at: &i)
        }
        flush()
    }

    @inline(__always) private func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    @inline(__always) private mutating func appendText(_ c: UInt8, at i: inout Int) {
        if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C {
            if !text.isEmpty { pendingSpace = true }
            i += 1
            return
        }
        if c == 0xC2, i + 1 < b.count, b[i + 1] == 0xA0 {
            if !text.isEmpty { pendingSpace = true }
            i += 2
            return
        }
        if pendingSpace { text.append(0x20); pendingSpace = false; if linkDepth > 0 { linkBytes += 1 } }
        text.append(c)
        if c == UInt8(ascii: ",") { commas += 1 }
        if linkDepth > 0 { linkBytes += 1 }
        i += 1
    }

    /// Entities can produce no-break and other odd spaces; make them plain.
    private mutating func normaliseSpaces(from start: Int) {
        var k = start
        while k < text.count {
            if text[k] == 0xC2, k + 1 < text.count, text[k + 1] == 0xA0 {
                text.replaceSubrange(k..<(k + 2), with: [0x20])
            } else if text[k] < 0x20 {
                text[k] = 0x20
            }
            k += 1
        }
        if text.count > start, text[start] == 0x20, start == 0 { text.remove(at: 0) }
    }

    private func find(_ s: StaticString, from: Int) -> Int? {
        let p = s.utf8Start
        let m = s.utf8CodeUnitCount
        var i = from
        let n = b.count
        while i + m <= n {
            if b[i] == p[0] {
                var k = 1
                while k < m, b[i + k] == p[k] { k += 1 }
                if k == m { return i }
            }
            i += 1
        }
        return nil
    }

    /// Index of `</name` (any case) at or after `from`.
    private func findEndTag(_ name: [UInt8], from: Int) -> Int? {
        var i = from
        let n = b.count
        guard let base = b.baseAddress else { return nil }
        while i + 1 + name.count < n {
            // Jump from one "<" to the next: scripts and styles are long.
            guard let hit = memchr(base + i, Int32(UInt8(ascii: "<")), n - i) else { return nil }
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            guard i + 1 + name.count < n else { return nil }
            if b[i + 1] == UInt8(ascii: "/") {
                var k = 0
                while k < name.count, b[i + 2 + k] | 0x20 == name[k] { k += 1 }
                if k == name.count {
                    let after = i + 2 + k < n ? b[i + 2 + k] : UInt8(ascii: ">")
                    if !isAlpha(after) { return i }
                }
            }
            i += 1
        }
        return nil
    }

    // MARK: tags

    private func tagName(_ start: Int) -> (Int, [UInt8]) {
        var i = start
        var name = [UInt8]()
        while i < b.count {
            let c = b[i]
            if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C || c == UInt8(ascii: ">") || c == UInt8(ascii: "/") { break }
            name.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c)
            i += 1
        }
        return (i, name)
    }

    struct Attributes {
        var classID = [UInt8]()
        var role: [UInt8]?
        var hidden = false
        var property: [UInt8]?
        var content: [UInt8]?
        var itemprop: [UInt8]?
        var datetime: [UInt8]?
        var type: [UInt8]?
        var selfClosing = false
    }

    /// Reads attributes up to the closing `>`; keeps only those extraction uses.
    private func attributes(_ start: Int, into a: inout Attributes) -> Int {
        var i = start
        let n = b.count
        while i < n {
            var c = b[i]
            if c == UInt8(ascii: ">") { return i + 1 }
            if c == UInt8(ascii: "/") {
                if i + 1 < n, b[i + 1] == UInt8(ascii: ">") { a.selfClosing = true; return i + 2 }
                i += 1
                continue
            }
            if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C { i += 1; continue }
            let nameStart = i
            while i < n {
                c = b[i]
                if c == UInt8(ascii: "=") || c == UInt8(ascii: ">") || c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == UInt8(ascii: "/") { break }
                i += 1
            }
            let nameEnd = i
            while i < n, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x09 || b[i] == 0x0D { i += 1 }
            var valueStart = i, valueEnd = i
            if i < n, b[i] == UInt8(ascii: "=") {
                i += 1
                while i < n, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x09 || b[i] == 0x0D { i += 1 }
                if i < n, b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") {
                    let q = b[i]
                    valueStart = i + 1
                    i += 1
                    while i < n, b[i] != q { i += 1 }
                    valueEnd = i
                    if i < n { i += 1 }
                } else {
                    valueStart = i
                    while i < n, b[i] != UInt8(ascii: ">"), b[i] != 0x20, b[i] != 0x0A, b[i] != 0x09, b[i] != 0x0D { i += 1 }
                    valueEnd = i
                }
            }
            let len = nameEnd - nameStart
            guard len >= 2, len <= 11 else { continue }
            func nameIs(_ s: StaticString) -> Bool {
                guard s.utf8CodeUnitCount == len else { return false }
                let p = s.utf8Start
                for k in 0..<len where b[nameStart + k] | 0x20 != p[k] { return false }
                return true
            }
            func value(lower: Bool) -> [UInt8] {
                var v = [UInt8](UnsafeBufferPointer(rebasing: b[valueStart..<valueEnd]))
                if lower { for k in v.indices where v[k] >= 0x41 && v[k] <= 0x5A { v[k] |= 0x20 } }
                return v
            }
            if nameIs("class") || nameIs("id") {
                if !a.classID.isEmpty { a.classID.append(0x20) }
                a.classID.append(contentsOf: value(lower: true))
            } else if nameIs("role") {
                a.role = value(lower: true)
            } else if nameIs("hidden") {
                a.hidden = true
            } else if nameIs("aria-hidden") {
                if value(lower: true) == Array("true".utf8) { a.hidden = true }
            } else if nameIs("style") {
                let v = value(lower: true).filter { $0 != 0x20 }
                if contains(v, "display:none") || contains(v, "visibility:hidden") { a.hidden = true }
            } else if nameIs("property") || nameIs("name") {
                a.property = value(lower: true)
            } else if nameIs("content") {
                a.content = value(lower: false)
            } else if nameIs("itemprop") {
                a.itemprop = value(lower: true)
            } else if nameIs("datetime") {
                a.datetime = value(lower: false)
            } else if nameIs("type") {
                a.type = value(lower: true)
            }
        }
        return n
    }

    private func contains(_ hay: [UInt8], _ s: StaticString) -> Bool {
        let p = s.utf8Start, m = s.utf8CodeUnitCount
        guard hay.count >= m else { return false }
        for i in 0...(hay.count - m) {
            var k = 0
            while k < m, hay[i + k] == p[k] { k += 1 }
            if k == m { return true }
        }
        return false
    }

    private mutating func startTag(_ start: Int) -> Int {
        let (afterName, name) = tagName(start)
        let tag = Tag.named(name) ?? .other
        var attrs = Attributes()
        let end = attributes(afterName, into: &attrs)

        switch tag {
        case .meta:
            readMeta(attrs)
            return end
        case .title:
            let close = findEndTag(Array("title".utf8), from: end) ?? b.count
            if title == nil {
                title = HTMLParser.plainText(UnsafeBufferPointer(rebasing: b[end..<close]))
            }
            return skipPastEndTag(close)
        case .script, .style:
            let close = findEndTag(Array(name), from: end) ?? b.count
            if tag == .script, attrs.type == Array("application/ld+json".utf8), published == nil {
                published = HTMLParser.jsonLDPublished(UnsafeBufferPointer(rebasing: b[end..<close]))
            }
            return skipPastEndTag(close)
        case .skip:
            if attrs.selfClosing { return end }
            let close = findEndTag(name, from: end) ?? b.count
            return skipPastEndTag(close)
        case .time:
            if timePublished == nil, let dt = attrs.datetime {
                timePublished = CivilDate(iso: String(decoding: dt, as: UTF8.self))
            }
        case .head:
            inHead = true
        case .body:
            inHead = false
        default: break
        }
        if attrs.itemprop == Array("datepublished".utf8), published == nil {
            if let v = attrs.content ?? attrs.datetime { published = CivilDate(iso: String(decoding: v, as: UTF8.self)) }
        }
        if tag == .br {
            flush()
            return end
        }
        if tag.isVoid {
            if tag == .hr || tag == .img { flush() }
            return end
        }
        if tag.isBlock { flush() }
        closeImplied(by: tag)
        var e = Element(tag: tag, parent: stack.last ?? 0)
        if tag == .other { e.otherName = otherNameID(name) }
        if !attrs.classID.isEmpty, tag != .body, tag != .html {
            let key: Int32
            let hash = HTMLParser.fnv1a(attrs.classID)
            if let k = classStrings[hash] {
                key = k
            } else {
                key = Int32(classVerdicts.count)
                classStrings[hash] = key
                classVerdicts.append(ClassVocabulary.shared.verdict(attrs.classID))
            }
            e.classKey = key
            e.classWeight = classVerdicts[Int(key)].weight
            e.unlikely = classVerdicts[Int(key)].unlikely && tag != .a
        }
        if let role = attrs.role, HTMLParser.furnitureRoles.contains(role) { e.unlikely = true }
        e.furnitureTag = tag.isFurniture
        e.hidden = attrs.hidden
        if tag == .a { linkDepth += 1 }
        // As browsers do (Blink's tree builder stops at 512), an element past the deepest nesting
        // replaces the innermost open one instead of going deeper: every walk up the open elements
        // then stays short, however deep a page nests.
        if stack.count >= HTMLParser.maxDepth {
            popTo(stack.count - 1)
            e.parent = stack.last ?? 0
        }
        elements.append(e)
        stack.append(Int32(elements.count - 1))
        if attrs.selfClosing, tag != .p { popTo(stack.count - 1) }
        return end
    }

    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for c in bytes { h = (h ^ UInt64(c)) &* 0x100000001b3 }
        return h
    }

    private mutating func otherNameID(_ name: [UInt8]) -> Int32 {
        let h = HTMLParser.fnv1a(name)
        if let id = otherNames[h] { return id }
        let id = Int32(otherNames.count)
        otherNames[h] = id
        return id
    }

    static let furnitureRoles: Set<[UInt8]> = Set(["navigation", "banner", "contentinfo", "complementary", "menu",
                                                    "menubar", "dialog", "alertdialog", "search", "toolbar"]
        .map { Array($0.utf8) })

    private func skipPastEndTag(_ close: Int) -> Int {
        guard close < b.count else { return b.count }
        return find(">", from: close).map { $0 + 1 } ?? b.count
    }

    private mutating func endTag(_ start: Int) -> Int {
        let (afterName, name) = tagName(start)
        let end = find(">", from: afterName).map { $0 + 1 } ?? b.count
        let tag = Tag.named(name) ?? .other
        guard tag != .skip, !tag.isVoid else { return end }
        let otherName = tag == .other ? (otherNames[HTMLParser.fnv1a(name)] ?? -2) : -1
        if otherName == -2 { return end }
        if tag == .head { inHead = false }
        if tag.isBlock { flush() }
        // Close the nearest open element of this kind; stray end tags are ignored.
        var k = stack.count - 1
        let limit = max(1, stack.count - 64)
        while k >= limit {
            let open = elements[Int(stack[k])].tag
            if open == tag, otherName < 0 || elements[Int(stack[k])].otherName == otherName { break }
            // An end tag does not reach past an open table cell or list item of another kind.
            if tag != .td && tag != .th && tag != .tr && tag != .table && (open == .td || open == .th) { return end }
            k -= 1
        }
        if k >= limit { popTo(k) }
        return end
    }

    private static let paragraphScope = Tag.Set([.div, .td, .th, .li, .blockquote, .section, .article, .body, .table, .button])
    private static let listScope = Tag.Set([.ul, .ol, .menu, .table, .div, .section, .article, .body])
    private static let definitionScope = Tag.Set([.dl, .table, .div, .body])
    private static let rowScope = Tag.Set([.tr, .table])
    private static let tableScope = Tag.Set([.table])
    private static let paragraphs = Tag.Set([.p]), items = Tag.Set([.li]), terms = Tag.Set([.dt, .dd])
    private static let cells = Tag.Set([.td, .th]), rows = Tag.Set([.tr])

    /// HTML's implied end tags: a new paragraph, list item or cell closes the open one.
    private mutating func closeImplied(by tag: Tag) {
        func closeNearest(_ targets: Tag.Set, stopAt barriers: Tag.Set) {
            var k = stack.count - 1
            while k > 0 {
                let open = elements[Int(stack[k])].tag
                if targets.contains(open) { popTo(k); return }
                if barriers.contains(open) { return }
                k -= 1
            }
        }
        if tag.closesParagraph { closeNearest(HTMLParser.paragraphs, stopAt: HTMLParser.paragraphScope) }
        switch tag {
        case .li: closeNearest(HTMLParser.items, stopAt: HTMLParser.listScope)
        case .dt, .dd: closeNearest(HTMLParser.terms, stopAt: HTMLParser.definitionScope)
        case .td, .th: closeNearest(HTMLParser.cells, stopAt: HTMLParser.rowScope)
        case .tr: closeNearest(HTMLParser.rows, stopAt: HTMLParser.tableScope)
        default: break
        }
    }

    private mutating func popTo(_ k: Int) {
        while stack.count > k {
            let e = elements[Int(stack.removeLast())]
            if e.tag == .a { linkDepth = max(0, linkDepth - 1) }
        }
        if stack.isEmpty { stack = [0] }
    }

    /// Ends the current text block, attaching it to the nearest block-level element.
    private mutating func flush() {
        pendingSpace = false
        while let last = text.last, last == 0x20 { text.removeLast() }
        defer {
            text.removeAll(keepingCapacity: true)
            linkBytes = 0
            commas = 0
        }
        guard !text.isEmpty, !inHead else { return }
        var node = stack.last ?? 0
        var heading = false
        for k in stack.indices.reversed() {
            let t = elements[Int(stack[k])].tag
            if t.isHeading { heading = true }
            if t.isBlock { node = stack[k]; break }
        }
        var length = 0
        for c in text where c & 0xC0 != 0x80 { length += 1 }
        let links = min(linkBytes, text.count)
        blocks.append(TextBlock(text: String(decoding: text, as: UTF8.self), node: node, length: length,
                                linkLength: links, commas: commas, heading: heading))
    }

    // MARK: metadata

    private mutating func readMeta(_ a: Attributes) {
        guard let key = a.property ?? a.itemprop, let content = a.content else { return }
        let k = String(decoding: key, as: UTF8.self)
        switch k {
        case "og:title", "twitter:title":
            if metaTitle == nil { metaTitle = content.withUnsafeBufferPointer { HTMLParser.plainText($0) } }
        case "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
             "publish-date", "publication_date", "date", "dc.date.issued", "dc.date", "dcterms.created",
             "sailthru.date", "parsely-pub-date", "article.published", "originalpublicationdate":
            if published == nil { published = CivilDate(iso: String(decoding: content, as: UTF8.self)) }
        default: break
        }
    }

    /// `"datePublished": "2015-12-15T…"` in a JSON-LD block.
    static func jsonLDPublished(_ s: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        let key = Array("\"datePublished\"".utf8)
        var i = 0
        while i + key.count < s.count {
            if s[i] == key[0], s[i..<(i + key.count)].elementsEqual(key) {
                var j = i + key.count
                while j < s.count, s[j] == 0x20 || s[j] == UInt8(ascii: ":") || s[j] == 0x0A || s[j] == 0x09 { j += 1 }
                if j < s.count, s[j] == UInt8(ascii: "\"") {
                    let v = s[(j + 1)..<min(s.count, j + 40)]
                    return CivilDate(iso: String(decoding: v, as: UTF8.self))
                }
            }
            i += 1
        }
        return nil
    }

    /// Text of an attribute or `<title>`: entities decoded, whitespace collapsed.
    static func plainText(_ s: UnsafeBufferPointer<UInt8>) -> String? {
        var out = [UInt8]()
        var i = 0
        var space = false
        while i < s.count {
            let c = s[i]
            if c == UInt8(ascii: "&") {
                let used = HTMLEntities.decode(s, i, s.count, into: &out)
                if used > 0 { i += used; continue }
            }
            if c <= 0x20 { space = !out.isEmpty; i += 1; continue }
            if space { out.append(0x20); space = false }
            out.append(c)
            i += 1
        }
        let text = String(decoding: out, as: UTF8.self).replacingOccurrences(of: "\u{00A0}", with: " ")
        return text.isEmpty ? nil : text
    }
}
