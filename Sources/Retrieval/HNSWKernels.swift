import Synchronization

// Hot-path building blocks of the HNSW index: the SIMD inner product, a binary heap over
// (score, node), the visited markers and the per-search scratch space, pooled so that
// concurrent readers never allocate on the query path and never share mutable state.

/// Inner product of two zero-padded vectors of `paddedDimension` floats (a multiple of 16).
///
/// Release builds use `hnswDotSIMD`. Debug builds (the test suite) use `hnswDotScalar`: at
/// `-Onone` the generic SIMD types are not specialized and run ~5× slower than a plain loop.
@inline(__always)
func hnswDot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ paddedDimension: Int) -> Float {
    #if DEBUG
    return hnswDotScalar(a, b, paddedDimension)
    #else
    return hnswDotSIMD(a, b, paddedDimension)
    #endif
}

/// `SIMD16<Float>` inner product, multiply-then-add (not `addProduct`: without an FMA target
/// that lowers to a libm `fmaf` call per lane). Two independent accumulators hide the add
/// latency; `paddedDimension` must be a multiple of 16.
@inline(__always)
func hnswDotSIMD(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ paddedDimension: Int) -> Float {
    let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
    var acc0 = SIMD16<Float>(), acc1 = SIMD16<Float>()
    var offset = 0
    let bytes = paddedDimension &* 4
    while offset &+ 128 <= bytes {
        acc0 += ra.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            * rb.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
        acc1 += ra.loadUnaligned(fromByteOffset: offset &+ 64, as: SIMD16<Float>.self)
            * rb.loadUnaligned(fromByteOffset: offset &+ 64, as: SIMD16<Float>.self)
        offset &+= 128
    }
    if offset < bytes {
        acc0 += ra.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            * rb.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
    }
    let s16 = acc0 + acc1
    let s8 = s16.lowHalf + s16.highHalf
    let s4 = s8.lowHalf + s8.highHalf
    return (s4[0] + s4[2]) + (s4[1] + s4[3])
}

/// Scalar inner product with four accumulators (`paddedDimension` a multiple of 4).
@inline(__always)
func hnswDotScalar(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ paddedDimension: Int) -> Float {
    var s0: Float = 0, s1: Float = 0, s2: Float = 0, s3: Float = 0
    var i = 0
    while i < paddedDimension {
        s0 += a[i] * b[i]
        s1 += a[i + 1] * b[i + 1]
        s2 += a[i + 2] * b[i + 2]
        s3 += a[i + 3] * b[i + 3]
        i += 4
    }
    return (s0 + s1) + (s2 + s3)
}

/// Copies `source` into `destination` (`paddedDimension` floats), scaled to unit length and
/// zero-padded. A zero vector stays zero. Returns false on NaN/infinity.
@discardableResult
func hnswNormalize<C: Collection>(_ source: C, into destination: UnsafeMutablePointer<Float>,
                                  paddedDimension: Int) -> Bool where C.Element == Float {
    var sumSquares: Double = 0
    var finite = true
    var i = 0
    for x in source {
        if !x.isFinite { finite = false }
        destination[i] = x
        sumSquares += Double(x) * Double(x)
        i += 1
    }
    for j in i..<paddedDimension { destination[j] = 0 }
    guard finite else { return false }
    if sumSquares > 0 {
        let scale = 1 / sumSquares.squareRoot()
        for j in 0..<i { destination[j] = Float(Double(destination[j]) * scale) }
    }
    return true
}

/// Where the OR of the warm-up loads goes (see `HNSWGraph.View.touch`).
let hnswSinkCell = Atomic<UInt32>(0)

/// Consumes the OR of warm-up loads so the optimizer cannot delete them: the value is compared,
/// and stored only in the practically impossible case that it equals a constant.
@inline(__always)
func hnswSink(_ value: UInt32) {
    if value == 0x5EED_F00D { hnswSinkCell.store(value, ordering: .relaxed) }
}

/// A binary min-heap of (key, node) in manually managed memory (no Swift array in the hot path).
/// A max-heap on scores is this heap over negated scores.
struct HNSWHeap {
    struct Entry {
        var key: Float
        var node: UInt32
    }

    private(set) var base: UnsafeMutablePointer<Entry>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    /// Frees the storage; the heap must not be used afterwards.
    func deallocate() { base.deallocate() }

    var isEmpty: Bool { count == 0 }
    /// The smallest entry (precondition: not empty).
    var top: Entry { base[0] }

    @inline(__always)
    mutating func removeAll() { count = 0 }

    @inline(__always)
    mutating func push(_ key: Float, _ node: UInt32) {
        if count == capacity { grow() }
        var i = count
        count &+= 1
        while i > 0 {
            let parent = (i &- 1) >> 1
            let p = base[parent]
            if p.key <= key { break }
            base[i] = p
            i = parent
        }
        base[i] = Entry(key: key, node: node)
    }

