import Foundation

/// Text normalization shared by indexing and querying.
///
/// `normalize` applies NFKC and case folding, so full-width Latin letters, digits
/// and punctuation become ASCII ("ＡＢＣ１２３" → "abc123"), ligatures and circled
/// digits are expanded ("ﬁ" → "fi", "①" → "1"), the ideographic space becomes a
/// plain space and letters are lower-cased (plus the folding cases ß → ss and
/// final ς → σ).
///
/// One deliberate exception keeps Chinese text readable after normalization: the
/// full-width marks that Chinese uses as its own punctuation — ！ ？ ； ， ： —
/// are *not* mapped to ASCII, so sentence and clause boundaries in Chinese stay
/// distinguishable from ASCII punctuation embedded in Latin text (`;` does not end an
/// English sentence, `；` ends a Chinese one). Ideographic punctuation such as 。、「」
/// is untouched by NFKC anyway.
///
/// Traditional Chinese characters become their Simplified form ("續航" → "续航", "髮" → "发"),
/// one character for one, so a question typed in Taiwan or Hong Kong finds knowledge written in
/// Simplified Chinese and the other way round. The table comes from ICU's Hant-Hans transform
/// (Foundation's `applyingTransform`), read once per process for the CJK blocks. After it, the
/// few words of a contact centre that Taiwan and Hong Kong write differently ("保固" for
/// "保修", "軟體" for "软件") become the mainland word (`RegionalWords`, our own short table),
/// again as many characters for as many.
///
/// The implementation walks UTF-8 directly: ASCII, common CJK and any scalar that is
/// stable under NFKC case folding take a fast path; only the rare remaining clusters
/// go through Foundation's NFKC.
public enum Normalizer {
    /// Bumped whenever what `normalize` returns changes, so that models and facts computed over
    /// normalized text are computed again (their fingerprints include it). 2: Traditional →
    /// Simplified Chinese; 3: and Taiwan / Hong Kong words to mainland ones (`RegionalWords`);
    /// 1 when `SWITCHBOARD_KEEP_TRADITIONAL=1` turns both off.
    public static let version = foldsTraditional ? 3 : 1

    /// Whether Traditional characters become Simplified: yes unless the environment sets
    /// `SWITCHBOARD_KEEP_TRADITIONAL=1` (the behaviour before version 2, which
    /// `Benchmarks/eval-traditional.sh` measures beside the default in the same run).
    public static let foldsTraditional = ProcessInfo.processInfo.environment["SWITCHBOARD_KEEP_TRADITIONAL"] != "1"

    /// The CJK blocks the Traditional → Simplified table covers (Extension A and the unified
    /// ideographs).
    static let hanziBase: UInt32 = 0x3400, hanziLast: UInt32 = 0x9FFF

    /// `hanziTable[s - hanziBase]` is the Simplified form of `s` (itself when it has none).
    static let hanziTable: [UInt32] = makeHanziTable()

    /// Reads the Traditional → Simplified table off ICU, one character per line so that no rule
    /// sees a neighbour. A character whose transform is not one ideograph of these blocks stays
    /// itself, and so does one whose Simplified form is not its own Simplified form (ICU maps a
    /// few pairs onto each other), so that normalizing twice changes nothing more.
    static func makeHanziTable() -> [UInt32] {
        var table = (hanziBase...hanziLast).map { $0 }
        guard foldsTraditional else { return table }
        var lines = String.UnicodeScalarView()
        for s in table {
            lines.append(Unicode.Scalar(s) ?? " ")
            lines.append("\n")
        }
        guard let out = String(lines).applyingTransform(StringTransform("Hant-Hans"), reverse: false) else { return table }
        let mapped = out.split(separator: "\n", omittingEmptySubsequences: false)
        guard mapped.count == table.count + 1 else { return table }
        for (i, line) in mapped.prefix(table.count).enumerated() {
            let u = line.unicodeScalars
            if u.count == 1, let v = u.first?.value, v >= hanziBase && v <= hanziLast { table[i] = v }
        }
        var changed = true
        while changed {
            changed = false
            for i in table.indices where table[Int(table[i] - hanziBase)] != table[i] {
                table[i] = hanziBase + UInt32(i)
                changed = true
            }
        }
        return table
    }

