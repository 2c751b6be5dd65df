import Foundation
import GRDB
import KnowledgeModel

/// One relation as stored, with the chunk that supports it (a relation read from several chunks
/// is several of these with the same subject, type, object and attribute).
public struct StoredRelation: Sendable, Hashable {
    public var documentID: String
    public var chunkID: String
    public var subject: String
    public var type: String
    public var object: String
    /// Empty when the relation has no attribute.
    public var attribute: String
    public var confidence: Double
    public var method: String

    public init(documentID: String, chunkID: String, subject: String, type: String, object: String,
                attribute: String, confidence: Double, method: String) {
        self.documentID = documentID; self.chunkID = chunkID; self.subject = subject; self.type = type
        self.object = object; self.attribute = attribute; self.confidence = confidence; self.method = method
    }
}

/// The entity set of one sentence of one chunk.
public struct StoredSentence: Sendable, Hashable {
    public var documentID: String
    public var chunkID: String
    public var entityIDs: [String]

    public init(documentID: String, chunkID: String, entityIDs: [String]) {
        self.documentID = documentID; self.chunkID = chunkID; self.entityIDs = entityIDs
    }
}

/// What one document contributes to the graph, as stored.
public struct StoredGraphFacts: Sendable {
    public var relations: [StoredRelation]
    public var sentences: [StoredSentence]

    public init(relations: [StoredRelation] = [], sentences: [StoredSentence] = []) {
        self.relations = relations; self.sentences = sentences
    }
}

/// An entity of the graph as stored: the lexicon after editors' changes.
public struct StoredEntity: Sendable, Hashable {
    public var id: String
    public var name: String
    public var type: String
    public var aliases: [String]
    /// `lexicon`, `edit` or `term`.
    public var origin: String

    public init(id: String, name: String, type: String, aliases: [String], origin: String) {
        self.id = id; self.name = name; self.type = type; self.aliases = aliases; self.origin = origin
    }
}

/// One editor's change to the graph, as the audit log keeps it.
public struct StoredGraphEdit: Sendable, Hashable {
    /// Order of the edit (ascending; replayed in this order).
    public var seq: Int64
    /// Seconds since 1970.
    public var at: Double
    public var actor: String
    public var op: String
    /// The edit as JSON.
    public var json: String

    public init(seq: Int64, at: Double, actor: String, op: String, json: String) {
        self.seq = seq; self.at = at; self.actor = actor; self.op = op; self.json = json
    }
}

extension Store {
    /// The meta key holding the fingerprint of the entity set the stored facts were read with.
    static let graphFingerprintKey = "graph_entities_fingerprint"

