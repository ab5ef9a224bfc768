import Foundation

/// Picks the element of a parsed page that holds the article and keeps its text blocks,
/// after Mozilla Readability's scoring: paragraphs give points to their parent (in full) and
/// ancestors (in part) for length and commas; class names, tags and link density adjust them.
struct ArticleSelector {
    let elements: [Element]
    let blocks: [TextBlock]
    let parser: HTMLParser
    /// Text and link length under each element.
    var textLength: [Int]
    var linkLength: [Int]
    var childCount: [Int]
    var hasBlockChild: [Bool]

    init(parser: HTMLParser) {
        self.parser = parser
        elements = parser.elements
        blocks = parser.blocks
        let n = elements.count
        textLength = [Int](repeating: 0, count: n)
        linkLength = [Int](repeating: 0, count: n)
        childCount = [Int](repeating: 0, count: n)
        hasBlockChild = [Bool](repeating: false, count: n)
        for e in elements where e.parent >= 0 {
            childCount[Int(e.parent)] += 1
            if e.tag.isBlock, e.tag != .br { hasBlockChild[Int(e.parent)] = true }
        }
        for b in blocks {
            var e = Int(b.node)
            while e >= 0 {
                textLength[e] += b.length
                linkLength[e] += b.linkLength
                e = Int(elements[e].parent)
            }
        }
    }

    /// Readability's second chance: when the strict pass finds too little, class names
    /// (which misfire on some sites' wrappers) stop counting.
    static let minimumArticleLength = 250

    func page() -> HTMLPage {
        let title = pageTitle()
        var paragraphs = select(useClasses: true, title: title)
        func length(_ ps: [(text: String, kind: PageBlock?)]) -> Int { ps.reduce(0) { $0 + $1.text.utf8.count } }
        if length(paragraphs) < ArticleSelector.minimumArticleLength {
            let loose = select(useClasses: false, title: title)
            if length(loose) > length(paragraphs) { paragraphs = loose }
        }
        return HTMLPage(paragraphs: paragraphs.map(\.text), kinds: paragraphs.map(\.kind), title: title,
                        published: parser.published ?? parser.timePublished)
    }

    func linkDensity(_ e: Int) -> Double {
        textLength[e] == 0 ? 0 : Double(linkLength[e]) / Double(textLength[e])
    }

    /// Readability's starting score for an element by its tag and class.
    func initialScore(_ e: Int, useClasses: Bool) -> Double {
        var s: Double
        switch elements[e].tag {
        case .div: s = 5
        case .pre, .td, .blockquote: s = 3
        case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: s = -3
        case .h1, .h2, .h3, .h4, .h5, .h6, .th: s = -5
        default: s = 0
        }
        if useClasses { s += Double(elements[e].classWeight) }
        return s
    }

