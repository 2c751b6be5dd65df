import Foundation
import TextAnalysis

/// Text helpers shared by the attribute resolver and its evaluation: folding, word-start
/// containment, and the comparison units (English words, Chinese character bigrams).
enum AttributeText {
    /// Words that carry no meaning in keys, qualifiers or questions.
    static let stopwords: Set<String> = [
        "a", "an", "the", "and", "or", "of", "in", "on", "for", "to", "is", "are", "does", "do", "it", "its",
        "my", "i", "what", "what's", "whats", "how", "which", "with", "can", "be", "at", "per", "by", "s",
    ]

    /// `Normalizer.normalize` (NFKC, width, case), dashes and tildes unified to "-", every
    /// punctuation other than `- % . / + '` turned into a space, white space collapsed.
    ///
    /// Decided on each character's first scalar (as `Character.isLetter` and `isNumber` are),
    /// with the space collapsing done in the same pass: answering folds every question.
    static func fold(_ text: String) -> String {
        var out = ""
        var space = false   // a space is owed before the next kept character
        for ch in Normalizer.normalize(text) {
            var scalars = ch.unicodeScalars.makeIterator()
            let first = scalars.next()!
            let single = scalars.next() == nil
            let v = first.value
            let kept: Character?
            if single && (v == 0x2013 || v == 0x2014 || v == 0x2212 || v == 0x7E || v == 0xFF5E) {
                kept = "-"
            } else if first.properties.isAlphabetic || first.properties.numericType != nil
                        || single && (v == 0x2D || v == 0x25 || v == 0x2E || v == 0x2F || v == 0x2B || v == 0x27) {
                kept = ch
            } else {
                kept = nil
            }
            guard let kept else { space = !out.isEmpty; continue }
            if space { out.append(" "); space = false }
            out.append(kept)
        }
        return out
    }

    /// `fold` for a vocabulary term, keeping a trailing `*` (prefix wildcard).
    static func foldTerm(_ term: String) -> String {
        term.hasSuffix("*") ? fold(String(term.dropLast())) + "*" : fold(term)
    }

