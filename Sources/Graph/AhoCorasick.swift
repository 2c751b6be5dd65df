import TextAnalysis

/// A multi-pattern string matcher (Aho–Corasick) over Unicode scalar values.
///
/// The automaton has the classic three functions: *goto* (trie edges), *fail* (the longest
/// proper suffix of a state that is also a trie prefix, computed breadth-first) and *output*
/// (the pattern ending at a state plus a "dictionary link" to the next state on the fail
/// chain that ends a pattern). One left-to-right pass over a text reports every occurrence of
/// every pattern in O(text + matches).
///
/// Patterns and texts are compared as scalar sequences. The `String` entry points normalize
/// both with `Normalizer.normalize` (NFKC, width and case folding), so "ＡＢＣ" matches "abc";
/// the scalar entry points take already normalized scalars.
///
/// Implementation notes: scalars are first mapped to dense symbol classes (only scalars that
/// occur in some pattern get a class; any other scalar sends the automaton back to the root),
/// and edges live in one open-addressing hash table keyed by `(state, class)`.
public struct AhoCorasick<Value: Sendable>: Sendable {
    /// One occurrence: scalar offsets `start..<end` into the (normalized) scalar sequence
    /// that was searched, the index of the pattern and its value.
    public struct Match: Sendable, Hashable {
        /// First scalar offset of the occurrence.
        public var start: Int
        /// Scalar offset just past the occurrence.
        public var end: Int
        /// Index into `patterns` / `values`.
        public var patternIndex: Int
    }

    /// The distinct patterns as normalized scalar sequences, in insertion order.
    public private(set) var patterns: [[UInt32]] = []
    /// The value of each pattern (same order as `patterns`).
    public private(set) var values: [Value] = []

    private var bmpClass = [Int32](repeating: 0, count: 0x10000)
    private var astralClass: [UInt32: Int32] = [:]
    private var patternLength: [Int32] = []
    private var classCount: Int32 = 1
    private var edges = EdgeTable()
    private var fail: [Int32] = [0]
    private var output: [Int32] = [-1]      // pattern ending exactly at the state, or -1
    private var dictLink: [Int32] = [-1]    // nearest fail-chain state with an output, or -1

    /// Builds the automaton from `(pattern, value)` pairs. Patterns are normalized with
    /// `Normalizer.normalize`; empty patterns are ignored; for duplicate patterns (after
    /// normalization) the first value wins.
    public init(_ entries: [(pattern: String, value: Value)]) {
        self.init(scalarEntries: entries.map { (Array(Normalizer.normalize($0.pattern).unicodeScalars.map(\.value)), $0.value) })
    }

    /// Builds the automaton from already normalized scalar sequences (no normalization is
    /// applied). Empty patterns are ignored; for duplicates the first value wins.
    public init(scalarEntries: [([UInt32], Value)]) {
        var trie: [[Int32: Int32]] = [[:]]   // build-time goto function
        for (pattern, value) in scalarEntries where !pattern.isEmpty {
            var state: Int32 = 0
            for s in pattern {
                let c = classOf(s, create: true)
                if let next = trie[Int(state)][c] {
                    state = next
                } else {
                    let next = Int32(trie.count)
                    trie.append([:]); output.append(-1)
                    trie[Int(state)][c] = next
                    state = next
                }
            }
            if output[Int(state)] < 0 {
                output[Int(state)] = Int32(patterns.count)
                patterns.append(pattern); values.append(value)
                patternLength.append(Int32(pattern.count))
            }
        }
        let n = trie.count
        fail = [Int32](repeating: 0, count: n)
        dictLink = [Int32](repeating: -1, count: n)
        edges = EdgeTable(capacity: n)
        // Breadth-first: a state's fail target is always shallower, hence already final.
        var queue: [Int32] = []
        queue.reserveCapacity(n)
        for (c, child) in trie[0] { edges.insert(0, c, child); queue.append(child) }
        var head = 0
        while head < queue.count {
            let state = queue[head]; head += 1
            for (c, child) in trie[Int(state)] {
                edges.insert(state, c, child)
                var f = fail[Int(state)]
                while f != 0 && trie[Int(f)][c] == nil { f = fail[Int(f)] }
                let target = trie[Int(f)][c] ?? 0
                fail[Int(child)] = target
                dictLink[Int(child)] = output[Int(target)] >= 0 ? target : dictLink[Int(target)]
                queue.append(child)
            }
        }
    }

