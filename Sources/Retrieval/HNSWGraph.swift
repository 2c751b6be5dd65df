#if canImport(Glibc)
import Glibc
#endif

// Storage of the HNSW graph: every array is one flat, manually managed buffer indexed by the
// dense internal node number (insertion order), so the search touches no Swift array, no
// dictionary and no reference counting.
//
//   vectors       nodeCapacity × paddedDimension Float32, 64-byte aligned, unit length,
//                 zero-padded to a multiple of 16 floats (the SIMD chunk)
//   links0        nodeCapacity × (1 + 2m) UInt32: [count, neighbour 0, …, neighbour 2m−1]
//   upper         one UInt32 pool for layers ≥ 1: a node of level L owns L consecutive lists of
//                 (1 + m) UInt32 starting at upperOffsets[node] (layer l at +(l−1)·(1+m))
//   levels        UInt8 per node; deleted: UInt8 per node (1 = tombstone);
//   externalIDs   UInt32 per node (the caller's id)
//
// The class is only mutated while uniquely referenced (`HNSWIndex` copies it first otherwise),
// so sharing it between threads is safe: hence `@unchecked Sendable`.

/// Flat-buffer storage of vectors and neighbour lists (see the file header for the layout).
final class HNSWGraph: @unchecked Sendable {
    let dimension: Int
    let paddedDimension: Int
    let m: Int
    let maxNeighbors0: Int
    /// UInt32s per layer-0 list (count + 2m slots).
    let stride0: Int
    /// UInt32s per upper-layer list (count + m slots).
    let strideUpper: Int

    private(set) var nodeCapacity = 0
    private(set) var nodeCount = 0
    private(set) var upperCount = 0
    private(set) var upperCapacity = 0

    private(set) var vectors: UnsafeMutablePointer<Float>
    private(set) var links0: UnsafeMutablePointer<UInt32>
    private(set) var upper: UnsafeMutablePointer<UInt32>
    private(set) var upperOffsets: UnsafeMutablePointer<UInt32>
    private(set) var levels: UnsafeMutablePointer<UInt8>
    private(set) var deleted: UnsafeMutablePointer<UInt8>
    private(set) var externalIDs: UnsafeMutablePointer<UInt32>

    /// Where searches start (`HNSWLayout.none` when empty) and its level (−1 when empty).
    var entryPoint = HNSWLayout.none
    var maxLevel = -1
    /// Nodes marked deleted that are still part of the graph.
    var tombstones = 0

    init(dimension: Int, m: Int, nodeCapacity: Int = 0) {
        self.dimension = dimension
        paddedDimension = HNSWLayout.paddedDimension(dimension)
        self.m = m
        maxNeighbors0 = 2 * m
        stride0 = 1 + 2 * m
        strideUpper = 1 + m
        vectors = Self.allocateLarge(0, of: Float.self)
        links0 = Self.allocateLarge(0, of: UInt32.self)
        upper = .allocate(capacity: 0)
        upperOffsets = .allocate(capacity: 0)
        levels = .allocate(capacity: 0)
        deleted = .allocate(capacity: 0)
        externalIDs = .allocate(capacity: 0)
        if nodeCapacity > 0 { reserveNodes(nodeCapacity) }
    }

    deinit {
        UnsafeMutableRawPointer(vectors).deallocate()
        UnsafeMutableRawPointer(links0).deallocate()
        upper.deallocate()
        upperOffsets.deallocate()
        levels.deallocate()
        deleted.deallocate()
        externalIDs.deallocate()
    }

