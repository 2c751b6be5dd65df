import KnowledgeModel
import Retrieval

/// `POST /v1/search` body, and what `switchboard search` builds from its flags.
public struct SearchRequest: Codable, Sendable {
    public var query: String
    public var limit: Int?
    /// `bm25` (lexical only). Later modes: `vector`, `hybrid`.
    public var mode: String?
    public var filters: SearchFilters?
    public var explain: Bool?
    /// A conversation id: entities named in its earlier questions are carried into this one.
    public var sessionID: String?

    public init(query: String, limit: Int? = nil, mode: String? = nil, filters: SearchFilters? = nil, explain: Bool? = nil,
                sessionID: String? = nil) {
        self.query = query
        self.limit = limit
        self.mode = mode
        self.filters = filters
        self.explain = explain
        self.sessionID = sessionID
    }

    enum CodingKeys: String, CodingKey {
        case query, limit, mode, filters, explain, sessionID = "session_id"
    }
}

/// Restrictions on which chunks a search may return.
public struct SearchFilters: Codable, Sendable {
    public var tags: [String]?
    public var documentIDs: [String]?
    /// `passage` or `faq`.
    public var kinds: [String]?

    public init(tags: [String]? = nil, documentIDs: [String]? = nil, kinds: [String]? = nil) {
        self.tags = tags
        self.documentIDs = documentIDs
        self.kinds = kinds
    }

    enum CodingKeys: String, CodingKey {
        case tags, documentIDs = "document_ids", kinds
    }
}

/// `POST /v1/search` response; `switchboard search --json` prints the same.
public struct SearchResponse: Codable, Sendable {
    public var query: String
    public var mode: String
    public var tookMs: Double
    public var hits: [SearchHit]
    /// The entities the question was linked to (named, or carried from the session).
    public var entities: [LinkedEntityView]?
    /// For an attribute question ("What is the range of the E7?"): the value read from the graph's facts.
    public var fact: FactAnswer?
    public var sessionID: String?
    /// The question searched for when `query` only named another entity than the session's
    /// previous question ("What about the L3?" → "What is the range of the L3?"); nil otherwise.
    public var resolvedQuery: String? = nil
    /// The query with the words the knowledge does not know mended ("warrenty" → "warranty"), when
    /// any was; what was searched. Nil otherwise.
    public var correctedQuery: String? = nil

    enum CodingKeys: String, CodingKey {
        case query, mode, tookMs = "took_ms", hits, entities, fact, sessionID = "session_id", resolvedQuery = "resolved_query"
        case correctedQuery = "corrected_query"
    }
}

/// An attribute question answered from a graph fact, with the chunks the fact was read from.
public struct FactAnswer: Codable, Sendable {
    public var entityID: String
    public var entityName: String
    /// The fact's attribute as the knowledge names it, e.g. "range" or "price, pro rwd".
    public var attribute: String
    public var value: String
    public var confidence: Double
    public var sources: [GraphRelation.Source]
    /// How answers and cards show the key: when it names an entity (a row of a table keyed by
    /// entities: "l3" in a tyre-pressure table), that entity's name ("L3"); otherwise the key as
    /// its source writes it ("Price, Max RWD" for "price, max rwd"); nil when that is the key.
    public var attributeLabel: String? = nil

    /// "Tyres — L3": what a fact answer and a knowledge card are headed with.
    public var heading: String { "\(entityName) — \(attributeLabel ?? attribute)" }

    enum CodingKeys: String, CodingKey {
        case entityID = "entity_id", entityName = "entity_name", attribute, value, confidence, sources
        case attributeLabel = "attribute_label"
    }
}

/// An entity a question was linked to.
public struct LinkedEntityView: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var type: String
    /// True when the question did not name it and it was carried from the session.
    public var carried: Bool

    public init(id: String, name: String, type: String, carried: Bool) {
        self.id = id; self.name = name; self.type = type; self.carried = carried
    }
}

/// The entities of one question.
struct LinkedEntities {
    var named: Set<String>
    var carried: Set<String>
    var all: Set<String> { named.union(carried) }

    func views(in s: KnowledgeSnapshot) -> [LinkedEntityView] {
        all.sorted().compactMap { id in
            s.graph.entities[id].map { LinkedEntityView(id: id, name: $0.name, type: $0.type, carried: !named.contains(id)) }
        }
    }
}

/// One hit: where it comes from (document, chunk, section), its text and its score.
public struct SearchHit: Codable, Sendable {
    public var rank: Int
    public var score: Double
    public var documentID: String
    public var documentName: String?
    public var chunkID: String
    public var kind: String
    public var title: String
    public var section: String
    public var sectionPath: [String]
    public var text: String
    public var faqID: String?
    public var question: String?
    public var tags: [String]
    public var explanation: ScoreExplanation?

    enum CodingKeys: String, CodingKey {
        case rank, score, documentID = "document_id", documentName = "document_name", chunkID = "chunk_id", kind
        case title, section, sectionPath = "section_path", text, faqID = "faq_id", question, tags, explanation
    }

    init(rank: Int, score: Double, chunk: Chunk, documentName: String?, explanation: ScoreExplanation?) {
        self.rank = rank
        self.score = score
        self.documentID = chunk.documentID
        self.documentName = documentName
        self.chunkID = chunk.id
        self.kind = chunk.kind.rawValue
        self.title = chunk.title
        self.section = chunk.section
        self.sectionPath = chunk.sectionPath
        self.text = chunk.text
        self.faqID = chunk.faqID
        self.question = chunk.question
        self.tags = chunk.tags
        self.explanation = explanation
    }
}
