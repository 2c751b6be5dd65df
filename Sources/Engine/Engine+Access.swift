import Foundation
import Ingestion
import Storage

/// What a key may do. The HTTP server's route table (`Access.swift`) says which roles each route admits.
public enum Role: String, CaseIterable, Codable, Sendable {
    /// Everything, including keys and the audit log.
    case admin
    /// The knowledge: documents, graph edits, FAQs, intents, replies, synonyms, analytics.
    case editor
    /// Conversations, search, feedback, suggestions, classification and sentiment.
    case agent
    /// Bot answers and search.
    case bot
}

/// An API key as the CLI and the API show it: never the secret, never its hash.
public struct APIKeyView: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var role: Role
    /// ISO 8601.
    public var createdAt: String
    /// ISO 8601, absent while the key is valid.
    public var revokedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, name, role, createdAt = "created_at", revokedAt = "revoked_at"
    }
}

/// A key just created: `key` is the only time the secret is shown.
public struct CreatedAPIKey: Codable, Sendable {
    /// `sb_<id>_<secret>`; give it as `Authorization: Bearer <key>` or `X-API-Key: <key>`.
    public var key: String
    public var info: APIKeyView
}

/// One audit log row as `GET /v1/admin/audit` shows it.
public struct AuditEntryView: Codable, Sendable, Equatable {
    public var seq: Int64
    /// ISO 8601.
    public var at: String
    public var actor: String
    public var action: String
    public var target: String?
    public var status: Int
    public var detail: String?
}

/// The format of API keys: `sb_` + a 12-hex-digit id + `_` + 32 random bytes in base64url.
/// Only the SHA-256 of the secret part is stored; the comparison runs in constant time.
public enum APIKeyFormat {
    public static let prefix = "sb_"

    /// Splits a presented key into its id and secret, or nil when it is not shaped like a key.
    public static func parse(_ key: String) -> (id: String, secret: String)? {
        guard key.hasPrefix(prefix), key.utf8.count <= 200 else { return nil }
        let rest = key.dropFirst(prefix.count)
        guard let sep = rest.firstIndex(of: "_") else { return nil }
        let id = rest[..<sep], secret = rest[rest.index(after: sep)...]
        guard id.count == 12, id.allSatisfy(\.isHexDigit), !secret.isEmpty else { return nil }
        return (String(id), String(secret))
    }

    /// Lowercase hex SHA-256 of the secret.
    public static func hash(secret: String) -> String { SHA256.hex(secret) }

    /// Compares two strings in time that depends only on their lengths.
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }

    static func randomBytes(_ n: Int) -> [UInt8] {
        var rng = SystemRandomNumberGenerator()
        return (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

extension Engine {
    /// Creates a key with a role; the returned `key` is the only time its secret exists outside the caller.
    /// - Throws: `invalid_name` (400) for an empty, overlong or control-character name; `conflict` (409)
    ///   when a valid key already has this name (names are who the audit log says acted).
    public func createAPIKey(name: String, role: Role) throws(EngineError) -> CreatedAPIKey {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 100, !name.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else {
            throw EngineError.badRequest("invalid_name", "a key's name must be 1-100 printable characters")
        }
        let id = APIKeyFormat.randomBytes(6).map { String(format: "%02x", $0) }.joined()
        let secret = APIKeyFormat.base64url(APIKeyFormat.randomBytes(32))
        let stored = StoredAPIKey(id: id, name: name, role: role.rawValue, keyHash: APIKeyFormat.hash(secret: secret),
                                  createdAt: Date().timeIntervalSince1970)
        do throws(StorageError) {
            if try store.apiKeys().contains(where: { $0.name == name && $0.revokedAt == nil }) {
                throw StorageError.conflict("a valid key named '\(name)' exists; revoke it first or choose another name")
            }
            try store.insertAPIKey(stored)
        } catch {
            throw Engine.storageError(error)
        }
        return CreatedAPIKey(key: APIKeyFormat.prefix + id + "_" + secret, info: Self.view(stored))
    }

    /// Every key, oldest first, revoked ones included (without secrets or hashes).
    public func apiKeys() throws(EngineError) -> [APIKeyView] {
        do { return try store.apiKeys().map(Self.view) } catch { throw Engine.storageError(error) }
    }

    /// Revokes a key by id; requests with it get 401 from then on.
    /// - Throws: `key_not_found` (404) when no key has this id.
    @discardableResult
    public func revokeAPIKey(_ id: String) throws(EngineError) -> APIKeyView {
        let revoked: StoredAPIKey?
        do { revoked = try store.revokeAPIKey(id: id) } catch { throw Engine.storageError(error) }
        guard let revoked else { throw EngineError.notFound("key_not_found", "no API key has the id '\(id)' (see `switchboard keys list`)") }
        return Self.view(revoked)
    }

    /// The valid key a presented key string stands for, or nil when it is malformed, unknown or revoked.
    public func authenticate(apiKey presented: String) throws(EngineError) -> APIKeyView? {
        guard let (id, secret) = APIKeyFormat.parse(presented) else { return nil }
        let stored: StoredAPIKey?
        do { stored = try store.apiKey(id: id) } catch { throw Engine.storageError(error) }
        guard let stored, stored.revokedAt == nil,
              APIKeyFormat.constantTimeEqual(APIKeyFormat.hash(secret: secret), stored.keyHash) else { return nil }
        return Self.view(stored)
    }

    /// Whether at least one key is valid (the server logs how to create one when none is).
    public func hasActiveAPIKeys() throws(EngineError) -> Bool {
        do { return try store.activeAPIKeyCount() > 0 } catch { throw Engine.storageError(error) }
    }

    /// Appends a row to the audit log. `detail` must never hold a request body or key material.
    public func recordAudit(actor: String, action: String, target: String?, status: Int, detail: String? = nil) throws(EngineError) {
        do {
            try store.appendAudit(StoredAuditEntry(at: Date().timeIntervalSince1970, actor: actor, action: action,
                                                   target: target, status: status, detail: detail))
        } catch {
            throw Engine.storageError(error)
        }
    }

    /// The newest `limit` (1-1000) audit rows, newest first.
    public func auditLog(limit: Int = 100) throws(EngineError) -> [AuditEntryView] {
        guard (1...1000).contains(limit) else { throw EngineError.badRequest("invalid_limit", "limit must be between 1 and 1000") }
        let formatter = ISO8601DateFormatter()
        do {
            return try store.auditLog(limit: limit).map {
                AuditEntryView(seq: $0.seq, at: formatter.string(from: Date(timeIntervalSince1970: $0.at)), actor: $0.actor,
                               action: $0.action, target: $0.target, status: $0.status, detail: $0.detail)
            }
        } catch {
            throw Engine.storageError(error)
        }
    }

    static func view(_ k: StoredAPIKey) -> APIKeyView {
        let formatter = ISO8601DateFormatter()
        return APIKeyView(id: k.id, name: k.name, role: Role(rawValue: k.role) ?? .bot,
                          createdAt: formatter.string(from: Date(timeIntervalSince1970: k.createdAt)),
                          revokedAt: k.revokedAt.map { formatter.string(from: Date(timeIntervalSince1970: $0)) })
    }
}
