import GRDB
import KnowledgeModel

/// Counts of what the knowledge base holds, with plain names.
public struct StoreCounts: Codable, Sendable, Equatable {
    public var documents = 0
    public var chunks = 0
    public var faqs = 0
    public var intentExamples = 0
    public var intents = 0
    /// Counts of typed records by kind (replies, entities, campaigns, qa_rules, ...).
    public var records: [String: Int] = [:]
}

extension Store {
    /// How many documents, chunks, FAQs, intent examples and records are stored.
    public func counts() throws(StorageError) -> StoreCounts {
        try read { db in
            var c = StoreCounts()
            c.documents = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM documents") ?? 0
            c.chunks = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM chunks") ?? 0
            c.faqs = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM faqs") ?? 0
            c.intentExamples = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM intent_examples") ?? 0
            c.intents = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT label) FROM intent_examples WHERE label != 'oos'") ?? 0
            for row in try Row.fetchAll(db, sql: "SELECT kind, COUNT(*) AS n FROM records GROUP BY kind") {
                c.records[row["kind"]] = row["n"]
            }
            return c
        }
    }

    /// A value from the meta table (model versions, fingerprints).
    public func meta(_ key: String) throws(StorageError) -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    /// Sets a value in the meta table.
    public func setMeta(_ key: String, _ value: String) throws(StorageError) {
        try write { db in
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [key, value])
        }
    }
}

extension Store {
    /// A counter that every change of the knowledge (import, replace, delete) increments in the
    /// same transaction: derived files (vector indexes) record it to know whether they are current.
    /// Cached in memory between writes (see `GenerationCache`).
    public func generation() throws(StorageError) -> Int {
        try generationCache.value { () throws(StorageError) -> Int in
            try read { db in Int(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'generation'") ?? "0") ?? 0 }
        }
    }

    func bumpGeneration(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO meta (key, value) VALUES ('generation', '1')
            ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)
            """)
    }
}
