/// Unicode `White_Space` without the property-table lookup (which dominated trimming CJK text).
/// The set is small and closed: U+0009–U+000D, U+0020, U+0085, U+00A0, U+1680, U+2000–U+200A,
/// U+2028, U+2029, U+202F, U+205F, U+3000. Foundation's `CharacterSet.whitespacesAndNewlines`
/// is this set plus U+200B; a test checks both over every scalar.
public enum UnicodeSpaces {
    @inlinable
    public static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        if v < 0x1680 { return v == 0x85 || v == 0xA0 }
        if v < 0x2000 { return v == 0x1680 }
        if v <= 0x200A { return true }
        return v == 0x2028 || v == 0x2029 || v == 0x202F || v == 0x205F || v == 0x3000
    }

    /// `text.trimmingCharacters(in: .whitespacesAndNewlines)` by unicode scalars, without
    /// Foundation (which bridges to `NSString` on Linux): `White_Space` plus U+200B.
    public static func trimmedLikeFoundation(_ text: String) -> Substring {
        func isSpace(_ s: Unicode.Scalar) -> Bool { isWhitespace(s) || s.value == 0x200B }
        let scalars = text.unicodeScalars
        var lo = scalars.startIndex, hi = scalars.endIndex
        while lo < hi, isSpace(scalars[lo]) { lo = scalars.index(after: lo) }
        while hi > lo {
            let before = scalars.index(before: hi)
            guard isSpace(scalars[before]) else { break }
            hi = before
        }
        return Substring(scalars[lo..<hi])
    }
}
