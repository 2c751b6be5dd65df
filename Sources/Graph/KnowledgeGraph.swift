import KnowledgeModel
import TextAnalysis

/// The domain graph built from the lexicon and the chunks: entities with their aliases, and
/// typed relations that each keep the chunks they were read from (provenance). Built in one pass
/// over the knowledge; a value, so readers keep their copy while a new one is built.
public struct KnowledgeGraph: Sendable {
    /// An entity as the API shows it.
    public struct Entity: Sendable, Codable, Hashable {
        public var id: String
        public var name: String
        public var type: String
        public var aliases: [String]
    }

    /// One relation with everything that supports it.
    public struct Edge: Sendable, Codable, Hashable {
        public var subject: String
        public var type: String
        /// An entity id, or a literal prefixed "value:" (see `ExtractedRelation`).
        public var object: String
        public var attribute: String?
        public var confidence: Double
        public var method: String
        /// Chunk ids the relation was read from ("lexicon" for editor-declared relations).
        public var sources: [String]
    }

    public internal(set) var entities: [String: Entity] = [:]
    public internal(set) var edges: [Edge] = []
    var outgoing: [String: [Int]] = [:]
    var incoming: [String: [Int]] = [:]

    public init() {}

    /// Builds the graph: lexicon entities and relations, then per chunk the structural and
    /// pattern relations (the document's subject is the first entity named in its title), then
    /// sentence co-occurrence (normalized PMI) for pairs no typed relation links.
    public static func build(lexicon: [LexiconEntity], chunks: [Chunk], matcher: EntityMatcher) -> KnowledgeGraph {
        assemble(entities: lexicon, documents: [GraphFactExtractor(entities: lexicon, matcher: matcher).facts(of: chunks)])
    }

    /// Folds extracted relations into edges: the same (subject, type, object, attribute) read from
    /// several chunks is one edge with several sources and the highest confidence.
    mutating func merge(_ relations: [ExtractedRelation]) {
        var index: [String: Int] = [:]
        for r in relations where entities[r.subject] != nil && (r.literalValue != nil || entities[r.object] != nil) {
            let key = "\(r.subject)\u{1}\(r.type)\u{1}\(r.object)\u{1}\(r.attribute ?? "")"
            if let i = index[key] {
                if !edges[i].sources.contains(r.chunkID) { edges[i].sources.append(r.chunkID) }
                edges[i].confidence = max(edges[i].confidence, r.confidence)
                continue
            }
            index[key] = edges.count
            outgoing[r.subject, default: []].append(edges.count)
            if r.literalValue == nil { incoming[r.object, default: []].append(edges.count) }
            edges.append(Edge(subject: r.subject, type: r.type, object: r.object, attribute: r.attribute,
                              confidence: r.confidence, method: r.method, sources: [r.chunkID]))
        }
    }
}
