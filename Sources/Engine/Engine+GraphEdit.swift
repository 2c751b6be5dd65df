import Foundation
import Graph
import Ingestion
import KnowledgeModel
import Storage

/// One entry of the graph's edit log as the API shows it.
public struct GraphEditView: Codable, Sendable {
    public var seq: Int64
    /// ISO 8601 time of the edit.
    public var at: String
    public var actor: String
    public var edit: GraphEdit
    /// Why the edit no longer applies (an entity it names is gone), or nil when it applies.
    public var skipped: String?
}

/// A candidate domain term found in the knowledge, for an editor to accept or reject.
public struct TermCandidateView: Codable, Sendable {
    public var term: String
    public var language: String
    public var frequency: Int
    public var score: Double
    public var examples: [String]
}

/// `GET /v1/graph/subgraph`: entities around a set of entities and the relations among them.
public struct GraphSubgraphView: Codable, Sendable {
    public var entities: [KnowledgeGraph.Entity]
    public var relations: [GraphRelation]
}

/// The export formats of `exportGraph(format:)`.
public enum GraphExportFormat: String, CaseIterable, Sendable {
    case json, graphml
    /// The node file of a Neo4j admin import.
    case neo4jNodes = "neo4j_nodes"
    /// The relationship file of a Neo4j admin import.
    case neo4jRelationships = "neo4j_relationships"

    public var contentType: String {
        switch self {
        case .json: return "application/json"
        case .graphml: return "application/xml"
        case .neo4jNodes, .neo4jRelationships: return "text/csv; charset=utf-8"
        }
    }
}

extension Engine {
    /// Applies an editor's change to the graph and records it (who, when, what) in the edit log,
    /// which is replayed over every rebuild so that edits outlive re-imports.
    /// - Throws: `bad_request` for a malformed edit, `entity_not_found` (404) when it names an
    ///   entity that does not exist, `conflict` when the entity to create exists.
    public func editGraph(_ edit: GraphEdit, actor: String) throws(EngineError) -> GraphEditView {
        let actor = actor.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !actor.isEmpty, actor.count <= 200 else { throw EngineError.badRequest("invalid_actor", "an edit needs who made it (1-200 characters)") }
        return try writeLock.withLock { _ throws(EngineError) -> GraphEditView in
            let s = try snapshot()
            do throws(GraphEditError) {
                try edit.validate(knownEntityIDs: Set(s.graph.entities.keys))
                if edit.op == .deleteRelation, s.graph.applyingRelationEdits([edit]).skipped.first != nil {
                    throw GraphEditError(.unknownRelation, "no relation \(edit.subject ?? "") —\(edit.type ?? "")→ \(edit.object ?? edit.value ?? "") to delete")
                }
            } catch {
                switch error.code {
                case .unknownEntity, .unknownRelation: throw EngineError.notFound(error.code.rawValue, error.message)
                case .duplicateEntity: throw EngineError(.conflict, code: error.code.rawValue, error.message)
                default: throw EngineError.badRequest(error.code.rawValue, error.message)
                }
            }
            let json: String
            do { json = String(decoding: try JSONEncoder().encode(edit), as: UTF8.self) } catch {
                throw EngineError(.internal, code: "internal", "cannot encode the edit: \(error)")
            }
            let stored: StoredGraphEdit
            do throws(StorageError) { stored = try store.appendGraphEdit(actor: actor, op: edit.op.rawValue, json: json) } catch { throw Engine.storageError(error) }
            if edit.op.isRelationOp {
                updateSnapshot { s in
                    s.graphInput.edits.append((stored.seq, edit))
                    s.assembleGraph()
                    return true
                }
            } else {
                // The entity set changed: the analyzer, the linker and every document's facts follow.
                state.withLock { $0 = nil }
            }
            return Self.view(stored, edit: edit, skipped: nil)
        }
    }

    /// The edit log, newest first.
    public func graphEditLog(limit: Int = 100) throws(EngineError) -> [GraphEditView] {
        guard (1...1000).contains(limit) else { throw EngineError.badRequest("invalid_limit", "limit must be between 1 and 1000") }
        let skipped = try snapshot().graphInput.skipped
        do {
            return try store.graphEdits().reversed().prefix(limit).compactMap { e in
                (try? JSONDecoder().decode(GraphEdit.self, from: Data(e.json.utf8))).map { Self.view(e, edit: $0, skipped: skipped[e.seq]) }
            }
        } catch {
            throw Engine.storageError(error)
        }
    }