    /// The fingerprint of the entity set the stored graph facts were extracted with, or nil
    /// when the graph has never been built (facts then have to be extracted from every chunk).
    public func graphFingerprint() throws(StorageError) -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [Self.graphFingerprintKey]) }
    }

    /// Replaces the whole graph in one transaction: the entities, and the facts of every
    /// document (keyed by document id), stamped with `fingerprint`.
    public func replaceGraph(entities: [StoredEntity], facts: [String: StoredGraphFacts], fingerprint: String) throws(StorageError) {
        try write { db in
            try db.execute(sql: "DELETE FROM graph_provenance; DELETE FROM graph_relations; DELETE FROM graph_sentences; DELETE FROM graph_aliases; DELETE FROM graph_entities")
            let entity = try db.makeStatement(sql: "INSERT INTO graph_entities (id, name, type, origin) VALUES (?, ?, ?, ?)")
            let alias = try db.makeStatement(sql: "INSERT OR IGNORE INTO graph_aliases (entity_id, alias) VALUES (?, ?)")
            for e in entities {
                try entity.execute(arguments: [e.id, e.name, e.type, e.origin])
                for a in e.aliases { try alias.execute(arguments: [e.id, a]) }
            }
            let known = Set(try String.fetchAll(db, sql: "SELECT id FROM documents"))
            for documentID in facts.keys.sorted() where known.contains(documentID) {
                try Self.insertFacts(db, facts[documentID] ?? StoredGraphFacts())
            }
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [Self.graphFingerprintKey, fingerprint])
        }
    }

    /// Inserts one document's facts (called inside the transaction that stores the document).
    static func insertFacts(_ db: Database, _ facts: StoredGraphFacts) throws {
        let relation = try db.makeStatement(sql: """
            INSERT INTO graph_relations (subject, type, object, attribute, method) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(subject, type, object, attribute) DO UPDATE SET method = method
            RETURNING id
            """)
        let provenance = try db.makeStatement(sql: """
            INSERT INTO graph_provenance (relation_id, document_id, chunk_id, confidence, ordinal) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(relation_id, chunk_id) DO UPDATE SET confidence = max(confidence, excluded.confidence)
            """)
        for (i, r) in facts.relations.enumerated() {
            guard let id = try Int64.fetchOne(relation, arguments: [r.subject, r.type, r.object, r.attribute, r.method]) else { continue }
            try provenance.execute(arguments: [id, r.documentID, r.chunkID, r.confidence, i])
        }
        let sentence = try db.makeStatement(sql: "INSERT INTO graph_sentences (document_id, chunk_id, ordinal, entities) VALUES (?, ?, ?, ?)")
        for (i, s) in facts.sentences.enumerated() {
            try sentence.execute(arguments: [s.documentID, s.chunkID, i, s.entityIDs.joined(separator: "\n")])
        }
    }

    /// Drops relations that no chunk supports any more (after a document was replaced or deleted).
    static func dropUnsupportedRelations(_ db: Database) throws {
        try db.execute(sql: """
            DELETE FROM graph_relations WHERE NOT EXISTS
                (SELECT 1 FROM graph_provenance p WHERE p.relation_id = graph_relations.id)
            """)
    }

    /// The stored entities, by id.
    public func graphEntities() throws(StorageError) -> [StoredEntity] {
        try read { db in
            var aliases: [String: [String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT entity_id, alias FROM graph_aliases ORDER BY entity_id, rowid") {
                aliases[row["entity_id"], default: []].append(row["alias"])
            }
            return try Row.fetchAll(db, sql: "SELECT id, name, type, origin FROM graph_entities ORDER BY id").map { row in
                let id: String = row["id"]
                return StoredEntity(id: id, name: row["name"], type: row["type"], aliases: aliases[id] ?? [], origin: row["origin"])
            }
        }
    }

    /// Every document's stored facts, keyed by document id (relations in extraction order).
    public func graphFacts() throws(StorageError) -> [String: StoredGraphFacts] {
        try read { db in
            var out: [String: StoredGraphFacts] = [:]
            let relations = try Row.fetchAll(db, sql: """
                SELECT p.document_id, p.chunk_id, p.confidence, r.subject, r.type, r.object, r.attribute, r.method
                FROM graph_provenance p JOIN graph_relations r ON r.id = p.relation_id
                ORDER BY p.document_id, p.ordinal
                """)
            for row in relations {
                let r = StoredRelation(documentID: row["document_id"], chunkID: row["chunk_id"], subject: row["subject"],
                                       type: row["type"], object: row["object"], attribute: row["attribute"],
                                       confidence: row["confidence"], method: row["method"])
                out[r.documentID, default: StoredGraphFacts()].relations.append(r)
            }
            for row in try Row.fetchAll(db, sql: "SELECT document_id, chunk_id, entities FROM graph_sentences ORDER BY document_id, ordinal") {
                let ids = (row["entities"] as String).split(separator: "\n").map(String.init)
                let s = StoredSentence(documentID: row["document_id"], chunkID: row["chunk_id"], entityIDs: ids)
                out[s.documentID, default: StoredGraphFacts()].sentences.append(s)
            }
            return out
        }
    }

    /// Counts of stored relations by type and of entities by type.
    public func graphCounts() throws(StorageError) -> (entities: [String: Int], relations: [String: Int]) {
        try read { db in
            var entities: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT type, count(*) AS n FROM graph_entities GROUP BY type") { entities[row["type"]] = row["n"] }
            var relations: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT type, count(*) AS n FROM graph_relations GROUP BY type") { relations[row["type"]] = row["n"] }
            return (entities, relations)
        }
    }

    /// Appends an edit to the audit log and returns it with its sequence number.
    @discardableResult
    public func appendGraphEdit(actor: String, op: String, json: String, at: Double = Date().timeIntervalSince1970) throws(StorageError) -> StoredGraphEdit {
        try write { db in
            try db.execute(sql: "INSERT INTO graph_edits (at, actor, op, edit) VALUES (?, ?, ?, ?)", arguments: [at, actor, op, json])
            return StoredGraphEdit(seq: db.lastInsertedRowID, at: at, actor: actor, op: op, json: json)
        }
    }

    /// The audit log of graph edits, oldest first.
    public func graphEdits() throws(StorageError) -> [StoredGraphEdit] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT seq, at, actor, op, edit FROM graph_edits ORDER BY seq").map {
                StoredGraphEdit(seq: $0["seq"], at: $0["at"], actor: $0["actor"], op: $0["op"], json: $0["edit"])
            }
        }
    }
}
