import Foundation
import Synchronization

/// The Latin words of the knowledge with how often each occurs, to mend a query word the knowledge
/// does not know: a customer types "warrenty", "bluinking", "nvigate" and the word matches nothing
/// in BM25 and little in the encoder's features.
///
/// A query word of `minimumQueryWord` letters or more that is not in the vocabulary (and that the
/// caller does not know in another form, an inflection its index stems alike) is replaced by the
/// most frequent vocabulary word one edit away: a deletion, an insertion, a substitution or two
/// neighbours swapped (Damerau's edits, which account for most typing errors). Candidates are
/// generated from the query word and looked up, so no index of misspellings is kept; a word has
/// about 54 × its length of them. Words are runs of ASCII letters, lower-cased, that touch no
/// digit and no other script's letter (Chinese characters and punctuation may touch them, as in
/// "E7的warranty"): model codes ("E7", "X3") and Chinese text are never changed.
public struct SpellingVocabulary: Sendable {
    /// Occurrences of each known word (4 to `longestWord` letters).
    private var counts: [String: Int32] = [:]

    /// The shortest query word that is mended: shorter words are too often another real word one
    /// edit away ("tire"/"tyre", "cost"/"coat").
    public static let minimumQueryWord = 5
    /// Longer runs are codes or joined-up text, not words.
    static let longestWord = 32
    /// At most this many unknown words of one text are looked for (a question has one or two
    /// typos; a pasted page of unknown words would otherwise cost about 1,700 look-ups a word).
    public static let mostUnknownWords = 8

    public init() {}

    /// Number of distinct words.
    public var count: Int { counts.count }

    /// How often `word` (lower-case) occurs in the texts added.
    public func occurrences(of word: String) -> Int { Int(counts[word] ?? 0) }

    /// Counts the words of a text.
    public mutating func add(_ text: String) {
        Self.forEachWord(text, minimum: 4) { counts[$0, default: 0] += 1 }
    }

    /// Uncounts the words of a text added before.
    public mutating func remove(_ text: String) {
        Self.forEachWord(text, minimum: 4) { word in
            guard let c = counts[word] else { return }
            counts[word] = c > 1 ? c - 1 : nil
        }
    }

    /// Calls `body` with each word of `text` (lower-cased) of `minimum` to `longestWord` letters
    /// and its UTF-8 range.
    static func forEachWord(_ text: String, minimum: Int, _ body: (String) -> Void) {
        forEachWordRange(text, minimum: minimum) { word, _ in body(word) }
    }

    static func forEachWordRange(_ text: String, minimum: Int, _ body: (String, Range<Int>) -> Void) {
        var text = text
        text.withUTF8 { p in
            let n = p.count
            var i = 0
            while i < n {
                guard isLetter(p[i]) else { i += 1; continue }
                var j = i + 1
                while j < n && isLetter(p[j]) { j += 1 }
                // A run that touches a digit or a letter of another script is part of a code or a word
                // such as "café".
                let touches = (i > 0 && !isBoundary(p, before: i)) || (j < n && !isBoundary(p, at: j))
                let length = j - i
                if !touches && length >= minimum && length <= longestWord {
                    let word = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { buffer -> String in
                        for k in 0..<length { buffer[k] = p[i + k] | 0x20 }
                        return String(decoding: buffer, as: UTF8.self)
                    }
                    body(word, i..<j)
                }
                i = j
            }
        }
    }

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    /// Whether the scalar starting at byte `k` may end or start a word: ASCII other than a digit, a
    /// CJK character or mark (U+3000–U+9FFF, lead bytes E3–E9), or the full-width punctuation
    /// Chinese writes (，！？：；).
    static func isBoundary(_ p: UnsafeBufferPointer<UInt8>, at k: Int) -> Bool {
        let b = p[k]
        if b < 0x80 { return !(b >= 0x30 && b <= 0x39) }
        if b >= 0xE3 && b <= 0xE9 { return true }
        guard b == 0xEF, k + 2 < p.count, p[k + 1] == 0xBC else { return false }
        switch p[k + 2] {
        case 0x81, 0x8C, 0x9A, 0x9B, 0x9F: return true
        default: return false
        }
    }

