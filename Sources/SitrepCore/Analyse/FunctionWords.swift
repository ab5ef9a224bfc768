/// English function words (`lexicon/function-words.txt`): words that are never an adjective or a name.
public enum FunctionWords {
    static let words = Set(Lexicon.lines("function-words"))

    public static func contains(_ folded: String) -> Bool { words.contains(folded) }
}
