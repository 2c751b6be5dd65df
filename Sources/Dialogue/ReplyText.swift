import Foundation

/// The comparison form of replies and the near-duplicate test used for clustering and evaluation.
///
/// `maskedForm`: NFKC + lower case; every run of ASCII letters and digits that contains a digit
/// (an order number, a date, an amount, a code) becomes one `#`; then only letters, numbers and
/// `#` are kept (Unicode general categories L* and N*: CJK characters count as letters, punctuation
/// and spaces go). So "订单12345已发货！" and "订单 67890 已发货" share one form, and
/// "on 20 July 2023" becomes "on#july#".
/// `Benchmarks/peers/jddc_peer.py` implements the same form so that both sides are scored alike.
public enum ReplyText {
    /// Two replies are near-identical when their masked forms have at least this edit similarity.
    public static let nearDuplicateSimilarity = 0.8

    /// The masked comparison form of `text`, as Unicode scalars.
    public static func maskedScalars(_ text: String) -> [Unicode.Scalar] {
        let folded = Array(text.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars)
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(folded.count)
        var i = 0
        while i < folded.count {
            guard isASCIIAlphanumeric(folded[i]) else {
                if isLetterOrNumber(folded[i]) { out.append(folded[i]) }
                i += 1
                continue
            }
            var j = i, digit = false
            while j < folded.count && isASCIIAlphanumeric(folded[j]) {
                if folded[j].value >= 0x30 && folded[j].value <= 0x39 { digit = true }
                j += 1
            }
            if digit { out.append("#") } else { out.append(contentsOf: folded[i..<j]) }
            i = j
        }
        return out
    }

