/// A bounded heap keeping the `k` best (label, score) pairs seen so far.
///
/// "Better" means a higher score, or an equal score and a lower label, so results are fully
/// deterministic. Scores that are NaN or -∞ are never admitted (callers mask excluded items
/// with -∞). The heap root is the worst kept pair, so rejecting a candidate costs one comparison.
public struct TopKHeap: Sendable {
    /// The capacity `k` (≥ 0).
    public let k: Int
    /// Heap-ordered labels and scores (root = worst kept), `count ≤ k` each.
    private var labels: [Int]
    private var scores: [Float]

    /// An empty heap that keeps at most `k` pairs (`k < 0` is treated as 0).
    public init(k: Int) {
        self.k = max(0, k)
        labels = []
        scores = []
        labels.reserveCapacity(Swift.min(self.k, 4096))          // k may be "everything"
        scores.reserveCapacity(Swift.min(self.k, 4096))
    }

    /// Number of pairs kept.
    public var count: Int { labels.count }

    /// Whether `(label, score)` would be kept (ignores whether `label` is already present).
    @inline(__always)
    public func admits(label: Int, score: Float) -> Bool {
        guard score > -Float.infinity else { return false }       // also rejects NaN
        if labels.count < k { return true }
        guard k > 0 else { return false }
        return score > scores[0] || (score == scores[0] && label < labels[0])
    }

    /// Offers one pair; keeps it if it is among the best `k` so far.
    public mutating func push(label: Int, score: Float) {
        guard admits(label: label, score: score) else { return }
        if labels.count < k {
            labels.append(label)
            scores.append(score)
            siftUp(labels.count - 1)
        } else {
            labels[0] = label
            scores[0] = score
            siftDown(0)
        }
    }

    /// Offers `scores[j]` with label `labelOffset + j` for every `j`.
    public mutating func push(scores block: UnsafeBufferPointer<Float>, labelOffset: Int) {
        scan(block, label: { labelOffset + $0 })
    }

    /// Offers `scores[j]` with label `Int(labels[j])` for every `j` (equal lengths).
    public mutating func push(scores block: UnsafeBufferPointer<Float>, labels blockLabels: UnsafeBufferPointer<UInt32>) {
        precondition(block.count == blockLabels.count, "TopKHeap: \(block.count) scores, \(blockLabels.count) labels")
        scan(block, label: { Int(blockLabels[$0]) })
    }

    /// The hot loop of the bulk pushes. Once the heap is full, the admission threshold (the
    /// root's score) is held in a register and eight scores at a time are compared against it;
    /// only a group with a candidate ≥ threshold takes the scalar path (rare after the first
    /// few blocks), so scanning costs about one vector compare per eight scores.
    @inline(__always)
    private mutating func scan(_ block: UnsafeBufferPointer<Float>, label: (Int) -> Int) {
        guard k > 0, let base = block.baseAddress else { return }
        let n = block.count
        var j = 0
        while j < n && labels.count < k {
            push(label: label(j), score: base[j])
            j += 1
        }
        guard j < n else { return }
        var worstScore = scores[0], worstLabel = labels[0]
        while j < n {
            // Skip whole groups of 16 with no score ≥ the threshold. Written as OR-ed scalar
            // compares, which the optimizer turns into four packed compares and one movemask
            // (Swift's SIMD comparison operators do not lower that well). NaN compares false.
            if j &+ 16 <= n {
                let p = base + j
                if (atLeast4(p, worstScore) | atLeast4(p + 4, worstScore)
                    | atLeast4(p + 8, worstScore) | atLeast4(p + 12, worstScore)) == 0 {
                    j &+= 16
                    continue
                }
            }
            let end = Swift.min(j &+ 16, n)
            while j < end {
                let s = base[j]
                if s >= worstScore {
                    let l = label(j)
                    if s > worstScore || l < worstLabel {
                        replaceRoot(label: l, score: s)
                        worstScore = scores[0]
                        worstLabel = labels[0]
                    }
                }
                j &+= 1
            }
        }
    }

    /// Replaces the worst kept pair and restores the heap order.
    @inline(__always)
    private mutating func replaceRoot(label: Int, score: Float) {
        labels[0] = label
        scores[0] = score
        siftDown(0)
    }

    /// The kept pairs, best first.
    public func sorted() -> [(index: Int, score: Float)] {
        zip(labels, scores)
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            .map { (index: $0.0, score: $0.1) }
    }

