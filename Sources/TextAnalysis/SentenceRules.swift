// Decision rules for SentenceSplitter: when a terminator really ends a sentence and
// when a line break is a paragraph break.

extension SentenceSplitter {
    /// Abbreviations after which '.' never ends a sentence (lower-case, no dot).
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "st", "mt", "vs", "cf", "viz", "approx", "dept",
        "est", "fig", "figs", "vol", "vols", "gen", "gov", "sgt", "capt", "col", "lt",
        "hon", "messrs", "mme", "eg", "ie", "al",
    ]

    /// Abbreviations that do not end a sentence when a number follows ("No. 5", "Jan. 3").
    static let numberAbbreviations: Set<String> = [
        "no", "nos", "nr", "tel", "ext", "art", "ch", "sec", "p", "pp", "op", "rev", "ver",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]

    /// Abbreviations that end a sentence only before an upper-case or CJK word.
    static let weakAbbreviations: Set<String> = [
        "etc", "inc", "ltd", "co", "corp", "llc", "plc", "jr", "sr", "bros",
    ]

    /// Decides whether the terminator run `k..<after` (closers included) ends a sentence.
    static func shouldSplit(_ sc: [UInt32], terminator k: Int, after: Int, onlyDots: Bool, sentenceStart: Int) -> Bool {
        var runEnd = k
        var asciiOnly = true
        var hasBangOrQuestion = false
        while runEnd < after && isTerminator(sc[runEnd]) {
            let s = sc[runEnd]
            if s >= 0x80 { asciiOnly = false }
            if s == 0x21 || s == 0x3F { hasBangOrQuestion = true }
            runEnd += 1
        }
        if !asciiOnly { return true }
        let next: UInt32? = after < sc.count ? sc[after] : nil
        if hasBangOrQuestion {
            guard let n = next, n < 0x80 else { return true }
            return !(isASCIILetter(n) || isASCIIDigit(n) || n == 0x3D || n == 0x26)
        }
        // Dots only: must be followed by white space, the end or CJK ("2.0T", "3.5%" never split).
        guard onlyDots else { return true }
        if let n = next, !isSpaceScalar(n) && !isCJK(n) { return false }
        let following = nextWordStart(sc, from: after)
        if runEnd - k >= 2 {   // ellipsis: a sentence end only before a capital, CJK or the end
            guard let f = following else { return true }
            return !isLowercaseLetter(f) && !isASCIIDigit(f)
        }
        // The word right before the dot (ASCII letters and inner dots).
        var w = k
        while w > sentenceStart && (isASCIILetter(sc[w - 1]) || (sc[w - 1] == 0x2E && w - 1 > sentenceStart && isASCIILetter(sc[w - 2]))) {
            w -= 1
        }
        if w == k {
            // "1. Open the app": a list number at the start of a sentence is not an end.
            var d = k
            while d > sentenceStart && isASCIIDigit(sc[d - 1]) { d -= 1 }
            if d < k {
                var b = d
                while b > sentenceStart && isSpaceScalar(sc[b - 1]) { b -= 1 }
                if b == sentenceStart && k - d <= 3 { return false }
            }
            return true
        }
        if w > sentenceStart && isASCIIDigit(sc[w - 1]) {
            return true   // "5km." — a unit after a number, not an abbreviation
        }
        var word = ""
        var innerDot = false
        var part = 0, longestPart = 0
        for s in sc[w..<k] {
            if s == 0x2E { innerDot = true; part = 0; continue }
            part += 1
            longestPart = max(longestPart, part)
            word.unicodeScalars.append(Unicode.Scalar(UInt8(s | 0x20)))
        }
        // "e.g.", "U.S.", "Ph.D." are abbreviations; "lanto.com." is a domain ending a sentence.
        if innerDot && longestPart <= 2 { return false }
        if abbreviations.contains(word) { return false }
        if numberAbbreviations.contains(word) {
            guard let f = following else { return true }
            return !isASCIIDigit(f)
        }
        if weakAbbreviations.contains(word) {
            guard let f = following else { return true }
            return isUppercaseLetter(f) || isCJK(f)
        }
        if k - w == 1 && sc[w] >= 0x41 && sc[w] <= 0x5A { return false }   // an initial: "J. Smith"
        return true
    }

    /// If the line break at `k` ends a paragraph or line-level unit, the index where the
    /// next sentence may start; nil when the break is just a space inside the sentence.
    static func paragraphBreak(_ sc: [UInt32], at k: Int, sentenceStart: Int) -> Int? {
        var m = k
        var lines = 0
        while m < sc.count && isSpaceScalar(sc[m]) {
            switch sc[m] {
            case 0x0A, 0x85, 0x2028: lines += 1
            case 0x0D: if m + 1 >= sc.count || sc[m + 1] != 0x0A { lines += 1 }
            case 0x0B, 0x0C, 0x2029: lines += 2
            default: break
            }
            m += 1
        }
        if lines >= 2 { return m }
        var b = k
        while b > sentenceStart && isSpaceScalar(sc[b - 1]) { b -= 1 }
        guard b > sentenceStart, m < sc.count else { return nil }
        let prev = sc[b - 1], next = sc[m]
        if isCJK(prev) || isCJK(next) || (prev >= 0x3000 && prev <= 0x303F) || (prev >= 0xFF00 && prev <= 0xFFEF) {
            return m
        }
        if startsWithBullet(sc, m) { return m }
        return nil
    }

    /// True if a list bullet or number starts at `m` ("- ", "• ", "1. ", "2) ", "3、").
    static func startsWithBullet(_ sc: [UInt32], _ m: Int) -> Bool {
        let s = sc[m]
        if s == 0x2022 || s == 0x00B7 || s == 0x25AA || s == 0x25CF || s == 0x25E6 || s == 0x25CB || s == 0x2023 {
            return true
        }
        let spaceAfter = { (i: Int) -> Bool in i < sc.count && isSpaceScalar(sc[i]) }
        if s == 0x2D || s == 0x2A || s == 0x2B { return spaceAfter(m + 1) }
        var d = m
        while d < sc.count && isASCIIDigit(sc[d]) && d - m < 3 { d += 1 }
        guard d > m, d < sc.count else { return false }
        if sc[d] == 0x3001 { return true }
        return (sc[d] == 0x2E || sc[d] == 0x29) && spaceAfter(d + 1)
    }

    /// First non-space scalar at or after `i`.
    static func nextWordStart(_ sc: [UInt32], from i: Int) -> UInt32? {
        var j = i
        while j < sc.count && isSpaceScalar(sc[j]) { j += 1 }
        return j < sc.count ? sc[j] : nil
    }

    static func isLowercaseLetter(_ s: UInt32) -> Bool {
        if s < 0x80 { return s >= 0x61 && s <= 0x7A }
        return scalarProperties(s)?.isLowercase ?? false
    }

    static func isUppercaseLetter(_ s: UInt32) -> Bool {
        if s < 0x80 { return s >= 0x41 && s <= 0x5A }
        return scalarProperties(s)?.isUppercase ?? false
    }
}
