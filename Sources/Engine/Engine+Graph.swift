import Foundation
import Graph
import KnowledgeModel

/// A relation as the API shows it, with the chunks and documents it was read from.
public struct GraphRelation: Codable, Sendable {
    public struct Source: Codable, Sendable {
        public var chunkID: String
        public var documentID: String?
        public var documentName: String?
        enum CodingKeys: String, CodingKey { case chunkID = "chunk_id", documentID = "document_id", documentName = "document_name" }
    }
    public var subject: String
    public var type: String
    public var object: String?
    public var value: String?
    public var attribute: String?
    public var confidence: Double
    public var method: String
    public var sources: [Source]
}

/// `GET /v1/graph/entities/{id}`: the entity, its aliases and its relations.
public struct GraphEntityDetail: Codable, Sendable {
    public var id: String
    public var name: String
    public var type: String
    public var aliases: [String]
    public var relations: [GraphRelation]
}

/// One neighbour with its distance in hops.
public struct GraphNeighbor: Codable, Sendable {
    public var entity: KnowledgeGraph.Entity
    public var distance: Int
}

extension Engine {
    /// Entities whose name or alias matches `query`.
    public func graphEntities(query: String, limit: Int = 20) throws(EngineError) -> [KnowledgeGraph.Entity] {
        guard !query.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw EngineError.badRequest("missing_query", "give the entity name or alias to look up in 'q'")
        }
        guard (1...200).contains(limit) else { throw EngineError.badRequest("invalid_limit", "limit must be between 1 and 200") }
        return try snapshot().graph.lookup(query, limit: limit)
    }

    /// One entity with its relations and their sources.
    public func graphEntity(_ id: String) throws(EngineError) -> GraphEntityDetail {
        let s = try snapshot()
        guard let e = s.graph.entities[id] else { throw EngineError.notFound("entity_not_found", "no entity with id '\(id)'") }
        return GraphEntityDetail(id: e.id, name: e.name, type: e.type, aliases: e.aliases,
                                 relations: s.graph.relations(of: id).map { view($0, in: s) })
    }

    /// Entities within `hops` of an entity.
    public func graphNeighbors(_ id: String, hops: Int) throws(EngineError) -> [GraphNeighbor] {
        guard (1...4).contains(hops) else { throw EngineError.badRequest("invalid_hops", "hops must be between 1 and 4") }
        let s = try snapshot()
        guard s.graph.entities[id] != nil else { throw EngineError.notFound("entity_not_found", "no entity with id '\(id)'") }
        return s.graph.neighbors(of: id, hops: hops).map { GraphNeighbor(entity: $0.entity, distance: $0.distance) }
    }

    /// The shortest chain of relations between two entities (empty when none within 4 hops).
    public func graphPath(from: String, to: String) throws(EngineError) -> [GraphRelation] {
        let s = try snapshot()
        for id in [from, to] where s.graph.entities[id] == nil {
            throw EngineError.notFound("entity_not_found", "no entity with id '\(id)'")
        }
        return (s.graph.path(from: from, to: to) ?? []).map { view($0, in: s) }
    }

    func source(chunkID id: String, in s: KnowledgeSnapshot) -> GraphRelation.Source {
        let doc = s.chunks[id]?.documentID
        return GraphRelation.Source(chunkID: id, documentID: doc, documentName: doc.flatMap { s.documentNames[$0] })
    }

    func view(_ e: KnowledgeGraph.Edge, in s: KnowledgeSnapshot) -> GraphRelation {
        let sources = e.sources.map { source(chunkID: $0, in: s) }
        return GraphRelation(subject: e.subject, type: e.type, object: e.literalValue == nil ? e.object : nil,
                             value: e.literalValue, attribute: e.attribute, confidence: e.confidence, method: e.method,
                             sources: sources)
    }
}

/// Entity and relation counts by type, with build timings.
public struct GraphStats: Codable, Sendable {
    public var entities: [String: Int]
    public var relations: [String: Int]
    /// Reading every chunk's facts again and assembling the graph, in milliseconds.
    public var fullBuildMs: Double
    /// Assembling the graph from the stored facts (what a delete costs), in milliseconds.
    public var assembleMs: Double
    /// What an import of one changed document costs the graph: reading the facts of the
    /// document with the most chunks, then assembling, in milliseconds.
    public var oneDocumentMs: Double

    enum CodingKeys: String, CodingKey {
        case entities, relations, fullBuildMs = "full_build_ms", assembleMs = "assemble_ms", oneDocumentMs = "one_document_ms"
    }
}

extension Engine {
    /// Counts by type, and the time a full build and an assembly take now (measured, not cached).
    public func graphStats() throws(EngineError) -> GraphStats {
        var s = try snapshot()
        var entities: [String: Int] = [:]
        for e in s.graph.entities.values { entities[e.type, default: 0] += 1 }
        var relations: [String: Int] = [:]
        for e in s.graph.edges { relations[e.type, default: 0] += 1 }
        let t0 = DispatchTime.now().uptimeNanoseconds
        if let extractor = s.factExtractor {
            for (id, chunks) in Dictionary(grouping: s.chunks.values, by: \.documentID) {
                s.graphFacts[id] = extractor.facts(of: chunks.sorted { $0.ordinal < $1.ordinal })
            }
        }
        s.assembleGraph()
        let t1 = DispatchTime.now().uptimeNanoseconds
        s.assembleGraph()
        let t2 = DispatchTime.now().uptimeNanoseconds
        let byDocument = Dictionary(grouping: s.chunks.values, by: \.documentID)
        if let extractor = s.factExtractor, let (id, chunks) = byDocument.max(by: { $0.value.count < $1.value.count }) {
            s.graphFacts[id] = extractor.facts(of: chunks.sorted { $0.ordinal < $1.ordinal })
            s.assembleGraph()
        }
        let t3 = DispatchTime.now().uptimeNanoseconds
        return GraphStats(entities: entities, relations: relations, fullBuildMs: Double(t1 - t0) / 1e6, assembleMs: Double(t2 - t1) / 1e6,
                          oneDocumentMs: Double(t3 - t2) / 1e6)
    }
}