    /// The Simplified form of a Chinese character (`s` itself when it has none, and for every
    /// scalar outside the CJK blocks): what `normalize` does to it.
    public static func simplifiedHanzi(_ s: UInt32) -> UInt32 {
        s >= hanziBase && s <= hanziLast ? hanziTable[Int(s - hanziBase)] : s
    }

    /// The Simplified form of a scalar (itself outside the table's blocks).
    @inline(__always)
    static func simplified(_ s: UInt32, _ table: UnsafeBufferPointer<UInt32>) -> UInt32 {
        s >= hanziBase && s <= hanziLast ? table[Int(s - hanziBase)] : s
    }

    /// Returns `text` in NFKC, case-folded form (see the type documentation for the
    /// Chinese punctuation that is kept full-width).
    public static func normalize(_ text: String) -> String {
        var text = text
        return text.withUTF8 { p -> String in
            var out: [UInt8] = []
            out.reserveCapacity(p.count)
            forEachNormalizedScalar(p) { s, _, _ in appendUTF8(s, to: &out) }
            RegionalWords.fold(utf8: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Full-width punctuation kept as-is because Chinese uses it natively.
    @inline(__always)
    static func isPreservedChinesePunctuation(_ s: UInt32) -> Bool {
        s == 0xFF01 || s == 0xFF0C || s == 0xFF1A || s == 0xFF1B || s == 0xFF1F
    }

    /// Folding result for a scalar that needs no composition context, or nil when the
    /// slow path is required.
    @inline(__always)
    static func fastFold(_ s: UInt32) -> UInt32? {
        if s < 0x80 { return (s >= 0x41 && s <= 0x5A) ? s | 0x20 : s }
        if s >= 0x4E00 && s <= 0x9FFF { return s }
        if s >= 0xFF01 && s <= 0xFF5E {
            if isPreservedChinesePunctuation(s) { return s }
            let a = s - 0xFEE0
            return (a >= 0x41 && a <= 0x5A) ? a | 0x20 : a
        }
        if s == 0x3000 { return 0x20 }
        if s >= 0x3001 && s <= 0x3035 { return s }
        if s >= 0xAC00 && s <= 0xD7A3 { return s }
        if s >= 0x3041 && s <= 0x3096 { return s }
        if s >= 0x30A1 && s <= 0x30FA { return s }
        if s >= 0x3400 && s <= 0x4DBF { return s }
        // Latin-1 and basic Cyrillic letters: plain case mapping.
        if s >= 0xC0 && s <= 0xFF && s != 0xDF {
            return (s <= 0xDE && s != 0xD7) ? s + 0x20 : s
        }
        if s >= 0x0400 && s <= 0x045F {
            if s >= 0x0430 { return s }
            return s >= 0x0410 ? s + 0x20 : s + 0x50
        }
        guard let p = scalarProperties(s) else { return 0xFFFD }
        if !p.changesWhenNFKCCaseFolded { return s }
        // Plain upper-case letters ("É", "М"): the lower-case mapping is one scalar that
        // is itself stable, so no NFKC work is needed.
        if p.changesWhenLowercased {
            let lower = p.lowercaseMapping.unicodeScalars
            if lower.count == 1, let l = lower.first, !l.properties.changesWhenNFKCCaseFolded {
                return l.value
            }
        }
        return nil
    }

    /// NFKC + case folding of one cluster (a base scalar and its combining marks).
    static func foldCluster(_ cluster: String) -> [UInt32] {
        let composed = cluster.precomposedStringWithCompatibilityMapping
        var lowered = String.UnicodeScalarView()
        for u in composed.unicodeScalars {
            switch u.value {
            case 0xDF, 0x1E9E: lowered.append(contentsOf: "ss".unicodeScalars)
            case 0x3C2: lowered.append(Unicode.Scalar(0x3C3)!)
            default: lowered.append(contentsOf: u.properties.lowercaseMapping.unicodeScalars)
            }
        }
        let again = String(lowered).precomposedStringWithCompatibilityMapping
        return again.unicodeScalars.map(\.value)
    }

    /// Calls `emit(scalar, sourceStart, sourceEnd)` for every scalar of the normalized
    /// text, where the source range is the UTF-8 byte range of the original text the
    /// scalar came from (several output scalars may share one source range, e.g.
    /// "ﬁ" → "f", "i").
    @inline(__always)
    static func forEachNormalizedScalar(
        _ p: UnsafeBufferPointer<UInt8>, _ emit: (UInt32, Int, Int) -> Void
    ) {
        hanziTable.withUnsafeBufferPointer { table in walk(p, table, emit) }
    }

    @inline(__always)
    private static func walk(
        _ p: UnsafeBufferPointer<UInt8>, _ table: UnsafeBufferPointer<UInt32>, _ emit: (UInt32, Int, Int) -> Void
    ) {
        let n = p.count
        var cache: [UInt32: [UInt32]] = [:]
        var i = 0
        while i < n {
            let b = p[i]
            // Pure ASCII run: nothing can combine unless the next byte starts a scalar
            // >= U+0300 (lead byte >= 0xCC).
            if b < 0x80, i + 1 >= n || p[i + 1] < 0xCC {
                let s = UInt32(b)
                emit((s >= 0x41 && s <= 0x5A) ? s | 0x20 : s, i, i + 1)
                i += 1
                continue
            }
            let (s, len) = decodeUTF8(p, i)
            let j = i + len
            var nextCombines = false
            if j < n && p[j] >= 0xCC {
                nextCombines = mayCombineWithPrevious(decodeUTF8(p, j).scalar)
            }
            if !nextCombines, let f = fastFold(s) {
                emit(simplified(f, table), i, j)
                i = j
                continue
            }
            // Slow path: gather the cluster and fold it through Foundation's NFKC.
            var k = j
            while k < n {
                let (t, l) = decodeUTF8(p, k)
                guard mayCombineWithPrevious(t) else { break }
                k += l
            }
            let folded: [UInt32]
            if k == j, let cached = cache[s] {
                folded = cached
            } else {
                let cluster = String(decoding: UnsafeBufferPointer(rebasing: p[i..<k]), as: UTF8.self)
                folded = foldCluster(cluster)
                if k == j { cache[s] = folded }
            }
            for f in folded { emit(simplified(f, table), i, k) }
            i = k
        }
    }
}

/// The normalized form of a text as scalar values, optionally with, for every
/// normalized scalar, the UTF-8 range of the original text it came from.
struct NormalizedText {
    /// Normalized scalar values.
    var scalars: [UInt32] = []
    /// UTF-8 start offset in the original text of the cluster scalar `i` came from
    /// (empty unless source tracking was requested).
    var sourceStart: [Int] = []
    /// UTF-8 end offset in the original text of the cluster scalar `i` came from
    /// (empty unless source tracking was requested).
    var sourceEnd: [Int] = []

    /// Normalizes `text`; records the source mapping if `trackSource` is set.
    init(_ text: String, trackSource: Bool = false) {
        var text = text
        text.withUTF8 { p in
            scalars.reserveCapacity(p.count)
            if trackSource {
                sourceStart.reserveCapacity(p.count)
                sourceEnd.reserveCapacity(p.count)
                Normalizer.forEachNormalizedScalar(p) { s, a, b in
                    scalars.append(s)
                    sourceStart.append(a)
                    sourceEnd.append(b)
                }
            } else {
                Normalizer.forEachNormalizedScalar(p) { s, _, _ in scalars.append(s) }
            }
        }
        RegionalWords.fold(&scalars)
    }

    /// Number of normalized scalars.
    var count: Int { scalars.count }
}

/// Makes a String from one or two scalar values without heap traffic.
@inline(__always)
func makeString(_ a: UInt32, _ b: UInt32? = nil) -> String {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 8) { buf in
        var n = 0
        @inline(__always) func put(_ s: UInt32) {
            if s < 0x80 {
                buf[n] = UInt8(s); n += 1
            } else if s < 0x800 {
                buf[n] = UInt8(0xC0 | (s >> 6)); buf[n + 1] = UInt8(0x80 | (s & 0x3F)); n += 2
            } else if s < 0x10000 {
                buf[n] = UInt8(0xE0 | (s >> 12)); buf[n + 1] = UInt8(0x80 | ((s >> 6) & 0x3F))
                buf[n + 2] = UInt8(0x80 | (s & 0x3F)); n += 3
            } else {
                buf[n] = UInt8(0xF0 | (s >> 18)); buf[n + 1] = UInt8(0x80 | ((s >> 12) & 0x3F))
                buf[n + 2] = UInt8(0x80 | ((s >> 6) & 0x3F)); buf[n + 3] = UInt8(0x80 | (s & 0x3F)); n += 4
            }
        }
        put(a)
        if let b { put(b) }
        return String(decoding: UnsafeBufferPointer(rebasing: buf[0..<n]), as: UTF8.self)
    }
}
