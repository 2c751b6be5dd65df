/// Bounds that protect the importer from oversized files and decompression bombs.
public struct ImportLimits: Sendable, Hashable {
    /// Largest file accepted, in bytes (default 32 MiB). Larger files fail with `.tooLarge`.
    public var maxFileBytes: Int
    /// Largest total a ZIP (DOCX) may expand to, in bytes (default 16 MiB: a DOCX of text is far
    /// smaller, and parsing more XML than that takes seconds).
    public var maxUncompressedBytes: Int
    /// Largest uncompressed/compressed ratio of a ZIP entry bigger than 1 MiB (default 200).
    public var maxCompressionRatio: Int
    /// Most entries a ZIP may list (default 10,000).
    public var maxZipEntries: Int

    /// Creates limits; every argument has the documented default.
    public init(maxFileBytes: Int = 32 << 20, maxUncompressedBytes: Int = 16 << 20,
                maxCompressionRatio: Int = 200, maxZipEntries: Int = 10_000) {
        self.maxFileBytes = maxFileBytes
        self.maxUncompressedBytes = maxUncompressedBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.maxZipEntries = maxZipEntries
    }
}

/// How prose is cut into passages.
///
/// Sizes are measured in "characters" weighted for mixed Chinese/English text
/// (see `TextMeasure`): a CJK character (ideograph, kana, hangul, full-width form)
/// counts 1, any other character (Latin letter, digit, space, punctuation) counts 1/3,
/// so 700 means about 700 Chinese characters or about 2,100 Latin characters
/// (roughly 350 English words).
public struct ChunkerOptions: Sendable, Hashable {
    /// The size a passage grows to before a new one is started (default 700).
    public var targetChars: Int
    /// The hard upper bound of a passage; a block larger than this is cut between sentences (default 1200).
    public var maxChars: Int
    /// How many sentences at the end of a passage are repeated at the start of the next one
    /// in the same section (default 1).
    public var overlapSentences: Int

    /// Creates options; every argument has the documented default.
    public init(targetChars: Int = 700, maxChars: Int = 1200, overlapSentences: Int = 1) {
        self.targetChars = max(1, targetChars)
        self.maxChars = max(self.targetChars, maxChars)
        self.overlapSentences = max(0, overlapSentences)
    }
}