    /// Number of automaton states (the root included).
    public var stateCount: Int { fail.count }

    @inline(__always)
    private mutating func classOf(_ s: UInt32, create: Bool) -> Int32 {
        if s < 0x10000 {
            if bmpClass[Int(s)] == 0 { bmpClass[Int(s)] = classCount; classCount += 1 }
            return bmpClass[Int(s)]
        }
        if let c = astralClass[s] { return c }
        astralClass[s] = classCount; classCount += 1
        return classCount - 1
    }


    /// Calls `body(match)` for every occurrence of every pattern in `scalars`, in order of
    /// end offset (shorter patterns first at equal end). One pass, O(text + matches).
    public func forEachMatch(in scalars: [UInt32], _ body: (Match) -> Void) {
        bmpClass.withUnsafeBufferPointer { bmp in
        fail.withUnsafeBufferPointer { fail in
        output.withUnsafeBufferPointer { output in
        dictLink.withUnsafeBufferPointer { dictLink in
        patternLength.withUnsafeBufferPointer { length in
        scalars.withUnsafeBufferPointer { text in
            var state: Int32 = 0
            for i in 0..<text.count {
                let s = text[i]
                let c = s < 0x10000 ? bmp[Int(s)] : (astralClass[s] ?? 0)
                if c == 0 { state = 0; continue }
                while true {
                    let next = edges.find(state, c)
                    if next >= 0 { state = next; break }
                    if state == 0 { break }
                    state = fail[Int(state)]
                }
                var o = output[Int(state)] >= 0 ? state : dictLink[Int(state)]
                while o >= 0 {
                    let p = Int(output[Int(o)])
                    body(Match(start: i + 1 - Int(length[p]), end: i + 1, patternIndex: p))
                    o = dictLink[Int(o)]
                }
            }
        }}}}}}
    }

    /// All occurrences of all patterns in already normalized `scalars`.
    public func matches(inScalars scalars: [UInt32]) -> [Match] {
        var out: [Match] = []
        forEachMatch(in: scalars) { out.append($0) }
        return out
    }

    /// All occurrences in `text` after normalization; offsets are scalar offsets into
    /// `Normalizer.normalize(text)`.
    public func matches(in text: String) -> [Match] {
        matches(inScalars: Normalizer.normalize(text).unicodeScalars.map(\.value))
    }
}

/// Open-addressing hash table from `(state, class)` to the child state (linear probing).
struct EdgeTable: Sendable {
    private var keys: [UInt64] = [UInt64.max]
    private var targets: [Int32] = [-1]
    private var mask = 0
    private var shift: UInt64 = 63

    init() {}

    init(capacity: Int) {
        var size = 16, bits: UInt64 = 4
        while size < capacity * 2 { size <<= 1; bits += 1 }
        shift = 64 - bits
        keys = [UInt64](repeating: UInt64.max, count: size)
        targets = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func key(_ state: Int32, _ c: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: state)) << 32 | UInt64(UInt32(bitPattern: c))
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        // Fibonacci hashing: the top bits of the product depend on every bit of the key.
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) & mask
    }

    mutating func insert(_ state: Int32, _ c: Int32, _ target: Int32) {
        let k = Self.key(state, c)
        var i = slot(k)
        while keys[i] != UInt64.max && keys[i] != k { i = (i + 1) & mask }
        keys[i] = k; targets[i] = target
    }

    @inline(__always)
    func find(_ state: Int32, _ c: Int32) -> Int32 {
        let k = Self.key(state, c)
        var i = slot(k)
        while true {
            let stored = keys[i]
            if stored == k { return targets[i] }
            if stored == UInt64.max { return -1 }
            i = (i + 1) & mask
        }
    }
}
