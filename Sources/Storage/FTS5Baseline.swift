import Foundation
import GRDB

/// SQLite FTS5 with its built-in bm25(), fed the same pre-analyzed terms as our index: the
/// peer that `switchboard bench search` measures against (FTS5 cannot segment Chinese itself).
public final class FTS5Baseline {
    let queue: DatabaseQueue

    /// An in-memory FTS5 table.
    public init() throws {
        queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE f USING fts5(chunk_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 0')")
        }
    }

    /// Adds documents as (id, space-separated terms).
    public func add(_ docs: [(String, String)]) throws {
        try queue.write { db in
            let stmt = try db.makeStatement(sql: "INSERT INTO f (chunk_id, body) VALUES (?, ?)")
            for (id, text) in docs { try stmt.execute(arguments: [id, text]) }
        }
    }

    /// The ids of the best `limit` documents for the terms (OR query, ranked by bm25()).
    public func search(terms: [String], limit: Int) throws -> [String] {
        let unique = Array(Set(terms)).map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        guard !unique.isEmpty else { return [] }
        let match = unique.joined(separator: " OR ")
        return try queue.read { db in
            try String.fetchAll(db, sql: "SELECT chunk_id FROM f WHERE f MATCH ? ORDER BY bm25(f) LIMIT ?", arguments: [match, limit])
        }
    }
}
