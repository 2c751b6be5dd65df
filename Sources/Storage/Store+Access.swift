import Foundation
import GRDB

/// An API key as stored: only the SHA-256 of its secret, never the secret itself.
public struct StoredAPIKey: Sendable, Equatable {
    public var id: String
    public var name: String
    public var role: String
    /// Lowercase hex SHA-256 of the key's secret part.
    public var keyHash: String
    /// Seconds since 1970.
    public var createdAt: Double
    /// Seconds since 1970, or nil while the key is valid.
    public var revokedAt: Double?

    public init(id: String, name: String, role: String, keyHash: String, createdAt: Double, revokedAt: Double? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.keyHash = keyHash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    init(row: Row) {
        self.init(id: row["id"], name: row["name"], role: row["role"], keyHash: row["key_hash"],
                  createdAt: row["created_at"], revokedAt: row["revoked_at"])
    }
}

/// One row of the audit log: who did what to which target, and how it ended.
public struct StoredAuditEntry: Sendable, Equatable {
    public var seq: Int64
    /// Seconds since 1970.
    public var at: Double
    /// The key's name, or "dev" when the server runs without keys.
    public var actor: String
    /// Method and path, e.g. "DELETE /v1/documents/d1b13820fae6e".
    public var action: String
    /// The id the path names, when it names one.
    public var target: String?
    /// The HTTP status of the response.
    public var status: Int
    /// A short note (e.g. the route pattern); never a request body or key material.
    public var detail: String?

    public init(seq: Int64 = 0, at: Double, actor: String, action: String, target: String?, status: Int, detail: String?) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.action = action
        self.target = target
        self.status = status
        self.detail = detail
    }
}

extension Store {
    /// Stores a new key. - Throws: `StorageError.conflict` when the id exists.
    public func insertAPIKey(_ key: StoredAPIKey) throws(StorageError) {
        try write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM api_keys WHERE id = ?", arguments: [key.id]) ?? false {
                throw StorageError.conflict("an API key with id \(key.id) exists")
            }
            try db.execute(sql: """
                INSERT INTO api_keys (id, name, role, key_hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [key.id, key.name, key.role, key.keyHash, key.createdAt, key.revokedAt])
        }
    }

    /// The key with this id, revoked or not.
    public func apiKey(id: String) throws(StorageError) -> StoredAPIKey? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM api_keys WHERE id = ?", arguments: [id]).map(StoredAPIKey.init(row:))
        }
    }

    /// Every key, oldest first.
    public func apiKeys() throws(StorageError) -> [StoredAPIKey] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_keys ORDER BY created_at, id").map(StoredAPIKey.init(row:))
        }
    }

    /// How many keys are not revoked.
    public func activeAPIKeyCount() throws(StorageError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM api_keys WHERE revoked_at IS NULL") ?? 0 }
    }

    /// Marks a key revoked (once; a second revoke keeps the first time). Returns the key, or nil when no key has this id.
    @discardableResult
    public func revokeAPIKey(id: String, at: Double = Date().timeIntervalSince1970) throws(StorageError) -> StoredAPIKey? {
        try write { db in
            try db.execute(sql: "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [at, id])
            return try Row.fetchOne(db, sql: "SELECT * FROM api_keys WHERE id = ?", arguments: [id]).map(StoredAPIKey.init(row:))
        }
    }

    /// Appends a row to the audit log and returns it with its sequence number.
    @discardableResult
    public func appendAudit(_ entry: StoredAuditEntry) throws(StorageError) -> StoredAuditEntry {
        try write { db in
            try db.execute(sql: """
                INSERT INTO audit_log (at, actor, action, target, status, detail) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [entry.at, entry.actor, entry.action, entry.target, entry.status, entry.detail])
            var stored = entry
            stored.seq = db.lastInsertedRowID
            return stored
        }
    }

    /// The newest `limit` audit rows, newest first.
    public func auditLog(limit: Int) throws(StorageError) -> [StoredAuditEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?", arguments: [limit]).map {
                StoredAuditEntry(seq: $0["seq"], at: $0["at"], actor: $0["actor"], action: $0["action"],
                                 target: $0["target"], status: $0["status"], detail: $0["detail"])
            }
        }
    }
}
