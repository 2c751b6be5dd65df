/// What produced a token.
public enum TokenKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A Latin-script (or other alphabetic, non-CJK) word, possibly stemmed.
    case word
    /// A token made of digits and number punctuation only: "3.5", "400-820-6688", "1299".
    case number
    /// An alphanumeric code mixing letters and digits: "x5", "2.0t", "0w-20", "r2026-01".
    case code
    /// One character of a CJK run.
    case cjkUnigram
    /// Two adjacent characters of a CJK run.
    case cjkBigram
    /// A lexicon entry spanning several characters or words ("保养套餐", "lanto_pilot").
    case lexicon
}

/// One analyzed term with its position in the original (un-normalized) text.
///
/// Ranges are half-open and measured in the original string: `utf8Range` in UTF-8
/// code units, `utf16Range` in UTF-16 code units (what NSString / JavaScript use),
/// `characterRange` in Swift `Character`s (grapheme clusters). Overlapping tokens
/// are normal: a bigram overlaps its two unigrams, a lexicon term its parts.
public struct Token: Sendable, Hashable, Codable {
    /// The index/query term, exactly as `Analyzer.terms` returns it.
    public var term: String
    /// What produced the term.
    public var kind: TokenKind
    /// Source span in UTF-8 code units.
    public var utf8Range: Range<Int>
    /// Source span in UTF-16 code units.
    public var utf16Range: Range<Int>
    /// Source span in grapheme clusters.
    public var characterRange: Range<Int>

    /// Creates a token.
    public init(term: String, kind: TokenKind, utf8Range: Range<Int>, utf16Range: Range<Int>, characterRange: Range<Int>) {
        self.term = term
        self.kind = kind
        self.utf8Range = utf8Range
        self.utf16Range = utf16Range
        self.characterRange = characterRange
    }

    /// The token's span as string indices into `text`, which must be the string the
    /// token was produced from.
    public func range(in text: String) -> Range<String.Index> {
        let u = text.utf8
        let lower = u.index(u.startIndex, offsetBy: min(utf8Range.lowerBound, u.count))
        let upper = u.index(u.startIndex, offsetBy: min(utf8Range.upperBound, u.count))
        return lower..<upper
    }
}

/// Switches for `Analyzer`. All on by default.
public struct AnalyzerOptions: Sendable, Hashable, Codable {
    /// Porter-stem Latin words (never applied to tokens containing digits or apostrophes).
    public var stem: Bool
    /// Drop English stopwords, and Chinese stop characters from CJK unigrams.
    public var removeStopwords: Bool
    /// Emit one term per CJK character.
    public var cjkUnigrams: Bool
    /// Emit one term per pair of adjacent CJK characters.
    public var cjkBigrams: Bool
    /// Emit multi-unit lexicon matches as extra terms and protect single-word
    /// lexicon entries from stemming and stopword removal.
    public var lexiconWords: Bool
    /// Latin tokens longer than this many scalars (hashes, base64 blobs) are skipped.
    public var maxTokenLength: Int

    /// Creates options; every switch defaults to on.
    public init(stem: Bool = true, removeStopwords: Bool = true, cjkUnigrams: Bool = true,
                cjkBigrams: Bool = true, lexiconWords: Bool = true, maxTokenLength: Int = 64) {
        self.stem = stem
        self.removeStopwords = removeStopwords
        self.cjkUnigrams = cjkUnigrams
        self.cjkBigrams = cjkBigrams
        self.lexiconWords = lexiconWords
        self.maxTokenLength = maxTokenLength
    }
}
