/// User vocabulary: product names and domain terms ("保养套餐", "Lanto Pilot", "X5").
///
/// Entries are normalized and split into the same units the analyzer uses: one unit
/// per CJK character and one per Latin token. Matching is *forward longest match*
/// over the text's units: at each position the longest entry starting there wins
/// and matching resumes after it, so with entries 保养 / 保养套餐 / 套餐价格 the text
/// "保养套餐价格" matches only "保养套餐".
///
/// Units of an entry must be adjacent in the text: CJK characters directly follow
/// each other (or are separated only by spaces), Latin words are separated only by
/// spaces, '-' or '_' ("Lanto Pilot" matches "lanto pilot", "Lanto-Pilot" and
/// "LANTO  PILOT" but not "Lanto. Pilot").
///
/// A match spanning two or more units is emitted by the analyzer as one extra term:
/// the units concatenated, with an underscore between two Latin units
/// ("lanto pilot" → "lanto_pilot", "蓝图 X5" → "蓝图x5", "保养套餐" → "保养套餐").
/// A single-word Latin entry produces no extra term but is protected from stemming
/// and stopword removal ("Ares" stays "ares" instead of being stemmed to "are").
public struct Lexicon: Sendable, Equatable {
    /// The normalized entries (see `Normalizer.normalize`).
    public private(set) var words: Set<String> = []
    /// Trie over unit keys.
    var trie = LexiconTrie()
    /// Normalized single-word Latin entries.
    var singleWords: Set<String> = []
    /// Bloom-style filter over the first unit of every entry (fast rejection).
    var firstKeys = KeyFilter()

    /// Creates a lexicon from raw entries; each is normalized, blanks are ignored.
    public init(words: [String] = []) {
        for w in words { insert(w) }
    }

    /// Adds one entry (normalized first). Entries without any word character are ignored.
    public mutating func insert(_ word: String) {
        let normalized = Normalizer.normalize(word).trimmingWhitespace()
        guard !normalized.isEmpty else { return }
        let t = NormalizedText(word)
        let units = Lexicon.surfaceTokenizer.units(t)
        guard !units.isEmpty else { return }
        words.insert(normalized)
        var keys: [LexiconKey] = []
        var term = ""
        for (k, u) in units.enumerated() {
            if u.kind == .cjk {
                keys.append(.scalar(t.scalars[u.start]))
                term += makeString(t.scalars[u.start])
            } else {
                if k > 0 && units[k - 1].kind != .cjk { term += "_" }
                keys.append(.word(u.text))
                term += u.text
            }
        }
        trie.insert(keys, term: term)
        firstKeys.insert(units[0].keyHash)
        if units.count == 1 && units[0].kind != .cjk { singleWords.insert(units[0].text) }
    }

    /// Number of distinct normalized entries.
    public var count: Int { words.count }

    /// True if the lexicon has no entries.
    public var isEmpty: Bool { words.isEmpty }

    /// Two lexicons are equal when they hold the same normalized entries (everything
    /// else is derived from those).
    public static func == (lhs: Lexicon, rhs: Lexicon) -> Bool { lhs.words == rhs.words }

    /// True if `word`, once normalized, is an entry.
    public func contains(_ word: String) -> Bool {
        words.contains(Normalizer.normalize(word).trimmingWhitespace())
    }

    /// The entries found in `text` by forward longest match, in text order, spelled as
    /// analyzer terms ("lanto_pilot", "保养套餐"). Unlike the analyzer's extra terms
    /// this includes single-unit matches.
    public func matches(in text: String) -> [String] {
        let t = NormalizedText(text)
        let units = Lexicon.surfaceTokenizer.units(t)
        return longestMatches(units, t.scalars, minUnits: 1).map(\.term)
    }

    /// Tokenizer for entries and `matches(in:)`: surfaces kept, no stemming or stopwords.
    static let surfaceTokenizer = Tokenizer(options: AnalyzerOptions(stem: false, removeStopwords: false),
                                            lexicon: nil, keepSurface: true)

