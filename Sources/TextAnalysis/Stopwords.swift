/// Stop lists used when `AnalyzerOptions.removeStopwords` is on.
///
/// English stopwords are compared against the normalized surface form of a word
/// (lower-case, apostrophe as ASCII `'`, possessive `'s` already dropped) before
/// stemming. Contractions are listed both with and without the apostrophe because
/// users type "dont" as often as "don't".
///
/// Chinese stop characters are particles and function characters; they are dropped
/// only from CJK *unigrams* — bigrams keep them, so "我的" and "好吗" are still
/// indexed as bigrams.
public enum Stopwords {
    /// English function words (lower-case, ASCII apostrophes).
    public static let english: Set<String> = [
        // articles, conjunctions, prepositions
        "a", "an", "the", "and", "or", "nor", "but", "if", "then", "else", "than", "so",
        "as", "at", "by", "for", "from", "in", "into", "of", "off", "on", "onto", "out",
        "over", "to", "up", "down", "with", "within", "without", "about", "above", "below",
        "after", "before", "again", "against", "between", "during", "through", "under",
        "until", "upon", "via", "per", "because", "while", "once", "further",
        // pronouns and determiners
        "i", "me", "my", "myself", "we", "us", "our", "ours", "ourselves", "you", "your",
        "yours", "yourself", "yourselves", "he", "him", "his", "himself", "she", "her",
        "hers", "herself", "it", "its", "itself", "they", "them", "their", "theirs",
        "themselves", "this", "that", "these", "those", "what", "which", "who", "whom",
        "whose", "each", "both", "all", "any", "few", "more", "most", "other", "some",
        "such", "own", "same", "there", "here", "when", "where", "why", "how",
        // auxiliaries and modals
        "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had",
        "having", "do", "does", "did", "doing", "can", "could", "will", "would", "shall",
        "should", "may", "might", "must", "ought",
        // negation and adverbs
        "no", "not", "only", "too", "very", "just", "also",
        // contractions, with and without the apostrophe
        "i'm", "im", "i've", "ive", "i'd", "i'll", "you're", "youre", "you've", "you'd",
        "you'll", "he'd", "he'll", "she'd", "she'll", "we're", "we've", "we'd", "we'll",
        "they're", "theyre", "they've", "they'd", "they'll", "isn't", "isnt", "aren't",
        "arent", "wasn't", "wasnt", "weren't", "werent", "don't", "dont", "doesn't",
        "doesnt", "didn't", "didnt", "haven't", "havent", "hasn't", "hasnt", "hadn't",
        "can't", "cant", "cannot", "couldn't", "couldnt", "won't", "wont", "wouldn't",
        "wouldnt", "shouldn't", "shouldnt", "mustn't", "shan't", "let's",
    ]

    /// Chinese particles and function characters dropped from CJK unigrams.
    public static let chinese: Set<Character> = [
        "的", "了", "吗", "呢", "吧", "啊", "呀", "嘛", "哦", "么", "啦", "哈", "嗯", "呗",
        "喔", "哇", "着", "之", "与", "及", "和", "或", "是", "在", "也", "都", "就", "而",
        "把", "被", "地", "得", "个",
    ]

    /// `english` as an allocation-free lookup table, for the analyzer's hot loop.
    static let englishTable = PackedWordTable(english)

    /// Byte-level variant of `isEnglishStopword` (no String needed).
    @inline(__always)
    static func isEnglishStopword(bytes: [UInt8]) -> Bool {
        englishTable.contains(bytes)
    }

    /// Scalar values of `chinese`, for the analyzer's hot loop.
    static let chineseScalars: Set<UInt32> = Set(chinese.compactMap { $0.unicodeScalars.first?.value })

    /// True if `word` (already normalized, see type documentation) is an English stopword.
    public static func isEnglishStopword(_ word: String) -> Bool {
        english.contains(word)
    }

    /// True if `character` is a Chinese stop character.
    public static func isChineseStopCharacter(_ character: Character) -> Bool {
        chinese.contains(character)
    }

    /// Scalar-level variant of `isChineseStopCharacter`.
    @inline(__always)
    static func isChineseStopScalar(_ s: UInt32) -> Bool {
        chineseScalars.contains(s)
    }
}

/// An open-addressing set of short words (at most 16 UTF-8 bytes) packed into two
/// 64-bit integers each; lookups neither allocate nor hash through `Hasher`.
struct PackedWordTable: Sendable {
    private var lo: [UInt64]
    private var hi: [UInt64]
    private let shift: UInt64

    /// Builds the table; words longer than 16 bytes are not representable and skipped.
    init(_ words: some Sequence<String>) {
        let list = words.map { Array($0.utf8) }.filter { !$0.isEmpty && $0.count <= 16 }
        var bits: UInt64 = 4
        while (1 << bits) < list.count * 4 { bits += 1 }
        shift = 64 - bits
        lo = Array(repeating: 0, count: 1 << bits)
        hi = Array(repeating: 0, count: 1 << bits)
        for w in list {
            let (a, b) = PackedWordTable.pack(w)
            var i = slot(a, b)
            while lo[i] != 0 && !(lo[i] == a && hi[i] == b) { i = (i + 1) & (lo.count - 1) }
            lo[i] = a
            hi[i] = b
        }
    }

    @inline(__always)
    private static func pack(_ w: [UInt8]) -> (UInt64, UInt64) {
        var a: UInt64 = 0, b: UInt64 = 0
        for k in 0..<min(w.count, 8) { a |= UInt64(w[k]) << UInt64(8 * k) }
        if w.count > 8 { for k in 8..<w.count { b |= UInt64(w[k]) << UInt64(8 * (k - 8)) } }
        return (a, b)
    }

    @inline(__always)
    private func slot(_ a: UInt64, _ b: UInt64) -> Int {
        Int(truncatingIfNeeded: ((a &* 0x9E37_79B9_7F4A_7C15) ^ (b &* 0xC2B2_AE3D_27D4_EB4F)) >> shift)
    }

    /// True if the word spelled by `bytes` is in the table.
    @inline(__always)
    func contains(_ bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 16 else { return false }
        let (a, b) = PackedWordTable.pack(bytes)
        var i = slot(a, b)
        while lo[i] != 0 {
            if lo[i] == a && hi[i] == b { return true }
            i = (i + 1) & (lo.count - 1)
        }
        return false
    }
}