    /// Removes and returns the smallest entry (precondition: not empty).
    @inline(__always)
    @discardableResult
    mutating func pop() -> Entry {
        let result = base[0]
        count &-= 1
        if count > 0 { siftDown(base[count]) }
        return result
    }

    /// Replaces the smallest entry by (key, node) — a pop and a push in one sift.
    @inline(__always)
    mutating func replaceTop(_ key: Float, _ node: UInt32) {
        siftDown(Entry(key: key, node: node))
    }

    @inline(__always)
    private mutating func siftDown(_ entry: Entry) {
        var i = 0
        let n = count
        while true {
            var child = 2 &* i &+ 1
            if child >= n { break }
            if child &+ 1 < n && base[child &+ 1].key < base[child].key { child &+= 1 }
            if entry.key <= base[child].key { break }
            base[i] = base[child]
            i = child
        }
        base[i] = entry
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<Entry>.allocate(capacity: capacity * 2)
        bigger.initialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }
}

/// Everything one search (or one insert) needs besides the graph: visited markers with a
/// generation counter (a node is visited when `marks[node] == generation`, so clearing is a
/// counter bump, not a memset — and a real clear once every 65,535 searches; 16-bit markers
/// keep the array small enough to stay in L2), two heaps, the padded query and small buffers.
///
/// Owned by exactly one search at a time (handed out by `HNSWScratchPool`), hence
/// `@unchecked Sendable`: it moves between threads but is never used by two at once.
final class HNSWScratch: @unchecked Sendable {
    private(set) var marks: UnsafeMutablePointer<UInt16>
    private(set) var markCapacity: Int
    private(set) var generation: UInt16 = 0
    /// Candidates to expand (max-heap: keys are negated scores).
    var candidates = HNSWHeap(capacity: 256)
    /// Best results so far (min-heap on score: the worst kept result on top).
    var results = HNSWHeap(capacity: 256)
    /// Unvisited neighbours of the node being expanded (at most 2·512).
    let pending = UnsafeMutablePointer<UInt32>.allocate(capacity: 1024)
    /// The normalized, padded query.
    private(set) var query: UnsafeMutablePointer<Float>
    private(set) var queryCapacity: Int

    init(nodeCount: Int, paddedDimension: Int) {
        markCapacity = max(nodeCount, 1024)
        marks = .allocate(capacity: markCapacity)
        marks.initialize(repeating: 0, count: markCapacity)
        queryCapacity = max(paddedDimension, HNSWLayout.lane)
        query = .allocate(capacity: queryCapacity)
        query.initialize(repeating: 0, count: queryCapacity)
    }

    deinit {
        marks.deallocate()
        query.deallocate()
        pending.deallocate()
        candidates.deallocate()
        results.deallocate()
    }

    /// Makes room for `nodeCount` markers and a `paddedDimension` query.
    func prepare(nodeCount: Int, paddedDimension: Int) {
        if nodeCount > markCapacity {
            let newCapacity = max(nodeCount, markCapacity * 2)
            let bigger = UnsafeMutablePointer<UInt16>.allocate(capacity: newCapacity)
            bigger.initialize(repeating: 0, count: newCapacity)
            marks.deallocate()
            marks = bigger
            markCapacity = newCapacity
            generation = 0
        }
        if paddedDimension > queryCapacity {
            query.deallocate()
            query = .allocate(capacity: paddedDimension)
            query.initialize(repeating: 0, count: paddedDimension)
            queryCapacity = paddedDimension
        }
    }

    /// Starts a new visit: every node becomes unvisited. Returns the generation to mark with.
    func nextGeneration() -> UInt16 {
        generation &+= 1
        if generation == 0 {
            marks.update(repeating: 0, count: markCapacity)
            generation = 1
        }
        return generation
    }
}

/// A lock-protected stack of idle `HNSWScratch` objects shared by all copies of an index.
/// A search takes one (or makes one), uses it without any lock, and gives it back.
final class HNSWScratchPool: Sendable {
    private let idle = Mutex<[HNSWScratch]>([])
    /// Idle scratch objects kept at most (more concurrent searches allocate and free their own).
    private static let keep = 16

    init() {}

    /// Runs `body` with a scratch sized for `nodeCount` nodes and `paddedDimension` floats.
    func withScratch<R>(nodeCount: Int, paddedDimension: Int, _ body: (HNSWScratch) throws -> R) rethrows -> R {
        let scratch = idle.withLock { $0.popLast() }
            ?? HNSWScratch(nodeCount: nodeCount, paddedDimension: paddedDimension)
        scratch.prepare(nodeCount: nodeCount, paddedDimension: paddedDimension)
        defer {
            idle.withLock { stack in
                if stack.count < Self.keep { stack.append(scratch) }
            }
        }
        return try body(scratch)
    }
}