    /// `isBoundary` for the scalar that ends just before byte `k`.
    static func isBoundary(_ p: UnsafeBufferPointer<UInt8>, before k: Int) -> Bool {
        var start = k - 1
        while start > 0 && p[start] & 0xC0 == 0x80 && k - start < 4 { start -= 1 }
        return isBoundary(p, at: start)
    }

    /// The most frequent known word one edit from `word` (lower-case ASCII letters); nil when there
    /// is none. Ties go to the word first in alphabetical order.
    public func closest(to word: String) -> String? {
        let w = Array(word.utf8)
        var best: (word: String, count: Int32)?
        func consider(_ candidate: [UInt8]) {
            let s = String(decoding: candidate, as: UTF8.self)
            guard let c = counts[s] else { return }
            if let b = best, b.count > c || (b.count == c && b.word <= s) { return }
            best = (s, c)
        }
        var c = w
        for i in w.indices {                                       // deletions
            c = w; c.remove(at: i); consider(c)
        }
        for i in 0..<max(w.count - 1, 0) where w[i] != w[i + 1] {  // transpositions
            c = w; c.swapAt(i, i + 1); consider(c)
        }
        for i in w.indices {                                       // substitutions
            c = w
            for letter in UInt8(ascii: "a")...UInt8(ascii: "z") where letter != w[i] { c[i] = letter; consider(c) }
        }
        for i in 0...w.count {                                     // insertions
            c = w; c.insert(0x61, at: i)
            for letter in UInt8(ascii: "a")...UInt8(ascii: "z") { c[i] = letter; consider(c) }
        }
        return best?.word
    }

    /// `text` with each word of `minimumQueryWord` letters or more that is neither in the
    /// vocabulary nor `isKnown` replaced by `closest(to:)`, and the (word, replacement) pairs;
    /// nil when no word changed. `isKnown` tells words known in another form. Only the first
    /// `mostUnknownWords` unknown words are mended.
    public func corrected(_ text: String, isKnown: (String) -> Bool) -> (text: String, corrections: [(word: String, correction: String)])? {
        guard !counts.isEmpty else { return nil }
        var edits: [(range: Range<Int>, word: String, correction: String)] = []
        var unknown = 0
        Self.forEachWordRange(text, minimum: Self.minimumQueryWord) { word, range in
            guard unknown < Self.mostUnknownWords, counts[word] == nil, !isKnown(word) else { return }
            unknown += 1
            guard let fix = closest(to: word) else { return }
            edits.append((range, word, fix))
        }
        guard !edits.isEmpty else { return nil }
        var bytes = Array(text.utf8)
        for e in edits.reversed() { bytes.replaceSubrange(e.range, with: Array(e.correction.utf8)) }
        return (String(decoding: bytes, as: UTF8.self), edits.map { ($0.word, $0.correction) })
    }
}

/// A list of real words (one per line, as `/usr/share/dict/words` from Debian's `wamerican` has
/// them): a query word found in it is never mended, whether or not the knowledge uses it
/// ("catch", "drove", "slipping" are one edit from "watch", "drive", "skipping"). Lines with
/// anything but ASCII letters (possessives) are skipped. Read once per path and process.
public enum WordList {
    private static let loaded = Mutex<[String: Set<String>?]>([:])

    /// The lower-cased words of the file at `path`, or nil when it cannot be read or holds none.
    public static func words(at path: String) -> Set<String>? {
        if let cached = loaded.withLock({ $0[path] }) { return cached }
        var words: Set<String>? = nil
        if let data = FileManager.default.contents(atPath: path) {
            var set = Set<String>()
            for line in data.split(separator: 0x0A) {
                guard line.count >= SpellingVocabulary.minimumQueryWord,
                      line.allSatisfy(SpellingVocabulary.isLetter) else { continue }
                set.insert(String(decoding: line.map { $0 | 0x20 }, as: UTF8.self))
            }
            words = set.isEmpty ? nil : set
        }
        loaded.withLock { $0[path] = .some(words) }
        return words
    }
}
