import Foundation
import Ingestion
import Storage

/// What a backup holds: written as manifest.json beside the files.
public struct BackupManifest: Codable, Sendable {
    public struct File: Codable, Sendable {
        public var path: String
        public var bytes: Int
        public var sha256: String
    }
    public var createdAt: String
    /// The store's generation counter at the moment of the copy.
    public var generation: Int
    public var documents: Int
    public var chunks: Int
    public var files: [File]

    enum CodingKeys: String, CodingKey { case createdAt = "created_at", generation, documents, chunks, files }
}

extension Engine {
    /// Backs up the data folder into `directory` (which must not exist) while the engine keeps
    /// serving: the database by SQLite's online backup (one consistent moment), the trained models
    /// and the vector index (derived files: rebuilt at start when they do not match the database),
    /// and a manifest with every file's SHA-256. Written to a temporary folder and renamed, so a
    /// backup is complete or absent.
    public func backup(to directory: URL) throws(EngineError) -> BackupManifest {
        let fm = FileManager.default
        guard !fm.fileExists(atPath: directory.path) else {
            throw EngineError(.conflict, code: "backup_exists", "\(directory.path) exists already; choose a new folder")
        }
        let staging = directory.deletingLastPathComponent().appendingPathComponent(".\(directory.lastPathComponent).partial-\(UUID().uuidString.prefix(8))")
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            defer { try? fm.removeItem(at: staging) }
            let db = staging.appendingPathComponent("knowledge.sqlite")
            try store.backup(to: db.path)
            for relative in try derivedFiles() {
                let target = staging.appendingPathComponent(relative)
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try fm.copyItem(at: dataDirectory.appendingPathComponent(relative), to: target)
            }
            let facts = try Store.inspect(path: db.path)
            guard facts.integrity == "ok" else { throw EngineError(.internal, code: "backup_failed", "the copy fails SQLite's integrity check: \(facts.integrity)") }
            var manifest = BackupManifest(createdAt: ISO8601DateFormatter().string(from: Date()), generation: facts.generation,
                                          documents: facts.documents, chunks: facts.chunks, files: [])
            for relative in ["knowledge.sqlite"] + (try derivedFiles(in: staging)) {
                let data = try Data(contentsOf: staging.appendingPathComponent(relative))
                manifest.files.append(.init(path: relative, bytes: data.count, sha256: SHA256.hex(data)))
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(manifest).write(to: staging.appendingPathComponent("manifest.json"))
            guard rename(staging.path, directory.path) == 0 else {
                throw EngineError(.internal, code: "backup_failed", "cannot move the backup into place: \(String(cString: strerror(errno)))")
            }
            logger.info("backup written", metadata: ["folder": "\(directory.path)", "documents": "\(manifest.documents)", "generation": "\(manifest.generation)"])
            return manifest
        } catch let e as EngineError {
            throw e
        } catch let e as StorageError {
            throw Engine.storageError(e)
        } catch {
            throw EngineError(.internal, code: "backup_failed", "\(error)")
        }
    }

    /// Restores a backup folder into `dataDirectory`, which must not exist or be empty: checks
    /// every file against the manifest and the database's integrity first, copies into a
    /// temporary folder, then renames it into place.
    public static func restore(from backup: URL, to dataDirectory: URL) throws(EngineError) -> BackupManifest {
        let fm = FileManager.default
        let manifest: BackupManifest
        do {
            manifest = try JSONDecoder().decode(BackupManifest.self, from: Data(contentsOf: backup.appendingPathComponent("manifest.json")))
        } catch {
            throw EngineError.badRequest("invalid_backup", "\(backup.path) has no readable manifest.json: \(error.localizedDescription)")
        }
        for f in manifest.files {
            guard !f.path.contains(".."), let data = try? Data(contentsOf: backup.appendingPathComponent(f.path)), SHA256.hex(data) == f.sha256 else {
                throw EngineError.badRequest("invalid_backup", "\(f.path) is missing or does not match the manifest's SHA-256")
            }
        }
        if let facts = try? Store.inspect(path: backup.appendingPathComponent("knowledge.sqlite").path), facts.integrity != "ok" {
            throw EngineError.badRequest("invalid_backup", "the backup's database fails SQLite's integrity check")
        }
        if fm.fileExists(atPath: dataDirectory.path), !((try? fm.contentsOfDirectory(atPath: dataDirectory.path).isEmpty) ?? false) {
            throw EngineError(.conflict, code: "data_not_empty", "\(dataDirectory.path) is not empty; restore into a new folder")
        }
        let staging = dataDirectory.deletingLastPathComponent().appendingPathComponent(".\(dataDirectory.lastPathComponent).restoring-\(UUID().uuidString.prefix(8))")
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            for f in manifest.files {
                let target = staging.appendingPathComponent(f.path)
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try fm.copyItem(at: backup.appendingPathComponent(f.path), to: target)
            }
            if fm.fileExists(atPath: dataDirectory.path) { try fm.removeItem(at: dataDirectory) }
            guard rename(staging.path, dataDirectory.path) == 0 else {
                throw EngineError(.internal, code: "restore_failed", "cannot move the restored folder into place: \(String(cString: strerror(errno)))")
            }
            return manifest
        } catch let e as EngineError {
            try? fm.removeItem(at: staging)
            throw e
        } catch {
            try? fm.removeItem(at: staging)
            throw EngineError(.internal, code: "restore_failed", "\(error)")
        }
    }

    /// The derived files of the data folder (models and vector index), relative paths.
    func derivedFiles(in root: URL? = nil) throws -> [String] {
        let root = root ?? dataDirectory
        var out: [String] = []
        for folder in ["models", "index"] {
            let dir = root.appendingPathComponent(folder)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { continue }
            for n in names.sorted() where !n.contains(".tmp-") { out.append("\(folder)/\(n)") }
        }
        return out
    }
}