    static func view(_ e: StoredGraphEdit, edit: GraphEdit, skipped: String?) -> GraphEditView {
        GraphEditView(seq: e.seq, at: ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: e.at)),
                      actor: e.actor, edit: edit, skipped: skipped)
    }

    /// Candidate domain terms found in the chunks that are neither entities yet nor rejected.
    public func graphCandidates(limit: Int = 50) throws(EngineError) -> [TermCandidateView] {
        guard (1...500).contains(limit) else { throw EngineError.badRequest("invalid_limit", "limit must be between 1 and 500") }
        let s = try snapshot()
        var options = TermDiscovery.Options()
        options.limit = limit + s.graphInput.rejectedTerms.count
        let found = TermDiscovery(lexicon: s.graphInput.entities, options: options).discover(in: s.chunks.values.sorted { $0.id < $1.id }.map(\.text))
        return found.filter { !s.graphInput.rejectedTerms.contains(GraphEdits.normalizedTerm($0.term)) }.prefix(limit).map {
            TermCandidateView(term: $0.term, language: $0.language.rawValue, frequency: $0.frequency, score: $0.score, examples: $0.examples)
        }
    }

    /// Pairs of same-type entities that look like one thing (character n-gram similarity of
    /// their names and aliases, blended with the encoder's cosine when one is trained), each with
    /// the reason; an editor applies one with a `merge_entities` edit.
    public func graphMergeProposals(limit: Int = 50) throws(EngineError) -> [MergeProposal] {
        guard (1...500).contains(limit) else { throw EngineError.badRequest("invalid_limit", "limit must be between 1 and 500") }
        let s = try snapshot()
        let encoder = s.semantic?.encoder
        let resolver = EntityResolution(embeddingSimilarity: encoder.map { e in
            { @Sendable a, b in Double(zip(e.encode(a), e.encode(b)).reduce(Float(0)) { $0 + $1.0 * $1.1 }) }
        })
        return Array(resolver.proposals(s.graphInput.entities).prefix(limit))
    }

    /// The entities within `hops` of any of `ids`, and the relations among them.
    public func graphSubgraph(_ ids: [String], hops: Int) throws(EngineError) -> GraphSubgraphView {
        guard !ids.isEmpty, ids.count <= 100 else { throw EngineError.badRequest("invalid_ids", "give 1 to 100 entity ids") }
        guard (0...3).contains(hops) else { throw EngineError.badRequest("invalid_hops", "hops must be between 0 and 3") }
        let s = try snapshot()
        for id in ids where s.graph.entities[id] == nil { throw EngineError.notFound("entity_not_found", "no entity with id '\(id)'") }
        let sub = s.graph.subgraph(around: Set(ids), hops: hops)
        return GraphSubgraphView(entities: sub.entities, relations: sub.edges.map { view($0, in: s) })
    }

    /// The facts (`has_spec` values) of an entity, optionally for one attribute ("price" matches
    /// "price" and "price, long range").
    public func graphFacts(entity: String, attribute: String?) throws(EngineError) -> [GraphRelation] {
        let s = try snapshot()
        guard s.graph.entities[entity] != nil else { throw EngineError.notFound("entity_not_found", "no entity with id '\(entity)'") }
        return s.graph.facts(of: entity, matching: attribute).map { view($0, in: s) }
    }

    /// The whole graph in one format (Neo4j's import needs both of its files).
    public func exportGraph(format: String) throws(EngineError) -> (contentType: String, data: Data) {
        guard let f = GraphExportFormat(rawValue: format) else {
            throw EngineError.badRequest("invalid_format", "format must be one of \(GraphExportFormat.allCases.map(\.rawValue).joined(separator: ", ")); got '\(format)'")
        }
        let document = try snapshot().graph.exportDocument()
        switch f {
        case .json:
            do { return (f.contentType, try GraphJSON.encode(document)) } catch {
                throw EngineError(.internal, code: "internal", "cannot encode the graph: \(error)")
            }
        case .graphml: return (f.contentType, Data(GraphML.write(document).utf8))
        case .neo4jNodes: return (f.contentType, Data(Neo4jCSV.write(document).nodes.utf8))
        case .neo4jRelationships: return (f.contentType, Data(Neo4jCSV.write(document).relationships.utf8))
        }
    }

    /// Imports a graph export as a document of its own (`name`): its entities join the entity set
    /// like lexicon entities, its relations keep their type, confidence, method and sources.
    /// Importing the same name again replaces it; deleting the document removes what it brought.
    /// - Parameters:
    ///   - format: `json`, `graphml` or `neo4j` (then `data` is the node file and `relationships` the relationship file).
    public func importGraph(name: String, format: String, data: Data, relationships: Data? = nil) throws(EngineError) -> FileImportResult {
        let document: GraphDocument
        do {
            switch format {
            case "json": document = try GraphJSON.decode(data)
            case "graphml": document = try GraphML.read(String(decoding: data, as: UTF8.self))
            case "neo4j":
                guard let relationships else { throw EngineError.badRequest("missing_relationships", "a Neo4j import needs the relationships file too") }
                document = try Neo4jCSV.read(Neo4jCSV.Files(nodes: String(decoding: data, as: UTF8.self),
                                                             relationships: String(decoding: relationships, as: UTF8.self)))
            default:
                throw EngineError.badRequest("invalid_format", "format must be json, graphml or neo4j; got '\(format)'")
            }
            try document.validate()
        } catch let e as EngineError {
            throw e
        } catch {
            throw EngineError.badRequest("invalid_graph", "\(error)")
        }
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw EngineError.badRequest("missing_name", "a graph import needs a name") }
        let fingerprint = SHA256.hex(data + (relationships ?? Data()))
        let doc = Document(id: DocumentID.make(name: name), name: name, title: name, format: .graph, fingerprint: fingerprint,
                           byteCount: data.count + (relationships?.count ?? 0), importedAt: Date().timeIntervalSince1970)
        var parsed = ParsedFile(document: doc)
        parsed.lexiconEntities = document.entities.map { LexiconEntity(id: $0.id, name: $0.name, type: $0.type, aliases: $0.aliases) }
        parsed.declaredRelations = document.relations.map {
            DeclaredRelation(subject: $0.subject, type: $0.type, object: $0.object, value: $0.value, attribute: $0.attribute,
                             confidence: $0.confidence, method: $0.method, sources: $0.sources)
        }
        return try storeParsed(parsed)
    }
}
