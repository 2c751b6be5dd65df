import Engine
import Foundation
import Hummingbird

/// `GET /metrics` (Prometheus text) and the admin routes: `GET /v1/admin/audit?limit=`.
struct AccessRoutes: Sendable {
    let metrics: Metrics

    func register(on router: Router<AppRequestContext>) {
        router.get("/metrics") { _, context in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: metrics.exposition())))
        }
        router.post("/v1/admin/backup") { _, context in
            // Into the data folder's backups/ with a timestamped name; the path is never the client's.
            let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "-")
            let folder = try context.engine.dataDirectory.appendingPathComponent("backups/\(stamp)-\(UUID().uuidString.prefix(6))")
            try FileManager.default.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
            let manifest = try await blocking { try context.engine.backup(to: folder) }
            return JSON.response(BackupResult(path: folder.path, manifest: manifest), status: .created)
        }
        router.get("/v1/admin/audit") { request, context in
            let n = try intParameter(request, "limit", default: 100, in: 1...1000)
            return JSON.response(["entries": try await blocking { try context.engine.auditLog(limit: n) }])
        }
    }
}

/// `POST /v1/admin/backup` response.
struct BackupResult: Codable {
    var path: String
    var manifest: BackupManifest
}
