/// What Sitrep read from a page: the text it codes, block by block, and what it left out.
public enum PageFormats {
    /// The text as Sitrep codes it, each block marked with its kind, then the parts left out.
    public static func text(_ doc: Doc) -> String {
        var s = ""
        if let t = doc.title { s += "title: \(t)\n" }
        if let d = doc.published { s += "published: \(d)\n" }
        if let src = doc.source { s += "source: \(src)\n" }
        if !doc.clean.credits.isEmpty { s += "credits: \(doc.clean.credits.joined(separator: "; "))\n" }
        if let p = doc.clean.datelinePlace { s += "dateline: \(p)\n" }
        s += "\n"
        for b in doc.clean.blocks {
            s += "[\(b.kind.rawValue)] \(doc.text(b.span))\n"
        }
        if !doc.clean.furniture.isEmpty {
            s += "\nleft out:\n"
            for f in doc.clean.furniture { s += "[\(f.kind.rawValue)] \(f.text)\n" }
        }
        return s
    }

    /// The same as one JSON object: metadata, the blocks with their offsets (Unicode code points
    /// into `text`, as evidence spans are) and the parts left out.
    public static func json(_ doc: Doc) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.field("article_id", doc.articleID)
        w.field("origin", doc.origin)
        w.field("title", doc.title)
        w.field("published", doc.published?.description)
        w.field("source", doc.source)
        w.key("credits")
        w.beginArray()
        for c in doc.clean.credits { w.string(c) }
        w.endArray()
        w.field("dateline_place", doc.clean.datelinePlace)
        w.field("text", doc.text)
        w.key("blocks")
        w.objects(doc.clean.blocks) { w, b in
            w.field("kind", b.kind.rawValue)
            w.field("start", doc.codePointOffset(b.span.start))
            w.field("end", doc.codePointOffset(b.span.end))
        }
        w.key("left_out")
        w.objects(doc.clean.furniture) { w, f in
            w.field("kind", f.kind.rawValue)
            w.field("text", f.text)
        }
        w.key("cleaning")
        w.beginArray()
        for r in doc.clean.removed { w.string(r) }
        w.endArray()
        w.endObject()
        return w.out
    }
}
