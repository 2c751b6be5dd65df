// Low-level Unicode helpers shared by the normalizer, tokenizer, sentence splitter
// and language detector. Everything here works on raw scalar values (UInt32) and
// UTF-8 bytes so the hot loops never allocate per character.

/// Decodes one scalar from well-formed UTF-8 at `i`, returning the scalar value and
/// its byte length. Malformed or truncated input yields U+FFFD with length 1, so
/// callers always make progress.
@inline(__always)
func decodeUTF8(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (scalar: UInt32, length: Int) {
    let b0 = UInt32(p[i])
    if b0 < 0x80 { return (b0, 1) }
    let n = p.count
    @inline(__always) func cont(_ k: Int) -> UInt32? {
        guard k < n else { return nil }
        let b = p[k]
        return b & 0xC0 == 0x80 ? UInt32(b & 0x3F) : nil
    }
    if b0 >= 0xC2 && b0 < 0xE0, let b1 = cont(i + 1) {
        return ((b0 & 0x1F) << 6 | b1, 2)
    }
    if b0 >= 0xE0 && b0 < 0xF0, let b1 = cont(i + 1), let b2 = cont(i + 2) {
        return ((b0 & 0x0F) << 12 | b1 << 6 | b2, 3)
    }
    if b0 >= 0xF0 && b0 < 0xF5, let b1 = cont(i + 1), let b2 = cont(i + 2), let b3 = cont(i + 3) {
        return ((b0 & 0x07) << 18 | b1 << 12 | b2 << 6 | b3, 4)
    }
    return (0xFFFD, 1)
}

/// Appends the UTF-8 encoding of scalar value `s` to `out`.
@inline(__always)
func appendUTF8(_ s: UInt32, to out: inout [UInt8]) {
    if s < 0x80 {
        out.append(UInt8(s))
    } else if s < 0x800 {
        out.append(UInt8(0xC0 | (s >> 6)))
        out.append(UInt8(0x80 | (s & 0x3F)))
    } else if s < 0x10000 {
        out.append(UInt8(0xE0 | (s >> 12)))
        out.append(UInt8(0x80 | ((s >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (s & 0x3F)))
    } else {
        out.append(UInt8(0xF0 | (s >> 18)))
        out.append(UInt8(0x80 | ((s >> 12) & 0x3F)))
        out.append(UInt8(0x80 | ((s >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (s & 0x3F)))
    }
}

/// Properties of a scalar value, or nil for surrogate / out-of-range values.
@inline(__always)
func scalarProperties(_ s: UInt32) -> Unicode.Scalar.Properties? {
    Unicode.Scalar(s)?.properties
}

/// Script buckets used for CJK detection.
enum CJKScript {
    case han, kana, hangul
}

/// Classifies a scalar as Han (including Bopomofo and ideographic marks), Kana or
/// Hangul; returns nil for everything else. Range checks only: no table lookups.
@inline(__always)
func cjkScript(_ s: UInt32) -> CJKScript? {
    if s < 0x1100 { return nil }
    if s >= 0x4E00 && s <= 0x9FFF { return .han }            // CJK Unified Ideographs
    if s >= 0xAC00 && s <= 0xD7AF { return .hangul }         // Hangul syllables
    if s >= 0x3040 && s <= 0x30FF {                          // Hiragana, Katakana
        return (s == 0x30FB) ? nil : .kana                   // ・ is punctuation
    }
    if s >= 0x3400 && s <= 0x4DBF { return .han }            // Extension A
    if s >= 0x20000 && s <= 0x323AF { return .han }         // Extensions B–H, compatibility supplement
    if s >= 0xF900 && s <= 0xFAFF { return .han }            // Compatibility ideographs
    if s >= 0x1100 && s <= 0x11FF { return .hangul }         // Hangul jamo
    if s >= 0x3130 && s <= 0x318F { return .hangul }         // Hangul compatibility jamo
    if s >= 0xA960 && s <= 0xA97F { return .hangul }
    if s >= 0xD7B0 && s <= 0xD7FF { return .hangul }
    if s >= 0x31F0 && s <= 0x31FF { return .kana }           // Katakana phonetic extensions
    if s >= 0xFF66 && s <= 0xFF9D { return .kana }           // Half-width katakana (pre-normalization)
    if s >= 0x2E80 && s <= 0x2FDF { return .han }            // Radicals
    if s >= 0x3100 && s <= 0x312F { return .han }            // Bopomofo
    if s >= 0x31A0 && s <= 0x31BF { return .han }            // Bopomofo extended
    if s >= 0x3005 && s <= 0x3007 { return .han }            // 々 〆 〇
    return nil
}

/// True for Han, Kana and Hangul scalars (the "CJK runs" of the analyzer).
@inline(__always)
func isCJK(_ s: UInt32) -> Bool { cjkScript(s) != nil }

/// True if `s` may combine with the preceding scalar under canonical composition
/// (combining marks, conjoining Hangul jamo, kana voicing marks). Used to decide
/// whether the preceding scalar can take the normalizer's fast path.
@inline(__always)
func mayCombineWithPrevious(_ s: UInt32) -> Bool {
    if s < 0x300 { return false }
    if s <= 0x36F { return true }                             // combining diacritical marks
    if s >= 0x0370 && s <= 0x0482 { return false }          // Greek, Cyrillic letters
    if s >= 0x048A && s <= 0x052F { return false }
    if s >= 0x4E00 && s <= 0x9FFF { return false }
    if s >= 0x3000 && s <= 0x3098 { return false }
    if s >= 0xAC00 && s <= 0xD7A3 { return false }
    if s >= 0x2000 && s <= 0x206F { return false }
    if s >= 0xFF00 && s <= 0xFF9D { return false }
    if s >= 0x1100 && s <= 0x11FF { return true }
    if s == 0x3099 || s == 0x309A || s == 0xFF9E || s == 0xFF9F { return true }
    guard let p = scalarProperties(s) else { return false }
    switch p.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark: return true
    default: return p.canonicalCombiningClass != .notReordered
    }
}

/// True for scalars that separate words: Unicode white space plus the zero-width space.
@inline(__always)
func isSpaceScalar(_ s: UInt32) -> Bool {
    if s == 0x20 || (s >= 0x09 && s <= 0x0D) { return true }
    if s < 0x80 { return false }
    if s == 0x200B || s == 0x3000 || s == 0x85 || s == 0xA0 { return true }
    return scalarProperties(s)?.isWhitespace ?? false
}

/// True for line and paragraph breaks.
@inline(__always)
func isNewlineScalar(_ s: UInt32) -> Bool {
    s == 0x0A || s == 0x0B || s == 0x0C || s == 0x0D || s == 0x85 || s == 0x2028 || s == 0x2029
}

/// True for default-ignorable format characters that should vanish inside words
/// (soft hyphen, zero-width joiners, variation selectors, BOM...).
@inline(__always)
func isIgnorableScalar(_ s: UInt32) -> Bool {
    if s < 0xAD { return false }
    if s == 0xAD || s == 0x200C || s == 0x200D || s == 0x2060 || s == 0xFEFF { return true }
    if s >= 0xFE00 && s <= 0xFE0F { return true }
    if s >= 0xE0100 && s <= 0xE01EF { return true }
    return false
}

/// True for characters used as an apostrophe inside words: ' ’ ʼ.
@inline(__always)
func isApostropheScalar(_ s: UInt32) -> Bool {
    s == 0x27 || s == 0x2019 || s == 0x02BC
}

/// True for ASCII decimal digits.
@inline(__always)
func isASCIIDigit(_ s: UInt32) -> Bool { s >= 0x30 && s <= 0x39 }

/// True for ASCII letters of either case.
@inline(__always)
func isASCIILetter(_ s: UInt32) -> Bool { (s | 0x20) >= 0x61 && (s | 0x20) <= 0x7A }
