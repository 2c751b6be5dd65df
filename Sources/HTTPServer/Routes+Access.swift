import Engine
import Hummingbird

/// `GET /metrics` (Prometheus text) and the admin routes: `GET /v1/admin/audit?limit=`.
struct AccessRoutes: Sendable {
    let engine: Engine
    let metrics: Metrics

    func register(on router: Router<AppRequestContext>) {
        router.get("/metrics") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: metrics.exposition())))
        }
        router.get("/v1/admin/audit") { request, _ in
            var limit = 100
            if let raw = request.uri.queryParameters.get("limit") {
                guard let n = Int(raw) else { throw APIError(.badRequest, code: "invalid_parameter", "'limit' must be a whole number, got '\(raw)'") }
                limit = n
            }
            let n = limit
            return JSON.response(["entries": try await blocking { try engine.auditLog(limit: n) }])
        }
    }
}