    /// Storage for the two big per-node arrays (vectors, layer-0 lists): 64-byte aligned (one
    /// SIMD16 chunk per cache line); from 4 MiB on, 2 MiB aligned and advised for transparent
    /// huge pages on Linux, so the random row reads of a search cost fewer TLB misses.
    /// Free with `UnsafeMutableRawPointer(pointer).deallocate()`.
    private static func allocateLarge<T>(_ count: Int, of _: T.Type) -> UnsafeMutablePointer<T> {
        let count = max(count, 16)
        let bytes = count * MemoryLayout<T>.stride
        let huge = 2 << 20
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: bytes >= 2 * huge ? huge : 64)
        #if os(Linux)
        if bytes >= 2 * huge { _ = madvise(raw, bytes / huge * huge, MADV_HUGEPAGE) }
        #endif
        return raw.bindMemory(to: T.self, capacity: count)
    }

    /// Moves `count` elements of `old` into a new buffer of `capacity` and frees `old`.
    private static func regrow<T>(_ old: UnsafeMutablePointer<T>, count: Int, capacity: Int) -> UnsafeMutablePointer<T> {
        let new = UnsafeMutablePointer<T>.allocate(capacity: capacity)
        new.moveInitialize(from: old, count: count)
        old.deallocate()
        return new
    }

    /// Makes room for `capacity` nodes without reallocating.
    func reserveNodes(_ capacity: Int) {
        guard capacity > nodeCapacity else { return }
        let newVectors = Self.allocateLarge(capacity * paddedDimension, of: Float.self)
        newVectors.moveInitialize(from: vectors, count: nodeCount * paddedDimension)
        UnsafeMutableRawPointer(vectors).deallocate()
        vectors = newVectors
        let newLinks = Self.allocateLarge(capacity * stride0, of: UInt32.self)
        newLinks.moveInitialize(from: links0, count: nodeCount * stride0)
        UnsafeMutableRawPointer(links0).deallocate()
        links0 = newLinks
        upperOffsets = Self.regrow(upperOffsets, count: nodeCount, capacity: capacity)
        levels = Self.regrow(levels, count: nodeCount, capacity: capacity)
        deleted = Self.regrow(deleted, count: nodeCount, capacity: capacity)
        externalIDs = Self.regrow(externalIDs, count: nodeCount, capacity: capacity)
        nodeCapacity = capacity
    }

    /// Makes room for `capacity` UInt32s in the upper-layer pool.
    func reserveUpper(_ capacity: Int) {
        guard capacity > upperCapacity else { return }
        upper = Self.regrow(upper, count: upperCount, capacity: capacity)
        upperCapacity = capacity
    }

    /// Appends a node with no links; `writeVector` fills its `paddedDimension` floats.
    /// Returns the new node number.
    func appendNode(externalID: UInt32, level: Int, writeVector: (UnsafeMutablePointer<Float>) -> Void) -> UInt32 {
        if nodeCount == nodeCapacity { reserveNodes(max(1024, nodeCapacity * 2)) }
        let node = nodeCount
        writeVector(vectors + node * paddedDimension)
        (links0 + node * stride0).initialize(repeating: 0, count: stride0)
        levels[node] = UInt8(level)
        deleted[node] = 0
        externalIDs[node] = externalID
        if level > 0 {
            let need = upperCount + level * strideUpper
            if need > upperCapacity { reserveUpper(max(need, upperCapacity * 2, 1024)) }
            (upper + upperCount).initialize(repeating: 0, count: level * strideUpper)
            upperOffsets[node] = UInt32(upperCount)
            upperCount = need
        } else {
            upperOffsets[node] = HNSWLayout.none
        }
        nodeCount += 1
        return UInt32(node)
    }

    /// A deep copy (used before mutating a graph that another index value still shares).
    func copy(extraCapacity: Int = 0) -> HNSWGraph {
        let c = HNSWGraph(dimension: dimension, m: m, nodeCapacity: max(nodeCount + extraCapacity, 1))
        c.vectors.initialize(from: vectors, count: nodeCount * paddedDimension)
        c.links0.initialize(from: links0, count: nodeCount * stride0)
        c.upperOffsets.initialize(from: upperOffsets, count: nodeCount)
        c.levels.initialize(from: levels, count: nodeCount)
        c.deleted.initialize(from: deleted, count: nodeCount)
        c.externalIDs.initialize(from: externalIDs, count: nodeCount)
        c.reserveUpper(max(upperCount, 1))
        c.upper.initialize(from: upper, count: upperCount)
        c.nodeCount = nodeCount
        c.upperCount = upperCount
        c.entryPoint = entryPoint
        c.maxLevel = maxLevel
        c.tombstones = tombstones
        return c
    }

    /// Bytes held by the buffers (capacity, not just the used part).
    var allocatedBytes: Int {
        nodeCapacity * (paddedDimension * 4 + stride0 * 4 + 4 + 1 + 1 + 4) + upperCapacity * 4
    }

    /// A non-owning view of the buffers for the hot loops (valid while `self` is alive and
    /// not mutated).
    var view: View {
        View(vectors: vectors, links0: links0, upper: upper, upperOffsets: upperOffsets,
             deleted: deleted, paddedDimension: paddedDimension, stride0: stride0,
             strideUpper: strideUpper)
    }

    /// Raw pointers and strides copied out of the graph, so loops read plain locals.
    struct View {
        let vectors: UnsafeMutablePointer<Float>
        let links0: UnsafeMutablePointer<UInt32>
        let upper: UnsafeMutablePointer<UInt32>
        let upperOffsets: UnsafeMutablePointer<UInt32>
        let deleted: UnsafeMutablePointer<UInt8>
        let paddedDimension: Int
        let stride0: Int
        let strideUpper: Int

        /// The stored unit vector of `node`.
        @inline(__always)
        func vector(_ node: UInt32) -> UnsafeMutablePointer<Float> {
            let offset: Int = Int(node) &* paddedDimension
            return vectors + offset
        }

        /// The list of `node` on `layer`: element 0 is the count, neighbours follow.
        /// Precondition: the node's level is at least `layer`.
        @inline(__always)
        func list(_ node: UInt32, layer: Int) -> UnsafeMutablePointer<UInt32> {
            if layer == 0 {
                let offset: Int = Int(node) &* stride0
                return links0 + offset
            }
            let offset: Int = Int(upperOffsets[Int(node)]) &+ (layer &- 1) &* strideUpper
            return upper + offset
        }

        @inline(__always)
        func isDeleted(_ node: UInt32) -> Bool { deleted[Int(node)] != 0 }

        @inline(__always)
        func dot(_ query: UnsafePointer<Float>, _ node: UInt32) -> Float {
            hnswDot(query, vector(node), paddedDimension)
        }
    }

    /// Declares the first `nodeCount` nodes and `upperCount` upper UInt32s as written (the file
    /// loader fills the buffers directly after reserving them).
    func setFilledCounts(nodeCount: Int, upperCount: Int) {
        precondition(nodeCount <= nodeCapacity && upperCount <= upperCapacity)
        self.nodeCount = nodeCount
        self.upperCount = upperCount
    }

    /// Marks `node` deleted (tombstone); it stays in the graph for traversal.
    func markDeleted(_ node: UInt32) {
        if deleted[Int(node)] == 0 {
            deleted[Int(node)] = 1
            tombstones += 1
        }
    }
}
