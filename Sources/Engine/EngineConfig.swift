import Retrieval

/// The engine's tunable settings. Defaults live here and in Server/switchboard.json (kept equal by a test).
public struct EngineConfig: Sendable, Codable, Equatable {
    /// BM25F parameters for lexical search.
    public var bm25: BM25Parameters
    /// Largest file accepted by an import, in bytes.
    public var maxFileBytes: Int
    /// Default and largest number of hits a search returns.
    public var defaultLimit: Int
    public var maxLimit: Int

    public init(bm25: BM25Parameters = BM25Parameters(), maxFileBytes: Int = 32 << 20,
                defaultLimit: Int = 10, maxLimit: Int = 100) {
        self.bm25 = bm25
        self.maxFileBytes = maxFileBytes
        self.defaultLimit = defaultLimit
        self.maxLimit = maxLimit
    }

    enum CodingKeys: String, CodingKey {
        case bm25, maxFileBytes = "max_file_bytes", defaultLimit = "default_limit", maxLimit = "max_limit"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = EngineConfig()
        bm25 = try c.decodeIfPresent(BM25Parameters.self, forKey: .bm25) ?? d.bm25
        maxFileBytes = try c.decodeIfPresent(Int.self, forKey: .maxFileBytes) ?? d.maxFileBytes
        defaultLimit = try c.decodeIfPresent(Int.self, forKey: .defaultLimit) ?? d.defaultLimit
        maxLimit = try c.decodeIfPresent(Int.self, forKey: .maxLimit) ?? d.maxLimit
    }
}
