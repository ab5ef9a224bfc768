/// Folds text for matching: lower case, no diacritics, straight quotes, one kind of dash.
public enum TextFolding {
    public static func fold(_ s: String) -> String {
        var ascii = true
        for b in s.utf8 where b >= 0x80 { ascii = false; break }
        if ascii { return s.lowercased() }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u {
            case "\u{2018}", "\u{2019}", "\u{02BC}", "\u{02BF}", "\u{02BE}", "`", "\u{00B4}": out.append("'")
            case "\u{201C}", "\u{201D}": out.append("\"")
            case "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}": out.append("-")
            default:
                // Decompose and drop combining marks: "Ḥamā" → "hama".
                for d in String(u).decomposedStringWithCanonicalMapping.unicodeScalars
                where d.properties.generalCategory != .nonspacingMark {
                    out.append(d)
                }
            }
        }
        return String(out).lowercased()
    }
}