    /// True if the Latin token `bytes` (with `hash` = `LexiconKey.hash(bytes:)`) is a
    /// single-word entry.
    @inline(__always)
    func isSingleWordEntry(_ bytes: [UInt8], hash: UInt64) -> Bool {
        guard !singleWords.isEmpty, firstKeys.mayContain(hash) else { return false }
        return singleWords.contains(String(decoding: bytes, as: UTF8.self))
    }

    /// A match of an entry over units `start..<end`.
    struct Match {
        var start: Int, end: Int, term: String
    }

    /// Forward longest match over `units`, keeping matches of at least `minUnits` units.
    func longestMatches(_ units: [Unit], _ scalars: [UInt32], minUnits: Int) -> [Match] {
        var out: [Match] = []
        guard !trie.isEmpty else { return out }
        var u = 0
        while u < units.count {
            guard firstKeys.mayContain(units[u].keyHash) else { u += 1; continue }
            var node = 0
            var best = -1
            var bestTerm = ""
            var k = u
            while k < units.count {
                if k > u && !units[k].joinable { break }
                let key: LexiconKey = units[k].kind == .cjk ? .scalar(scalars[units[k].start]) : .word(units[k].text)
                guard let child = trie.child(node, key) else { break }
                node = child
                k += 1
                if let term = trie.terms[node] { best = k; bestTerm = term }
            }
            if best > u {
                if best - u >= minUnits { out.append(Match(start: u, end: best, term: bestTerm)) }
                u = best
            } else {
                u += 1
            }
        }
        return out
    }
}

/// A trie edge label: one CJK character or one Latin token.
enum LexiconKey: Hashable, Sendable {
    case scalar(UInt32)
    case word(String)

    /// Cheap hash of a CJK unit key, for `KeyFilter`.
    @inline(__always)
    static func hash(scalar s: UInt32) -> UInt64 { (UInt64(s) | 0x1_0000_0000) &* 0x9E37_79B9_7F4A_7C15 }

    /// Cheap hash (FNV-1a) of a Latin unit's UTF-8 surface form, for `KeyFilter`.
    @inline(__always)
    static func hash(bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}

/// A 4096-bit membership filter over 64-bit key hashes (false positives possible,
/// false negatives not).
struct KeyFilter: Sendable {
    private var bits = [UInt64](repeating: 0, count: 64)

    @inline(__always)
    private static func slot(_ h: UInt64) -> Int { Int(truncatingIfNeeded: (h &* 0xD6E8_FEB8_6659_FD93) >> 52) }

    mutating func insert(_ h: UInt64) {
        let s = KeyFilter.slot(h)
        bits[s >> 6] |= 1 << UInt64(s & 63)
    }

    @inline(__always)
    func mayContain(_ h: UInt64) -> Bool {
        let s = KeyFilter.slot(h)
        return bits[s >> 6] & (1 << UInt64(s & 63)) != 0
    }
}

/// Array-backed trie; node 0 is the root.
struct LexiconTrie: Sendable {
    var children: [[LexiconKey: Int]] = [[:]]
    /// Term emitted when a match ends at the node, nil for inner nodes.
    var terms: [String?] = [nil]

    var isEmpty: Bool { children[0].isEmpty }

    @inline(__always)
    func child(_ node: Int, _ key: LexiconKey) -> Int? { children[node][key] }

    mutating func insert(_ keys: [LexiconKey], term: String) {
        var node = 0
        for key in keys {
            if let next = children[node][key] {
                node = next
            } else {
                children.append([:])
                terms.append(nil)
                children[node][key] = children.count - 1
                node = children.count - 1
            }
        }
        terms[node] = term
    }
}

extension String {
    /// The string without leading and trailing white space (Unicode-aware, no Foundation).
    func trimmingWhitespace() -> String {
        let s = unicodeScalars
        guard let first = s.firstIndex(where: { !isSpaceScalar($0.value) }),
              let last = s.lastIndex(where: { !isSpaceScalar($0.value) }) else { return "" }
        return String(s[first...last])
    }
}
