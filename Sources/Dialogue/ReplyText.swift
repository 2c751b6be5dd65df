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
        let allowed = Int((Double(longest) * (1 - nearDuplicateSimilarity)).rounded(.down) + 1e-9)
        if abs(a.count - b.count) > allowed { return false }
        if a == b { return true }
        return levenshtein(a, b, bound: allowed) <= allowed
    }

    /// Edit distance (insert, delete, substitute, each 1). With `bound`, any result above it may be
    /// reported as `bound + 1` (the computation stops early).
    static func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], bound: Int = .max) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMin = min(rowMin, current[j])
            }
            if rowMin > bound { return bound &+ 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
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
