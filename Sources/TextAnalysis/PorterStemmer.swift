/// The classic Porter (1980) suffix-stripping stemmer, implemented from the
/// published description ("An algorithm for suffix stripping", Program 14(3)).
///
/// It follows the paper, not the later reference-code variants: Step 2 uses
/// ABLI → ABLE (not BLI → BLE) and has no LOGI rule, and short words are stemmed
/// too (so "is" → "i"; the analyzer removes such words as stopwords first). The one
/// word the paper would reduce to nothing, "s", is returned unchanged.
/// Within each step only the rule with the longest matching suffix is considered;
/// if its condition fails, the step does nothing.
///
/// Only words made of ASCII letters are stemmed (ASCII upper case is lowered first);
/// anything else — digits, apostrophes, accented or non-Latin letters — is returned
/// unchanged.
public enum PorterStemmer {
    /// Returns the Porter stem of `word`, or `word` itself if it is not purely ASCII letters.
    public static func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        guard !bytes.isEmpty else { return word }
        for i in bytes.indices {
            let c = bytes[i]
            if c >= 0x41 && c <= 0x5A { bytes[i] = c | 0x20 } else if c < 0x61 || c > 0x7A { return word }
        }
        stemInPlace(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Stems a buffer of lower-case ASCII letters in place.
    static func stemInPlace(_ word: inout [UInt8]) {
        // Only "s" would be reduced to nothing (Step 1a); keep it.
        guard !(word.count == 1 && word[0] == 0x73) else { return }
        var w = Word(b: word)
        word = []
        w.step1a(); w.step1b(); w.step1c()
        w.step2(); w.step3(); w.step4()
        w.step5a(); w.step5b()
        word = w.b
    }

    private typealias Rule = (suffix: [UInt8], replacement: [UInt8])

    private static func rules(_ pairs: [(String, String)]) -> [Rule] {
        pairs.map { (Array($0.0.utf8), Array($0.1.utf8)) }
            .sorted { $0.suffix.count > $1.suffix.count }   // longest suffix first
    }

    private static let step2Rules = rules([
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"),
        ("izer", "ize"), ("abli", "able"), ("alli", "al"), ("entli", "ent"), ("eli", "e"),
        ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"), ("ator", "ate"),
        ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"),
        ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
    ])

    private static let step3Rules = rules([
        ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"),
        ("ful", ""), ("ness", ""),
    ])

    private static let step4Suffixes: [[UInt8]] = [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
        "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize",
    ].map { Array($0.utf8) }.sorted { $0.count > $1.count }

    /// A word being stemmed, with the paper's predicates.
    private struct Word {
        var b: [UInt8]

        /// Consonant per the paper: not a, e, i, o, u, and not a y preceded by a consonant.
        func isConsonant(_ i: Int) -> Bool {
            switch b[i] {
            case 0x61, 0x65, 0x69, 0x6F, 0x75: return false
            case 0x79: return i == 0 ? true : !isConsonant(i - 1)
            default: return true
            }
        }

        /// m in [C](VC)^m[V] for the first `len` letters.
        func measure(_ len: Int) -> Int {
            var i = 0, m = 0
            while i < len && isConsonant(i) { i += 1 }
            while i < len {
                while i < len && !isConsonant(i) { i += 1 }
                guard i < len else { break }
                while i < len && isConsonant(i) { i += 1 }
                m += 1
            }
            return m
        }

        /// *v*: the first `len` letters contain a vowel.
        func hasVowel(_ len: Int) -> Bool {
            (0..<len).contains { !isConsonant($0) }
        }

        /// *d: the first `len` letters end with a double consonant.
        func endsDoubleConsonant(_ len: Int) -> Bool {
            len >= 2 && b[len - 1] == b[len - 2] && isConsonant(len - 1)
        }

        /// *o: the first `len` letters end consonant-vowel-consonant, the last not w, x or y.
        func endsCVC(_ len: Int) -> Bool {
            guard len >= 3, isConsonant(len - 3), !isConsonant(len - 2), isConsonant(len - 1) else { return false }
            let c = b[len - 1]
            return c != 0x77 && c != 0x78 && c != 0x79
        }

        func ends(_ s: [UInt8]) -> Bool {
            let off = b.count - s.count
            guard off >= 0 else { return false }
            for k in 0..<s.count where b[off + k] != s[k] { return false }
            return true
        }

        func ends(_ s: StaticString) -> Bool {
            let n = s.utf8CodeUnitCount, p = s.utf8Start
            let off = b.count - n
            guard off >= 0 else { return false }
            for k in 0..<n where b[off + k] != p[k] { return false }
            return true
        }

        mutating func replaceSuffix(_ n: Int, with r: [UInt8]) {
            b.removeLast(n)
            b.append(contentsOf: r)
        }

        mutating func step1a() {
            if ends("sses") { b.removeLast(2) }
            else if ends("ies") { b.removeLast(2) }
            else if ends("ss") { }
            else if ends("s") { b.removeLast() }
        }

        mutating func step1b() {
            if ends("eed") {
                if measure(b.count - 3) > 0 { b.removeLast() }
                return
            }
            if ends("ed") && hasVowel(b.count - 2) { b.removeLast(2) }
            else if ends("ing") && hasVowel(b.count - 3) { b.removeLast(3) }
            else { return }
            if ends("at") || ends("bl") || ends("iz") {
                b.append(0x65)
            } else if endsDoubleConsonant(b.count), let c = b.last, c != 0x6C, c != 0x73, c != 0x7A {
                b.removeLast()
            } else if measure(b.count) == 1 && endsCVC(b.count) {
                b.append(0x65)
            }
        }

        mutating func step1c() {
            if ends("y") && hasVowel(b.count - 1) { b[b.count - 1] = 0x69 }
        }

        mutating func apply(_ rules: [Rule]) {
            guard let rule = rules.first(where: { ends($0.suffix) }) else { return }
            if measure(b.count - rule.suffix.count) > 0 { replaceSuffix(rule.suffix.count, with: rule.replacement) }
        }

        mutating func step2() { apply(PorterStemmer.step2Rules) }
        mutating func step3() { apply(PorterStemmer.step3Rules) }

        mutating func step4() {
            guard let s = PorterStemmer.step4Suffixes.first(where: { ends($0) }) else { return }
            let stem = b.count - s.count
            guard measure(stem) > 1 else { return }
            if s.count == 3 && s[0] == 0x69 && s[1] == 0x6F {   // "ion" needs a stem ending in s or t
                guard stem > 0, b[stem - 1] == 0x73 || b[stem - 1] == 0x74 else { return }
            }
            b.removeLast(s.count)
        }

        mutating func step5a() {
            guard ends("e") else { return }
            let m = measure(b.count - 1)
            if m > 1 || (m == 1 && !endsCVC(b.count - 1)) { b.removeLast() }
        }

        mutating func step5b() {
            if b.last == 0x6C && endsDoubleConsonant(b.count) && measure(b.count) > 1 { b.removeLast() }
        }
    }
}