    /// The article's paragraphs, each with the part of the page its markup says it is (a caption
    /// inside `<figure>` or `<figcaption>`), or nil.
    func select(useClasses: Bool, title: String?) -> [(text: String, kind: PageBlock?)] {
        let n = elements.count
        // Furniture anywhere above an element (menus, share bars, hidden parts).
        var furniture = [Bool](repeating: false, count: n)
        for e in 1..<max(1, n) {
            let el = elements[e]
            let own = el.furnitureTag || el.hidden || (useClasses && el.unlikely)
            furniture[e] = own || furniture[Int(el.parent)]
        }
        var score = [Double](repeating: 0, count: n)
        var scored = [Bool](repeating: false, count: n)
        for b in blocks where b.length >= 25 && !b.heading && !furniture[Int(b.node)] {
            let points = 1 + Double(b.commas) + min(Double(b.length / 100), 3)
            // Text loose in a container beside other blocks is a paragraph of that container
            // (Readability wraps it in a <p>); a paragraph element scores for its parent.
            let node = Int(b.node)
            var e = hasBlockChild[node] && elements[node].tag != .p ? node : Int(elements[node].parent)
            var level = 0
            while e > 0, level < 3 {
                if !scored[e] { score[e] = initialScore(e, useClasses: useClasses); scored[e] = true }
                score[e] += points / (level == 0 ? 1 : level == 1 ? 2 : Double(level * 3))
                e = Int(elements[e].parent)
                level += 1
            }
        }
        var candidates: [Int] = []
        for e in 0..<n where scored[e] {
            score[e] *= 1 - linkDensity(e)
            candidates.append(e)
        }
        guard !candidates.isEmpty else { return fallback(title: title) }
        candidates.sort { score[$0] > score[$1] }
        var top = candidates[0]

        func ancestors(_ e: Int) -> [Int] {
            var out: [Int] = []
            var p = Int(elements[e].parent)
            while p > 0 { out.append(p); p = Int(elements[p].parent) }
            return out
        }
        func isBodyOrAbove(_ e: Int) -> Bool { e <= 0 || elements[e].tag == .body || elements[e].tag == .html }

        // Several near-equal candidates under one ancestor: the article is split in parts.
        let alternatives = candidates.dropFirst().prefix(4).filter { score[$0] >= score[top] * 0.75 }.map { Set(ancestors($0)) }
        if alternatives.count >= 3 {
            var p = Int(elements[top].parent)
            while !isBodyOrAbove(p) {
                if alternatives.filter({ $0.contains(p) }).count >= 3 { top = p; break }
                p = Int(elements[p].parent)
            }
        }
        if !scored[top] { score[top] = initialScore(top, useClasses: useClasses); scored[top] = true }
        // A parent that scores higher than its best child holds more of the article.
        var parent = Int(elements[top].parent)
        var lastScore = score[top]
        let threshold = lastScore / 3
        while !isBodyOrAbove(parent) {
            if !scored[parent] { parent = Int(elements[parent].parent); continue }
            if score[parent] < threshold { break }
            if score[parent] > lastScore { top = parent; break }
            lastScore = score[parent]
            parent = Int(elements[parent].parent)
        }
        parent = Int(elements[top].parent)
        while !isBodyOrAbove(parent), childCount[parent] == 1 {
            top = parent
            parent = Int(elements[top].parent)
        }

        // Siblings of the chosen element that read like more of the article.
        var isRoot = [Bool](repeating: false, count: n)
        isRoot[top] = true
        let siblingThreshold = max(10, score[top] * 0.2)
        let topClass = elements[top].classKey
        var blockOf: [Int: TextBlock] = [:]
        for b in blocks where elements[Int(b.node)].tag == .p { blockOf[Int(b.node)] = b }
        let topParent = Int(elements[top].parent)
        if topParent >= 0 {
            for e in (top + 1)..<n where Int(elements[e].parent) == topParent {
                var bonus = 0.0
                if topClass >= 0, elements[e].classKey == topClass { bonus = score[top] * 0.2 }
                if scored[e], score[e] + bonus >= siblingThreshold {
                    isRoot[e] = true
                } else if elements[e].tag == .p, textLength[e] > 0 {
                    let ld = linkDensity(e)
                    let len = textLength[e]
                    if len > 80 && ld < 0.25 {
                        isRoot[e] = true
                    } else if len < 80, ld == 0, let b = blockOf[e], b.text.contains(". ") || b.text.hasSuffix(".") {
                        isRoot[e] = true
                    }
                }
            }
            for e in 0..<top where Int(elements[e].parent) == topParent && scored[e] {
                var bonus = 0.0
                if topClass >= 0, elements[e].classKey == topClass { bonus = score[top] * 0.2 }
                if score[e] + bonus >= siblingThreshold { isRoot[e] = true }
                else if elements[e].tag == .p, textLength[e] > 80, linkDensity(e) < 0.25 { isRoot[e] = true }
            }
        }

        // Within the article: drop furniture, and containers whose class marks them as
        // asides unless they read like prose (many commas).
        var inArticle = [Bool](repeating: false, count: n)
        var dropped = [Bool](repeating: false, count: n)
        for e in 0..<n {
            let el = elements[e]
            let p = Int(el.parent)
            if isRoot[e] {
                inArticle[e] = true
                dropped[e] = false
                continue
            }
            guard p >= 0, inArticle[p] else { continue }
            inArticle[e] = true
            var drop = dropped[p] || el.furnitureTag || el.hidden || el.tag == .form || (useClasses && el.unlikely)
            if !drop, useClasses, el.classWeight < 0, Int(el.classWeight) + Int(score[e]) < 0 {
                drop = commaCount(under: e) < 10
            }
            if !drop, el.tag == .ul || el.tag == .ol || el.tag == .table || el.tag == .div,
               textLength[e] > 0, linkDensity(e) > 0.5 {
                drop = true
            }
            dropped[e] = drop
        }
        let titleWords = title.flatMap { Boilerplate.words($0, limit: 64) } ?? []
        var out: [(text: String, kind: PageBlock?)] = []
        for b in blocks where inArticle[Int(b.node)] && !dropped[Int(b.node)] {
            if b.length > 0, Double(b.linkLength) / Double(b.text.utf8.count) > 0.5 { continue }
            if b.heading, !titleWords.isEmpty, Boilerplate.words(b.text, limit: 64) == titleWords { continue }
            out.append((b.text, isInFigure(Int(b.node)) ? .caption : nil))
        }
        return out
    }

    /// Text inside `<figure>` or `<figcaption>` describes a picture.
    private func isInFigure(_ e: Int) -> Bool {
        var x = e
        while x > 0 {
            if elements[x].tag == .figcaption || elements[x].tag == .figure { return true }
            x = Int(elements[x].parent)
        }
        return false
    }

    private func commaCount(under e: Int) -> Int {
        var total = 0
        for b in blocks {
            var x = Int(b.node)
            while x > e { x = Int(elements[x].parent) }
            if x == e { total += b.commas }
        }
        return total
    }

    /// A page with no paragraph long enough to score: keep every block outside furniture.
    private func fallback(title: String?) -> [(text: String, kind: PageBlock?)] {
        var furniture = [Bool](repeating: false, count: elements.count)
        for e in 1..<max(1, elements.count) {
            let el = elements[e]
            furniture[e] = el.furnitureTag || el.hidden || el.unlikely || furniture[Int(el.parent)]
        }
        return blocks.filter { !furniture[Int($0.node)] && Double($0.linkLength) <= Double($0.text.utf8.count) * 0.5 }
            .map { ($0.text, isInFigure(Int($0.node)) ? .caption : nil) }
    }

    /// og:title, else `<title>` without the site name after its last separator.
    func pageTitle() -> String? {
        if let t = parser.metaTitle { return t }
        guard let t = parser.title else { return nil }
        for sep in [" | ", " - ", " \u{2013} ", " \u{2014} ", " :: ", " \u{00BB} "] {
            if let r = t.range(of: sep, options: .backwards) {
                let head = String(t[..<r.lowerBound])
                if head.split(separator: " ").count >= 3 { return head }
            }
        }
        return t
    }
}
