import TextAnalysis

/// A text normalized like `Normalizer.normalize` (NFKC, width and case folding) together with,
/// for every normalized scalar, the UTF-16 range of the original text it came from.
///
/// Normalization can change lengths ("ﬁ" → "fi", "①" → "1", a base letter plus a combining
/// accent → one precomposed letter), so matches found on the normalized scalars are mapped
/// back: a match `a..<b` covers `utf16Range(a, b)` in the original text. Several normalized
/// scalars can come from one source cluster; they then share the cluster's start offset, and a
/// scalar's end offset is the start of the next scalar with a larger start (or the text's end).
///
/// ASCII and CJK ideographs take a fast path; every other cluster (a scalar plus the combining
/// marks after it) is normalized on its own with `Normalizer.normalize`, cached per scalar.
struct SourceMappedText {
    /// Normalized scalar values.
    var scalars: [UInt32] = []
    /// UTF-16 offset in the original text where the cluster of scalar `i` starts.
    var start16: [Int32] = []
    /// UTF-8 offset in the original text where the cluster of scalar `i` starts.
    var start8: [Int32] = []
    /// Length of the original text in UTF-16 code units.
    var length16 = 0
    /// Length of the original text in UTF-8 bytes.
    var length8 = 0

    init(_ text: String) {
        var text = text
        text.withUTF8 { p in
            scalars.reserveCapacity(p.count)
            start16.reserveCapacity(p.count)
            start8.reserveCapacity(p.count)
            var cache: [UInt32: [UInt32]] = [:]
            var i = 0, u16 = 0
            let n = p.count
            while i < n {
                let (s, len) = Self.decode(p, i)
                let width = s >= 0x10000 ? 2 : 1
                let j = i + len
                let nextMayCombine = j < n && p[j] >= 0xCC
                if !nextMayCombine || !Self.isCombining(Self.decode(p, j).0) {
                    if s < 0x80 {
                        scalars.append(s >= 0x41 && s <= 0x5A ? s | 0x20 : s)
                        start16.append(Int32(u16))
                        start8.append(Int32(i))
                        i = j; u16 += 1
                        continue
                    }
                    if s >= 0x4E00 && s <= 0x9FFF || s >= 0x3001 && s <= 0x3035
                        || s == 0xFF01 || s == 0xFF0C || s == 0xFF1A || s == 0xFF1B || s == 0xFF1F {
                        scalars.append(Normalizer.simplifiedHanzi(s))
                        start16.append(Int32(u16))
                        start8.append(Int32(i))
                        i = j; u16 += 1
                        continue
                    }
                    let folded: [UInt32]
                    if let cached = cache[s] {
                        folded = cached
                    } else {
                        folded = Self.normalizeCluster(p, i, j)
                        cache[s] = folded
                    }
                    for f in folded {
                        scalars.append(f); start16.append(Int32(u16))
                        start8.append(Int32(i))
                    }
                    i = j; u16 += width
                    continue
                }
                // A cluster with combining marks: normalize it as a whole.
                var k = j, clusterWidth = width
                while k < n {
                    let (t, l) = Self.decode(p, k)
                    guard Self.isCombining(t) else { break }
                    k += l; clusterWidth += t >= 0x10000 ? 2 : 1
                }
                for f in Self.normalizeCluster(p, i, k) {
                    scalars.append(f); start16.append(Int32(u16))
                    start8.append(Int32(i))
                }
                i = k; u16 += clusterWidth
            }
            length16 = u16
            length8 = n
        }
        RegionalWords.fold(&scalars)
    }

    /// Number of normalized scalars.
    var count: Int { scalars.count }

    /// Index of the first scalar after `i` that comes from a later source cluster.
    @inline(__always)
    private func nextCluster(after i: Int) -> Int {
        var k = i + 1
        while k < start8.count && start8[k] == start8[i] { k += 1 }
        return k
    }

    /// The UTF-16 range of the original text that normalized scalars `a..<b` came from.
    func utf16Range(_ a: Int, _ b: Int) -> Range<Int> {
        let k = nextCluster(after: b - 1)
        return Int(start16[a])..<(k < count ? Int(start16[k]) : length16)
    }

    /// The UTF-8 range of the original text that normalized scalars `a..<b` came from.
    func utf8Range(_ a: Int, _ b: Int) -> Range<Int> {
        let k = nextCluster(after: b - 1)
        return Int(start8[a])..<(k < count ? Int(start8[k]) : length8)
    }

    private static func normalizeCluster(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> [UInt32] {
        let cluster = String(decoding: UnsafeBufferPointer(rebasing: p[a..<b]), as: UTF8.self)
        return Normalizer.normalize(cluster).unicodeScalars.map(\.value)
    }

    /// Whether `s` attaches to the scalar before it (combining marks, variation selectors,
    /// half-width voiced sound marks).
    static func isCombining(_ s: UInt32) -> Bool {
        if s < 0x300 || (s >= 0x4E00 && s <= 0x9FFF) || (s >= 0xFF00 && s <= 0xFF9D) { return false }
        if s >= 0x3000 && s <= 0x303F { return s >= 0x302A && s <= 0x302F }
        if s == 0xFF9E || s == 0xFF9F || s == 0x200D { return true }
        guard let u = Unicode.Scalar(s) else { return false }
        switch u.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 {
            return ((b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3)
        }
        return ((b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12
            | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F), 4)
    }
}

/// Scalar classes used for word boundaries.
enum ScriptClass {
    /// CJK ideographs, kana, Hangul, CJK punctuation and half/full-width forms (which only
    /// survive normalization as Chinese punctuation): words need no boundaries there.
    @inline(__always)
    static func isCJK(_ s: UInt32) -> Bool {
        (s >= 0x2E80 && s <= 0x9FFF) || (s >= 0xAC00 && s <= 0xD7AF) || (s >= 0xFF00 && s <= 0xFFEF)
            || (s >= 0xF900 && s <= 0xFAFF) || (s >= 0x20000 && s <= 0x3FFFF)
    }

    /// A letter or digit of a script that separates words with spaces (Latin, Greek,
    /// Cyrillic, ...): a match may not start or end next to one of these.
    @inline(__always)
    static func isWord(_ s: UInt32) -> Bool {
        if s < 0x80 {
            return (s >= 0x30 && s <= 0x39) || (s >= 0x61 && s <= 0x7A) || (s >= 0x41 && s <= 0x5A)
        }
        if isCJK(s) { return false }
        guard let u = Unicode.Scalar(s) else { return false }
        return u.properties.isAlphabetic || u.properties.numericType != nil
    }
}