    /// The masked comparison form of `text` as a string.
    public static func maskedForm(_ text: String) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: maskedScalars(text))
        return String(s)
    }

    /// `1 − Levenshtein(a, b) / max(|a|, |b|)` over the masked forms; 1 for two empty forms.
    public static func similarity(_ a: String, _ b: String) -> Double {
        similarity(maskedScalars(a), maskedScalars(b))
    }

    /// Edit similarity of two masked forms.
    public static func similarity(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Double {
        let longest = max(a.count, b.count)
        guard longest > 0 else { return 1 }
        return 1 - Double(levenshtein(a, b)) / Double(longest)
    }

    /// Whether the masked forms are near-identical (edit similarity ≥ `nearDuplicateSimilarity`).
    /// Cheap length check first: lengths that differ by more than 20% cannot qualify.
    public static func nearDuplicate(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Bool {
        let longest = max(a.count, b.count)
        guard longest > 0 else { return true }
        let allowed = allowedEdits(longest)
        if abs(a.count - b.count) > allowed { return false }
        if a == b { return true }
        return levenshtein(a, b, bound: allowed) <= allowed
    }

    /// The most edits a pair whose longer form has `longest` scalars may need and still be
    /// near-identical: `⌊longest · (1 − nearDuplicateSimilarity)⌋`, with a margin for the binary
    /// fraction (0.2 is stored as 0.1999…, which would make 1 edit in 5 scalars not count).
    static func allowedEdits(_ longest: Int) -> Int {
        Int(Double(longest) * (1 - nearDuplicateSimilarity) + 1e-9)
    }

    /// Edit distance (insert, delete, substitute, each 1). With `bound`, any result above it is
    /// reported as `bound + 1`: only the diagonal band `|i − j| ≤ bound` is computed (a path that
    /// leaves it costs more than `bound`), and the computation stops when a whole row exceeds it.
    static func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], bound: Int = .max) -> Int {
        let band = min(bound, max(a.count, b.count))        // no distance exceeds the longer length
        let beyond = band + 1
        if a.isEmpty || b.isEmpty { return min(max(a.count, b.count), beyond) }
        if abs(a.count - b.count) > band { return beyond }
        var previous = [Int](repeating: beyond, count: b.count + 1)
        var current = previous
        for j in 0...min(b.count, band) { previous[j] = j }
        for i in 1...a.count {
            let lo = max(1, i - band), hi = min(b.count, i + band)
            current[lo - 1] = lo == 1 && i <= band ? i : beyond
            var rowMin = current[lo - 1]
            let x = a[i - 1]
            for j in lo...hi {
                let cost = x == b[j - 1] ? 0 : 1
                let v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                current[j] = v
                rowMin = min(rowMin, v)
            }
            if hi < b.count { current[hi + 1] = beyond }       // outside the band, read by the next row
            if rowMin > band { return beyond }
            swap(&previous, &current)
        }
        return min(previous[b.count], beyond)
    }

    /// An ASCII form prepared for Myers' bit-parallel edit distance (J. ACM 46(3), 1999, in its
    /// global form: the top row of the table counts up, so a 1 is shifted in): one bit per pattern
    /// position, the whole column advanced per text scalar with a few word operations, the pattern
    /// spread over as many 64-bit words as it needs with carries between them. Distances between a
    /// reply and hundreds of cluster leaders cost ~25 word operations per leader scalar instead of a
    /// row of the table.
    struct EditPattern: Sendable {
        let length: Int
        let words: Int
        /// Bit `i` of word `w` of entry `c` is set when scalar `64·w + i` of the pattern is `c` (ASCII).
        private let matches: [UInt64]

        /// nil when `form` is empty or holds a scalar outside ASCII.
        init?(_ form: [Unicode.Scalar]) {
            guard !form.isEmpty, form.allSatisfy({ $0.value < 128 }) else { return nil }
            length = form.count
            words = (form.count + 63) / 64
            var m = [UInt64](repeating: 0, count: 128 * words)
            for (i, u) in form.enumerated() { m[Int(u.value) * words + i / 64] |= 1 << UInt64(i % 64) }
            matches = m
        }

        /// The edit distance between the pattern and `text`.
        func distance(to text: [Unicode.Scalar]) -> Int {
            switch words {
            case 1: return distanceOneWord(to: text)
            case 2: return distanceTwoWords(to: text)
            default: return distanceManyWords(to: text)
            }
        }

        /// `distance` for a pattern of at most 64 scalars, in registers (most replies).
        private func distanceOneWord(to text: [Unicode.Scalar]) -> Int {
            var positive = UInt64.max, negative: UInt64 = 0
            var score = length
            let top: UInt64 = 1 << UInt64(length - 1)
            matches.withUnsafeBufferPointer { m in
                for u in text {
                    let eq = u.value < 128 ? m[Int(u.value)] : 0
                    let xv = eq | negative
                    let xh = ((eq & positive) &+ positive) ^ positive | eq
                    var hp = negative | ~(xh | positive)
                    var hn = positive & xh
                    if hp & top != 0 { score += 1 } else if hn & top != 0 { score -= 1 }
                    hp = hp << 1 | 1
                    hn <<= 1
                    positive = hn | ~(xv | hp)
                    negative = hp & xv
                }
            }
            return score
        }

        /// `distance` for 65–128 scalars: the one-word steps on a 128-bit column, carries passed by hand.
        private func distanceTwoWords(to text: [Unicode.Scalar]) -> Int {
            var p0 = UInt64.max, p1 = UInt64.max, n0: UInt64 = 0, n1: UInt64 = 0
            var score = length
            let top: UInt64 = 1 << UInt64((length - 1) % 64)
            matches.withUnsafeBufferPointer { m in
                for u in text {
                    let row = Int(u.value) &* 2
                    let e0 = u.value < 128 ? m[row] : 0, e1 = u.value < 128 ? m[row + 1] : 0
                    let x0 = e0 | n0, x1 = e1 | n1
                    let (s0, carry) = (e0 & p0).addingReportingOverflow(p0)
                    let s1 = (e1 & p1) &+ p1 &+ (carry ? 1 : 0)
                    let h0 = (s0 ^ p0) | e0, h1 = (s1 ^ p1) | e1
                    var hp0 = n0 | ~(h0 | p0), hp1 = n1 | ~(h1 | p1)
                    var hn0 = p0 & h0, hn1 = p1 & h1
                    if hp1 & top != 0 { score += 1 } else if hn1 & top != 0 { score -= 1 }
                    hp1 = hp1 << 1 | hp0 >> 63
                    hn1 = hn1 << 1 | hn0 >> 63
                    hp0 = hp0 << 1 | 1
                    hn0 <<= 1
                    p0 = hn0 | ~(x0 | hp0); p1 = hn1 | ~(x1 | hp1)
                    n0 = hp0 & x0; n1 = hp1 & x1
                }
            }
            return score
        }

        /// `distance` for longer patterns: the same steps word by word, carries passed along.
        private func distanceManyWords(to text: [Unicode.Scalar]) -> Int {
            var positive = [UInt64](repeating: ~0, count: words), negative = [UInt64](repeating: 0, count: words)
            var score = length
            let last = words - 1, top: UInt64 = 1 << UInt64((length - 1) % 64)
            for u in text {
                let row = u.value < 128 ? Int(u.value) * words : -1
                var carry: UInt64 = 0, shiftPositive: UInt64 = 1, shiftNegative: UInt64 = 0
                for w in 0..<words {
                    let eq = row >= 0 ? matches[row + w] : 0
                    let pv = positive[w], nv = negative[w]
                    let xv = eq | nv
                    let (sum, o1) = (eq & pv).addingReportingOverflow(pv)
                    let (total, o2) = sum.addingReportingOverflow(carry)
                    carry = o1 || o2 ? 1 : 0
                    let xh = (total ^ pv) | eq
                    var hp = nv | ~(xh | pv)
                    var hn = pv & xh
                    if w == last {
                        if hp & top != 0 { score += 1 } else if hn & top != 0 { score -= 1 }
                    }
                    let outPositive = hp >> 63, outNegative = hn >> 63
                    hp = hp << 1 | shiftPositive
                    hn = hn << 1 | shiftNegative
                    shiftPositive = outPositive
                    shiftNegative = outNegative
                    positive[w] = hn | ~(xv | hp)
                    negative[w] = hp & xv
                }
            }
            return score
        }
    }

    static func isLetterOrNumber(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    @inline(__always)
    static func isASCIIAlphanumeric(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A)
    }
}
