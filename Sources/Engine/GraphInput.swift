import Foundation
import Graph
import Ingestion
import KnowledgeModel
import Logging
import Storage
import TextAnalysis

/// What the graph is built from besides the chunks: the lexicon entities with the editors'
/// changes applied, and the relation edits replayed over the assembled graph.
///
/// The stored facts carry the fingerprint of the entity set they were read with; when the
/// entities change (a lexicon import, an entity edit) every document's facts are read again.
struct GraphInput: Sendable {
    /// Bump when extraction changes, so that stored facts are read again at the next start.
    static let extractorVersion = 1

    /// The entities, lexicon order, editors' changes applied.
    var entities: [LexiconEntity] = []
    /// Where each entity comes from: `lexicon`, `edit` or `term`.
    var origins: [String: String] = [:]
    /// Names and aliases of entities that are not lexicon records (the analyzer keeps them whole).
    var extraWords: [String] = []
    /// The edit log, oldest first (edits whose JSON no longer decodes are left out).
    var edits: [(seq: Int64, edit: GraphEdit)] = []
    /// Merged-away entity ids and the entity they now belong to.
    var redirects: [String: String] = [:]
    /// Candidate terms an editor rejected (normalized).
    var rejectedTerms: Set<String> = []
    /// Edits of the log that no longer apply, by sequence number, with the reason.
    var skipped: [Int64: String] = [:]
    /// Relations declared by imported graphs.
    var declared: [ExtractedRelation] = []
    /// The fingerprint of `entities` and the extractor version.
    var fingerprint = ""

    /// Reads the lexicon and the edit log and applies the edits to the entities.
    static func load(from store: Store) throws(StorageError) -> GraphInput {
        var input = GraphInput()
        input.entities = try store.records(kind: .entity, as: LexiconEntity.self)
        for e in input.entities { input.origins[e.id] = "lexicon" }
        input.edits = try store.graphEdits().compactMap { e in
            (try? JSONDecoder().decode(GraphEdit.self, from: Data(e.json.utf8))).map { (e.seq, $0) }
        }
        input.applyEntityEdits()
        for r in try store.records(kind: .graphRelation, as: DeclaredRelation.self) {
            let object = r.value.map { ExtractedRelation.valuePrefix + $0 } ?? r.object ?? ""
            for source in r.sources.isEmpty ? [""] : r.sources {
                input.declared.append(ExtractedRelation(subject: r.subject, type: r.type, object: object, attribute: r.attribute,
                                                        confidence: r.confidence, chunkID: source, method: r.method))
            }
        }
        input.fingerprint = fingerprint(of: input.entities)
        return input
    }

    /// A digest of the entities (ids, names, types, aliases, relations), the extractor version and
    /// the normalizer's (facts are read over normalized text).
    static func fingerprint(of entities: [LexiconEntity]) -> String {
        var text = "v\(extractorVersion) n\(Normalizer.version)\n"
        for e in entities.sorted(by: { $0.id < $1.id }) {
            text += "\(e.id)\t\(e.name)\t\(e.type)\t\(e.aliases.joined(separator: "|"))\t"
            text += e.relations.map { "\($0.type)>\($0.target)" }.joined(separator: "|") + "\n"
        }
        return SHA256.hex(Data(text.utf8))
    }

    /// Every document's facts: from the store when they were read with the same entities,
    /// otherwise read again from the chunks and stored (one transaction).
    static func facts(store: Store, chunks: [Chunk], input: GraphInput, extractor: GraphFactExtractor?,
                      logger: Logger) throws(EngineError) -> [String: DocumentGraphFacts] {
        do {
            if try store.graphFingerprint() == input.fingerprint {
                return try store.graphFacts().mapValues(DocumentGraphFacts.init(stored:))
            }
            let start = Date()
            var facts: [String: DocumentGraphFacts] = [:]
            if let extractor {
                for (documentID, docChunks) in Dictionary(grouping: chunks, by: \.documentID) {
                    facts[documentID] = extractor.facts(of: docChunks.sorted { $0.ordinal < $1.ordinal })
                }
            }
            let stored = input.entities.map {
                StoredEntity(id: $0.id, name: $0.name, type: $0.type, aliases: $0.aliases, origin: input.origins[$0.id] ?? "lexicon")
            }
            try store.replaceGraph(entities: stored, facts: Dictionary(uniqueKeysWithValues: facts.map { ($0.key, $0.value.stored(documentID: $0.key)) }), fingerprint: input.fingerprint)
            logger.info("knowledge graph rebuilt", metadata: ["entities": "\(input.entities.count)", "documents": "\(facts.count)",
                                                               "ms": "\(Int(Date().timeIntervalSince(start) * 1000))"])
            return facts
        } catch {
            throw Engine.storageError(error)
        }
    }

    /// Replays the entity edits of the log over the lexicon entities. The names and aliases of
    /// every entity an edit touched are kept whole by the analyzer.
    mutating func applyEntityEdits() {
        guard !edits.isEmpty else { return }
        let before = Dictionary(entities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let outcome = GraphEdits.applyToEntities(edits.map(\.edit), lexicon: entities)
        entities = outcome.entities
        redirects = outcome.redirects
        rejectedTerms = outcome.rejectedTerms
        for (id, origin) in outcome.origins { origins[id] = origin }
        for e in entities where before[e.id] != e { extraWords += [e.name] + e.aliases }
        for s in outcome.skipped where edits.indices.contains(s.index) { skipped[edits[s.index].seq] = s.reason.message }
    }

    /// Replays the relation edits of the log over an assembled graph.
    func applyRelationEdits(_ graph: KnowledgeGraph) -> KnowledgeGraph {
        edits.isEmpty ? graph : graph.applying(relationEdits: edits.map(\.edit), redirects: redirects)
    }
}

extension DocumentGraphFacts {
    init(stored: StoredGraphFacts) {
        self.init(
            relations: stored.relations.map {
                ExtractedRelation(subject: $0.subject, type: $0.type, object: $0.object,
                                  attribute: $0.attribute.isEmpty ? nil : $0.attribute,
                                  confidence: $0.confidence, chunkID: $0.chunkID, method: $0.method)
            },
            sentences: stored.sentences.map { SentenceEntities(chunkID: $0.chunkID, entityIDs: $0.entityIDs) })
    }

    /// The facts as stored rows of one document.
    func stored(documentID: String) -> StoredGraphFacts {
        StoredGraphFacts(
            relations: relations.map {
                StoredRelation(documentID: documentID, chunkID: $0.chunkID, subject: $0.subject, type: $0.type,
                               object: $0.object, attribute: $0.attribute ?? "", confidence: $0.confidence, method: $0.method)
            },
            sentences: sentences.map { StoredSentence(documentID: documentID, chunkID: $0.chunkID, entityIDs: $0.entityIDs) })
    }
}

/// The lexicon the analyzer uses: entity names and aliases (lexicon and editors'), and synonym terms.
enum LexiconLoader {
    static func lexicon(from store: Store) throws(StorageError) -> Lexicon {
        Lexicon(words: try store.lexiconWords() + GraphInput.load(from: store).extraWords)
    }
}
