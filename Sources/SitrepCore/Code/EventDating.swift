/// Picks the date that governs an event from the dates found in its document.
public enum EventDating {
    /// The date of the event told in `clause` (a sentence span), whose trigger word is `anchor`:
    /// 1. a date in the same sentence, the nearest to the anchor, "on X" preferred;
    /// 2. else the nearest date in an earlier sentence of the same paragraph;
    /// 3. else the dateline's date, or the page's (returned with an empty span at offset 0);
    /// 4. else nil — whether the publication date stands in is the coder's call.
    /// Dates tied to something else ("a ceasefire agreed on March 5", "since 5 March") and dates after
    /// publication (meetings announced for "this Friday") never date an event.
    public static func date(for clause: Span, anchor: Span?, in doc: Doc, dates: [DateMention]) -> DateMention? {
        let eligible = dates.filter { isEventDate($0, in: doc) }
        let inClause = eligible.filter { clause.contains($0.span) }
        if !inClause.isEmpty {
            let target = anchor ?? Span(clause.start, clause.start)
            return inClause.min { weight($0, target, doc) < weight($1, target, doc) }
        }
        if let s = doc.sentenceIndex(of: clause) ?? doc.sentenceIndex(of: Span(clause.start, clause.start)) {
            var k = s
            while k > 0, sameParagraph(k - 1, k, in: doc) {
                k -= 1
                let sentence = doc.sentences[k].span
                if let d = eligible.last(where: { sentence.contains($0.span) }) { return d }
            }
        }
        // A page dated by its dateline, its date lines or its feed reports what it does not date as
        // of that day (news-dev's convention, and a wire coder's).
        if let d = doc.clean.datelineDate ?? (doc.clean.pageDate != nil || doc.clean.blocks.count > 2 ? doc.published : nil) {
            return DateMention(span: Span(0, 0), date: d, precision: .day, kind: .absolute)
        }
        return nil
    }

    /// Distance to the anchor in bytes, halved for dates introduced by "on" ("on Sunday", "On 9 May").
    static func weight(_ d: DateMention, _ anchor: Span, _ doc: Doc) -> Int {
        let distance = d.span.end <= anchor.start ? anchor.start - d.span.end
            : d.span.start >= anchor.end ? d.span.start - anchor.end : 0
        let i = PhraseTokens.index(atOrAfter: d.span.start, in: doc.tokens)
        let on = i > 0 && doc.tokens[i - 1].norm == "on"
        return on ? distance / 2 : distance
    }

    /// False for dates that belong to something other than the event, as far as cheap cues show.
    static func isEventDate(_ d: DateMention, in doc: Doc) -> Bool {
        if let date = d.date, let pub = doc.published, date > pub { return false }
        let toks = doc.tokens
        let i = PhraseTokens.index(atOrAfter: d.span.start, in: toks)
        guard i < toks.count else { return true }
        let attached = DateLexicon.shared.attached
        var k = i - 1
        // Look back a few words within the clause: "a ceasefire agreed on March 5", "since 5 March".
        while k >= 0, i - k <= 4, toks[k].sentence == toks[i].sentence {
            let n = toks[k].norm
            if attached.contains(n) { return false }
            if toks[k].kind == .punctuation { break }
            k -= 1
        }
        return true
    }

    /// No line break between two consecutive sentences.
    static func sameParagraph(_ a: Int, _ b: Int, in doc: Doc) -> Bool {
        let from = doc.sentences[a].span.end, to = doc.sentences[b].span.start
        guard from < to else { return true }
        let utf8 = doc.text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: from)
        let end = utf8.index(utf8.startIndex, offsetBy: to)
        return !utf8[start..<end].contains(10)
    }
}
