import Foundation

/// Tuning knobs of an `HNSWIndex` (Malkov & Yashunin, "Efficient and robust approximate nearest
/// neighbor search using Hierarchical Navigable Small World graphs", 2016/2018).
///
/// ## Tuning advice
/// - **`m`** (default 16) — links per node on the upper layers; layer 0 keeps up to `2·m`.
///   Larger `m` gives better recall on high intrinsic dimension data (text embeddings:
///   12–32) at the price of memory (`4·(2m+1)` bytes per vector on layer 0) and slower inserts.
///   Values below 8 hurt recall badly above ~50 dimensions; above 48 rarely pays off.
/// - **`efConstruction`** (default 200) — breadth of the candidate search while inserting.
///   Graph quality (and so the recall reachable at a given `ef`) rises with it up to a plateau
///   (~200–400 for `m = 16`); build time grows about linearly. Never below `m`.
/// - **`ef`** (default 64) — breadth of the search at query time; the main recall/speed dial.
///   Always at least `k` (the index uses `max(ef, k)`). Can be overridden per query
///   (`search(_:k:ef:)`). Measure with `HNSWBench.run` and pick the smallest `ef` that reaches
///   the recall you need: doubling `ef` costs roughly 1.6–1.9× the query time.
/// - **`seed`** — seeds the level generator. Two indexes built from the same parameters and the
///   same sequence of adds/removes are bit-for-bit identical (and search identically).
/// - **`compactionThreshold`** (default 0.25) — when the share of tombstones (removed nodes
///   still in the graph) exceeds it, `remove(id:)` compacts the graph (see `compact()`); 1 or
///   more disables automatic compaction.
///
/// ## Memory per vector
/// With `d` the dimension rounded up to a multiple of 16 (vectors are padded for SIMD):
///
///     bytes ≈ 4·d                     vector (Float32)
///           + 4·(2m + 1)              layer-0 neighbour list (count + 2m slots)
///           + 4·(m + 1)/(m − 1)       upper layers (a node reaches layer l with probability m^−l)
///           + 10                      level, tombstone, external id, upper-list offset
///           + ~12                     external-id dictionary entry
///
/// plus 4 bytes per vector for each concurrently running search (the visited markers).
/// Example: `d = 256, m = 16` → ≈ 1,183 bytes, so 100,000 vectors take ≈ 118 MB (measured:
/// 119.5 MB, the difference being growth slack of the upper-layer pool and the dictionary).
/// `estimatedBytesPerVector(dimension:)` computes it.
public struct HNSWParameters: Sendable, Equatable, Hashable {
    /// Links per node on layers ≥ 1 ("M"); layer 0 keeps up to `2·m`. Range 2...512.
    public var m: Int
    /// Candidate-list size while inserting ("efConstruction"); raised to `m` if smaller.
    public var efConstruction: Int
    /// Default candidate-list size while searching ("ef"); the search uses `max(ef, k)`.
    public var ef: Int
    /// Seed of the level generator (deterministic builds).
    public var seed: UInt64
    /// Tombstone share above which `remove(id:)` compacts automatically (≥ 1 disables).
    public var compactionThreshold: Double

    /// Parameters with the documented defaults unless given.
    public init(m: Int = 16, efConstruction: Int = 200, ef: Int = 64,
                seed: UInt64 = 0x5EED_1DEA, compactionThreshold: Double = 0.25) {
        self.m = m
        self.efConstruction = efConstruction
        self.ef = ef
        self.seed = seed
        self.compactionThreshold = compactionThreshold
    }

    /// The defaults: `m = 16`, `efConstruction = 200`, `ef = 64`.
    public static let `default` = HNSWParameters()

    /// Maximum neighbours of a node on layer 0 (`2·m`).
    public var maxNeighborsLayer0: Int { 2 * m }

    /// The level multiplier `mL = 1 / ln(m)`: a node reaches layer `l` with probability `m^−l`.
    public var levelMultiplier: Double { 1.0 / Foundation.log(Double(max(m, 2))) }

    /// These parameters with every value moved into its valid range
    /// (`m` in 2...512, `efConstruction ≥ m`, `ef ≥ 1`, threshold in (0, 1]).
    public var clamped: HNSWParameters {
        var p = self
        p.m = min(max(m, 2), 512)
        p.efConstruction = min(max(efConstruction, p.m), 1 << 20)
        p.ef = min(max(ef, 1), 1 << 20)
        if !(compactionThreshold > 0) { p.compactionThreshold = 0.25 }
        p.compactionThreshold = min(p.compactionThreshold, 1)
        return p
    }

    /// Estimated resident bytes per stored vector (see the formula in the type's documentation).
    public func estimatedBytesPerVector(dimension: Int) -> Int {
        let m = Double(clamped.m)
        let paddedDimension = Double(HNSWLayout.paddedDimension(dimension))
        let bytes = 4 * paddedDimension + 4 * (2 * m + 1) + 4 * (m + 1) / (m - 1) + 10 + 12
        return Int(bytes.rounded(.up))
    }
}

/// Fixed layout rules shared by the graph, the search and the file format.
enum HNSWLayout {
    /// SIMD chunk width in floats: stored vectors and queries are zero-padded to a multiple.
    static let lane = 16
    /// Highest level a node may get (a level is stored in one byte; 2^−32-rare beyond).
    static let maxLevel = 31
    /// Marks "no node" (empty index's entry point, level-0 nodes' upper offset).
    static let none = UInt32.max

    /// `dimension` rounded up to a multiple of `lane`.
    static func paddedDimension(_ dimension: Int) -> Int {
        (dimension + lane - 1) / lane * lane
    }
}
