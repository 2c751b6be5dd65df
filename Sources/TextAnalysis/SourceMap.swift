/// UTF-16 and grapheme-cluster positions in the original text for every normalized
/// scalar, computed with linear sweeps (the source ranges of normalized scalars are
/// non-decreasing). Only `Analyzer.tokens` pays for this.
struct SourceMap {
    /// UTF-16 offset where the source of normalized scalar `i` starts.
    private(set) var start16: [Int]
    /// UTF-16 offset where the source of normalized scalar `i` ends.
    private(set) var end16: [Int]
    /// Index of the grapheme cluster containing the start of scalar `i`'s source.
    private(set) var startCharacter: [Int]
    /// Number of grapheme clusters starting before the end of scalar `i`'s source.
    private(set) var endCharacter: [Int]

    /// Builds the map for `t`, which must have been created from `text` with source tracking.
    init(text: String, normalized t: NormalizedText) {
        let n = t.count
        start16 = Array(repeating: 0, count: n)
        end16 = Array(repeating: 0, count: n)
        startCharacter = Array(repeating: 0, count: n)
        endCharacter = Array(repeating: 0, count: n)
        guard n > 0 else { return }
        var text = text
        text.withUTF8 { p in
            // UTF-16: a lead byte adds one code unit, a 4-byte lead adds two.
            func sweep(_ targets: [Int], into out: inout [Int]) {
                var pos8 = 0, pos16 = 0
                for i in 0..<targets.count {
                    let target = min(targets[i], p.count)
                    while pos8 < target {
                        let b = p[pos8]
                        if b & 0xC0 != 0x80 { pos16 += b >= 0xF0 ? 2 : 1 }
                        pos8 += 1
                    }
                    out[i] = pos16
                }
            }
            sweep(t.sourceStart, into: &start16)
            sweep(t.sourceEnd, into: &end16)
        }
        // Graphemes: UTF-8 offset of each cluster start.
        let utf8 = text.utf8
        var starts: [Int] = []
        starts.reserveCapacity(n)
        for idx in text.indices { starts.append(utf8.distance(from: utf8.startIndex, to: idx)) }
        var g = 0
        for i in 0..<n {   // floor: last cluster starting at or before the offset
            while g < starts.count && starts[g] <= t.sourceStart[i] { g += 1 }
            startCharacter[i] = max(0, g - 1)
        }
        g = 0
        for i in 0..<n {   // ceiling: clusters starting before the offset
            while g < starts.count && starts[g] < t.sourceEnd[i] { g += 1 }
            endCharacter[i] = g
        }
    }
}