    /// Whether the scalar is a CJK ideograph.
    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        (0x3400...0x9FFF).contains(s.value) || (0xF900...0xFAFF).contains(s.value) || (0x20000...0x3FFFF).contains(s.value)
    }

    /// Whether `text` is exactly one CJK ideograph.
    static func isSingleCJK(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        return scalars.count == 1 && isCJK(scalars[0])
    }

    /// Whether the text contains any CJK ideograph.
    static func hasCJK(_ text: String) -> Bool { text.unicodeScalars.contains(where: isCJK) }

    /// Whether folded `text` contains folded `term`. A term that starts with a Latin letter or
    /// digit must start at a word start ("range" in "the range", not in "arrange") and, unless it
    /// ends with `*`, end at a word end ("power" not in "powertrain"; "charg*" in "charger").
    static func contains(_ text: String, _ term: String) -> Bool {
        Needle(term).found(in: text)
    }

    /// A folded term made ready for ``contains(_:_:)``-style matching, so that a term looked for
    /// in many texts is analyzed once.
    struct Needle: Sendable {
        /// The term without its prefix mark.
        let text: String
        /// Whether a match must not follow a word scalar (Latin and digit terms).
        let checksStart: Bool
        /// Whether a match must not be followed by a word scalar (whole Latin words).
        let checksEnd: Bool

        init(_ term: String) {
            let prefixOnly = term.hasSuffix("*")
            text = prefixOnly ? String(term.dropLast()) : term
            let first = text.unicodeScalars.first, last = text.unicodeScalars.last
            checksStart = first.map { !AttributeText.isCJK($0) } ?? false
            checksEnd = checksStart && !prefixOnly && last.map(AttributeText.isWordScalar) == true
        }

        /// Whether the folded `haystack` holds the term, on word boundaries for Latin terms.
        func found(in haystack: String) -> Bool {
            guard !text.isEmpty else { return false }
            // Byte search over UTF-8 (both sides are folded already): a match can only start on a
            // scalar boundary, since a needle starts with a lead byte. Only Latin and digit terms
            // check the word boundaries around a match.
            var haystack = haystack, needle = text
            let checksStart = checksStart, checksEnd = checksEnd
            return haystack.withUTF8 { h in
                needle.withUTF8 { n in
                    guard n.count <= h.count else { return false }
                    var i = 0
                    while i <= h.count - n.count {
                        defer { i += 1 }
                        guard h[i] == n[0] else { continue }
                        var k = 1
                        while k < n.count && h[i + k] == n[k] { k += 1 }
                        guard k == n.count else { continue }
                        guard checksStart else { return true }
                        if i > 0, let before = AttributeText.scalar(endingAt: i, in: h), AttributeText.isWordScalar(before) { continue }
                        if checksEnd, i + n.count < h.count, let after = AttributeText.scalar(startingAt: i + n.count, in: h),
                           AttributeText.isWordScalar(after) { continue }
                        return true
                    }
                    return false
                }
            }
        }
    }

    /// Whether `text` contains `part` (UTF-8 bytes; both folded already). Stands in for
    /// Foundation's `contains`, which bridges to `NSString` on every call: an empty `part` is
    /// found nowhere, as there.
    static func has(_ text: String, _ part: String) -> Bool {
        ByteSearch.firstOffset(of: part, in: text, from: 0) != nil
    }

    /// `text` with every occurrence of `part` (left to right, not overlapping) replaced by
    /// `replacement`: Foundation's `replacingOccurrences(of:with:)` without the bridging.
    static func replacing(_ part: String, with replacement: String, in text: String) -> String {
        guard var at = ByteSearch.firstOffset(of: part, in: text, from: 0) else { return text }
        var out: [UInt8] = []
        let bytes = Array(text.utf8), n = part.utf8.count
        out.reserveCapacity(bytes.count)
        var copied = 0
        while true {
            out.append(contentsOf: bytes[copied..<at])
            out.append(contentsOf: replacement.utf8)
            copied = at + n
            guard let next = ByteSearch.firstOffset(of: part, in: text, from: copied) else { break }
            at = next
        }
        out.append(contentsOf: bytes[copied...])
        return String(decoding: out, as: UTF8.self)
    }

    /// A letter (not an ideograph) or a digit: what a Latin word is made of.
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        (s.properties.isAlphabetic && !isCJK(s)) || s.properties.numericType != nil
    }

    /// The scalar whose UTF-8 bytes end just before `end`.
    fileprivate static func scalar(endingAt end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        var start = end - 1
        while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return scalar(startingAt: start, in: bytes)
    }

    /// The scalar whose UTF-8 bytes start at `start`.
    fileprivate static func scalar(startingAt start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        var decoder = UTF8()
        var iterator = bytes[start...].makeIterator()
        if case .scalarValue(let s) = decoder.decode(&iterator) { return s }
        return nil
    }

    static func isCJKCharacter(_ ch: Character) -> Bool { ch.unicodeScalars.contains(where: isCJK) }

    /// Light stemming for comparison: "charging"/"charger"/"charge" → "charg", plural "s" dropped.
    static func stem(_ word: String) -> String {
        for suffix in ["ing", "er", "es", "e", "s"] where word.count > suffix.count + 3 && word.hasSuffix(suffix) {
            return String(word.dropLast(suffix.count))
        }
        return word
    }

    /// Comparison units of a folded text: stemmed Latin/number words (no stopwords) and, for
    /// each run of CJK characters, its bigrams (a single character alone).
    static func units(_ text: String) -> Set<String> {
        var out = Set<String>()
        var word = ""
        var cjk: [Character] = []
        func flushWord() {
            let w = trimmedMarks(word)
            if !w.isEmpty, !stopwords.contains(w) { out.insert(stem(w)) }
            word = ""
        }
        func flushCJK() {
            if cjk.count == 1 { out.insert(String(cjk[0])) }
            if cjk.count > 1 { for i in 0..<(cjk.count - 1) { out.insert(String(cjk[i...i + 1])) } }
            cjk = []
        }
        for ch in text {
            if isCJKCharacter(ch) { flushWord(); cjk.append(ch) }
            else if ch.isLetter || ch.isNumber || "-%./+'".contains(ch) { flushCJK(); word.append(ch) }
            else { flushWord(); flushCJK() }
        }
        flushWord(); flushCJK()
        return out
    }

    /// `word` without leading and trailing `-`, `.`, `/` and `'` (what `trimmingCharacters(in:)`
    /// with those four would return, without building a `CharacterSet` per word).
    static func trimmedMarks(_ word: String) -> String {
        func isMark(_ s: Unicode.Scalar) -> Bool { s == "-" || s == "." || s == "/" || s == "'" }
        let scalars = word.unicodeScalars
        guard let first = scalars.first, let last = scalars.last, isMark(first) || isMark(last) else { return word }
        var a = scalars.startIndex, b = scalars.endIndex
        while a < b && isMark(scalars[a]) { a = scalars.index(after: a) }
        while b > a && isMark(scalars[scalars.index(before: b)]) { b = scalars.index(before: b) }
        return String(scalars[a..<b])
    }

    /// Length in characters of the longest common substring of two short strings.
    static func longestCommonSubstring(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        guard !x.isEmpty, !y.isEmpty else { return 0 }
        var best = 0
        var previous = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            var current = [Int](repeating: 0, count: y.count + 1)
            for j in 1...y.count where x[i - 1] == y[j - 1] {
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
            }
            previous = current
        }
        return best
    }
}
