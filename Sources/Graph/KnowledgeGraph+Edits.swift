/// A graph after the relation edits of a log, and the edits that did not apply.
public struct RelationEditOutcome: Sendable {
    /// The edited graph.
    public var graph: KnowledgeGraph
    /// Relation edits that did not apply, with the reason.
    public var skipped: [SkippedGraphEdit]
}

extension KnowledgeGraph {
    /// The method and the source of relations editors created.
    public static let editMethod = "edit"

    /// A graph from finished entities and edges (document import, edits). Edges whose subject or
    /// entity object is not among `entities` are dropped; the adjacency indexes are rebuilt.
    init(entities: [String: Entity], edges: [Edge]) {
        self.init()
        self.entities = entities
        self.edges = edges.filter { entities[$0.subject] != nil && ($0.literalValue != nil || entities[$0.object] != nil) }
        reindex()
    }

    /// Rebuilds `outgoing` and `incoming` from `edges`.
    mutating func reindex() {
        outgoing = [:]
        incoming = [:]
        for (i, e) in edges.enumerated() {
            outgoing[e.subject, default: []].append(i)
            if e.literalValue == nil { incoming[e.object, default: []].append(i) }
        }
    }

    /// The graph with the relation edits of a log applied in order (entity-level ops are ignored:
    /// apply them to the lexicon first with ``GraphEdits/applyToEntities(_:lexicon:)`` and build
    /// the graph from the result). Edits that do not apply are dropped silently; use
    /// ``applyingRelationEdits(_:redirects:)`` to see them.
    public func applying(relationEdits edits: [GraphEdit], redirects: [String: String] = [:]) -> KnowledgeGraph {
        applyingRelationEdits(edits, redirects: redirects).graph
    }

    /// Applies `create_relation` and `delete_relation` edits in order.
    ///
    /// - `create_relation` adds `subject —type→ object` (or the literal `value`) with method
    ///   `"edit"`, confidence 1 and source `"edit"`; when extraction found the same relation
    ///   (same subject, type, object and attribute), that edge is confirmed instead: confidence 1,
    ///   method `"edit"`, `"edit"` added to its chunk sources.
    /// - `delete_relation` removes the edges with that subject, type and object or value, and
    ///   that attribute when one is given (any attribute when not).
    ///
    /// Attributes are normalized like the extractor's (``RelationExtractor/normalizeKey(_:)``).
    /// Entity ids are first mapped through `redirects` (merged-away → kept, see
    /// ``EntityEditOutcome/redirects``). Edits naming unknown entities, and deletes that match
    /// nothing, are skipped with the reason. Edges touching entities that no longer exist are dropped.
    public func applyingRelationEdits(_ edits: [GraphEdit], redirects: [String: String] = [:]) -> RelationEditOutcome {
        var edges = self.edges
        var skipped: [SkippedGraphEdit] = []
        for (index, edit) in edits.enumerated() where edit.op.isRelationOp {
            do throws(GraphEditError) {
                try edit.validate()
                let target = try resolve(edit, redirects: redirects)
                if edit.op == .createRelation {
                    create(target, in: &edges)
                } else {
                    let before = edges.count
                    edges.removeAll { target.matches($0) }
                    if edges.count == before {
                        throw GraphEditError(.unknownRelation, "no relation \(target.subject) —\(target.type)→ \(target.object) to delete")
                    }
                }
            } catch {
                skipped.append(SkippedGraphEdit(index: index, reason: error))
            }
        }
        return RelationEditOutcome(graph: KnowledgeGraph(entities: entities, edges: edges), skipped: skipped)
    }

    /// The relation an edit names, with ids redirected and the attribute normalized.
    private func resolve(_ edit: GraphEdit, redirects: [String: String]) throws(GraphEditError) -> RelationKey {
        func entity(_ raw: String) throws(GraphEditError) -> String {
            let id = redirects[raw] ?? raw
            guard entities[id] != nil else { throw GraphEditError(.unknownEntity, "no entity with id \"\(raw)\"") }
            return id
        }
        let subject = try entity(edit.subject ?? "")
        let object: String
        if let o = edit.object { object = try entity(o) } else { object = ExtractedRelation.valuePrefix + (edit.value ?? "") }
        let attribute = edit.attribute.map(RelationExtractor.normalizeKey).flatMap { $0.isEmpty ? nil : $0 }
        return RelationKey(subject: subject, type: GraphEdits.trimmed(edit.type), object: object, attribute: attribute)
    }

    private func create(_ key: RelationKey, in edges: inout [Edge]) {
        if let i = edges.firstIndex(where: { key.matches($0) && $0.attribute == key.attribute }) {
            edges[i].confidence = 1
            edges[i].method = Self.editMethod
            if !edges[i].sources.contains(Self.editMethod) { edges[i].sources.append(Self.editMethod) }
        } else {
            edges.append(Edge(subject: key.subject, type: key.type, object: key.object, attribute: key.attribute,
                              confidence: 1, method: Self.editMethod, sources: [Self.editMethod]))
        }
    }
}

/// The (subject, type, object, attribute) an edit names; a nil attribute matches any.
private struct RelationKey {
    var subject: String
    var type: String
    var object: String
    var attribute: String?

    func matches(_ e: KnowledgeGraph.Edge) -> Bool {
        e.subject == subject && e.type == type && e.object == object && (attribute == nil || e.attribute == attribute)
    }
}
