import Foundation
import GRDB
import KnowledgeModel

/// The knowledge base on disk: one SQLite file in WAL mode, opened through GRDB.
///
/// `Store` is the only type in Switchboard that talks to SQLite. Every write is one
/// transaction, so a crash in the middle of an import leaves the previous state intact.
///
/// ```swift
/// let store = try Store(path: "data/knowledge.sqlite")
/// let outcome = try store.replace(parsedFile)
/// ```
public final class Store: Sendable {
    let pool: DatabasePool
    public let path: String
    let generationCache: GenerationCache

    /// Opens (creating if needed) the database at `path` and runs pending migrations.
    /// - Throws: `StorageError.cannotOpen` when the file is not a database or the folder is not writable.
    public init(path: String) throws(StorageError) {
        self.path = path
        generationCache = GenerationCache.forFile(path)
        generationCache.wrote()   // the file may have been replaced (a restore) since it was last open
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try Migrations.migrator.migrate(pool)
        } catch {
            throw StorageError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Runs `body` in a read transaction, mapping database errors to `StorageError`.
    func read<T>(_ body: (Database) throws -> T) throws(StorageError) -> T {
        do { return try pool.read(body) } catch { throw StorageError.wrap(error) }
    }

    /// Runs `body` in a write transaction, mapping database errors to `StorageError`.
    func write<T>(_ body: (Database) throws -> T) throws(StorageError) -> T {
        defer { generationCache.wrote() }
        do { return try pool.write(body) } catch { throw StorageError.wrap(error) }
    }

    /// The names of the migrations applied so far, in order.
    public func appliedMigrations() throws(StorageError) -> [String] {
        try read { db in try Migrations.migrator.appliedMigrations(db) }
    }

    /// `PRAGMA integrity_check`; "ok" when the file is sound.
    public func integrityCheck() throws(StorageError) -> String {
        try read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }
}

/// Errors of the storage layer. User-facing code maps them to stable error codes.
public enum StorageError: Error, CustomStringConvertible, Sendable {
    case cannotOpen(path: String, reason: String)
    case conflict(String)
    case database(String)

    static func wrap(_ error: any Error) -> StorageError {
        if let e = error as? StorageError { return e }
        return .database("\(error)")
    }

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "cannot open the store at \(path): \(reason)"
        case .conflict(let message): return message
        case .database(let message): return "database error: \(message)"
        }
    }
}
