import Foundation
import GRDB

extension Store {
    /// Copies the database to a new file at `path` with SQLite's online backup: a consistent
    /// snapshot of one moment, taken while readers and writers go on.
    /// - Throws: `StorageError` when `path` exists or the copy fails (the partial file is removed).
    public func backup(to path: String) throws(StorageError) {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StorageError.conflict("\(path) exists already; a backup never overwrites a file")
        }
        do {
            let destination = try DatabaseQueue(path: path)
            try pool.backup(to: destination)
            try destination.close()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw StorageError.wrap(error)
        }
    }

    /// What a database file holds, read without changing it: SQLite's integrity check, the
    /// generation counter (bumped by every write) and counts.
    public static func inspect(path: String) throws(StorageError) -> (integrity: String, generation: Int, documents: Int, chunks: Int) {
        do {
            var config = Configuration()
            config.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: config)
            defer { try? queue.close() }
            return try queue.read { db in
                let integrity = try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? ""
                let generation = Int(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'generation'") ?? "0") ?? 0
                return (integrity, generation, try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") ?? 0,
                        try Int.fetchOne(db, sql: "SELECT count(*) FROM chunks") ?? 0)
            }
        } catch {
            throw StorageError.cannotOpen(path: path, reason: "\(error)")
        }
    }
}