    /// True when pair i is worse than pair j (lower score, or equal score and higher label).
    @inline(__always)
    private func worse(_ i: Int, _ j: Int) -> Bool {
        scores[i] < scores[j] || (scores[i] == scores[j] && labels[i] > labels[j])
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard worse(child, parent) else { return }
            labels.swapAt(child, parent)
            scores.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        let n = labels.count
        while true {
            let left = 2 * parent + 1
            if left >= n { return }
            var worst = left
            if left + 1 < n && worse(left + 1, left) { worst = left + 1 }
            guard worse(worst, parent) else { return }
            labels.swapAt(worst, parent)
            scores.swapAt(worst, parent)
            parent = worst
        }
    }
}

/// 1 when any of `p[0..<4]` is ≥ `t`, else 0 (branch-free, so the caller's OR vectorizes).
@inline(__always)
private func atLeast4(_ p: UnsafePointer<Float>, _ t: Float) -> UInt32 {
    (p[0] >= t ? 1 : 0) | (p[1] >= t ? 1 : 0) | (p[2] >= t ? 1 : 0) | (p[3] >= t ? 1 : 0)
}

/// Batched top-k selection over score matrices.
public enum TopK {
    /// For each row of `scores` (`[nq × n]`), the `k` best (column, score) pairs, best first;
    /// ties go to the lower column; NaN and -∞ are skipped. O(n log k) per row.
    public static func rows(of scores: Matrix, k: Int) -> [[(index: Int, score: Float)]] {
        scores.withUnsafeRef { rows(of: $0, k: k) }
    }

    /// `rows(of:k:)` on a borrowed view.
    public static func rows(of scores: MatrixRef, k: Int) -> [[(index: Int, score: Float)]] {
        (0..<scores.rows).map { r in
            var heap = TopKHeap(k: k)
            heap.push(scores: scores.row(r), labelOffset: 0)
            return heap.sorted()
        }
    }
}

extension TopK {
    /// The `k` best (label, score) pairs of one score buffer, best first, ties to the lower label,
    /// NaN and -∞ skipped: exactly what pushing every pair into `TopKHeap(k:)` and `sorted()`
    /// give. For a `k` that is a large share of the buffer (hundreds of a few thousand) a heap
    /// keeps replacing its root; selecting the k-th best score first (quickselect on a copy) and
    /// sorting only the pairs at or above it costs a few passes instead.
    public static func best(k: Int, scores: UnsafeBufferPointer<Float>, labels: UnsafeBufferPointer<UInt32>) -> [(index: Int, score: Float)] {
        precondition(scores.count == labels.count, "TopK.best: \(scores.count) scores, \(labels.count) labels")
        guard k > 0 else { return [] }
        if k * 16 <= scores.count {
            // A few of many (a search's 31 of 2,458): the heap's scan rejects most scores with
            // one comparison, cheaper than copying them all for the selection.
            var heap = TopKHeap(k: k)
            heap.push(scores: scores, labels: labels)
            return heap.sorted()
        }
        var values: [Float] = []
        values.reserveCapacity(scores.count)
        for s in scores where s > -Float.infinity { values.append(s) }   // also drops NaN
        let threshold = values.count <= k ? -Float.infinity : kthLargest(&values, k)
        var above: [(index: Int, score: Float)] = [], tied: [Int] = []
        for i in scores.indices {
            let s = scores[i]
            guard s > -Float.infinity else { continue }
            if s > threshold { above.append((Int(labels[i]), s)) } else if s == threshold { tied.append(Int(labels[i])) }
        }
        if above.count < k {
            tied.sort()
            for l in tied.prefix(k - above.count) { above.append((l, threshold)) }
        }
        above.sort { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
        return above
    }

    /// The `k`-th largest of `values` (1-based, `k ≤ values.count`, no NaN), reordering them.
    static func kthLargest(_ values: inout [Float], _ k: Int) -> Float {
        let target = k - 1
        return values.withUnsafeMutableBufferPointer { v -> Float in
            var lo = 0, hi = v.count - 1, rounds = 0
            while lo < hi {
                rounds += 1
                if rounds > 64 {   // unlucky pivots: sort what is left
                    var rest = UnsafeMutableBufferPointer(rebasing: v[lo...hi])
                    rest.sort(by: >)
                    break
                }
                let a = v[lo], b = v[lo + (hi - lo) / 2], c = v[hi]
                let pivot = max(min(a, b), min(max(a, b), c))   // median of three
                var i = lo, j = hi
                while i <= j {
                    while v[i] > pivot { i += 1 }
                    while v[j] < pivot { j -= 1 }
                    if i <= j {
                        let t = v[i]
                        v[i] = v[j]
                        v[j] = t
                        i += 1
                        j -= 1
                    }
                }
                if target <= j { hi = j } else if target >= i { lo = i } else { break }
            }
            return v[target]
        }
    }
}
