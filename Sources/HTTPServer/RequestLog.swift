import Engine
import Foundation
import Hummingbird
import Logging

/// The outermost middleware: gives every request an id (the client's `X-Request-Id` when sane,
/// else a new one) echoed in the response, times it, counts it in `Metrics`, writes one log
/// line (method, route pattern, status, ms, actor, request id), and records writes that got
/// past access control in the audit log (never bodies or keys).
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let bases: KnowledgeBases
    let metrics: Metrics
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = monotonicSeconds()
        var context = context
        let id = Self.saneRequestID(request.headers[.init("X-Request-Id")!]) ?? Self.newRequestID()
        context.requestID = id
        context.logger[metadataKey: "request_id"] = .string(id)
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            // ErrorMiddleware turns errors into responses; whatever escapes it is still answered.
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            response = try APIError(status, code: status.code >= 500 ? "internal" : "bad_request", status.reasonPhrase)
                .response(from: request, context: context)
        }
        response.headers[.init("X-Request-Id")!] = id
        let seconds = monotonicSeconds() - start
        let route = Self.routeLabel(context.endpointPath)
        metrics.observe(route: route, method: request.method.rawValue, status: response.status.code, seconds: seconds)
        let actor = context.caller.authorized ? context.actor() : "-"
        logger.log(level: response.status.code >= 500 ? .warning : .info, "request", metadata: [
            "method": .string(request.method.rawValue), "route": .string(route), "status": .stringConvertible(response.status.code),
            "ms": .string(String(format: "%.2f", seconds * 1000)), "actor": .string(actor), "request_id": .string(id),
        ])
        if context.caller.authorized, AccessTable.rule(method: request.method, path: context.routePath(request)).isAudited(request.method) {
            await audit(request, engine: context.base.engineIfChosen ?? bases.primary, route: route, status: response.status.code, actor: actor, requestID: id)
        }
        return response
    }

    private func audit(_ request: Request, engine: Engine, route: String, status: Int, actor: String, requestID: String) async {
        let action = "\(request.method.rawValue) \(request.uri.path)"
        let target = PathPattern.firstCapture(pattern: route, path: request.uri.path)
        do {
            try await blocking { try engine.recordAudit(actor: actor, action: action, target: target, status: status, detail: "request_id=\(requestID)") }
        } catch {
            logger.error("could not write the audit log", metadata: ["error": "\(error)", "request_id": .string(requestID)])
        }
    }

    /// The route pattern for labels and logs: the matched route's pattern, or "unmatched" for paths
    /// no route has (their raw paths would make the number of series unbounded).
    static func routeLabel(_ endpoint: String?) -> String {
        if let endpoint, endpoint.hasPrefix("/") { return endpoint }
        return "unmatched"
    }

    /// 1-128 characters of letters, digits and `-_.:`; anything else is replaced by a new id.
    static func saneRequestID(_ value: String?) -> String? {
        guard let value, (1...128).contains(value.utf8.count),
              value.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A)
                  || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E || $0 == 0x3A }) else { return nil }
        return value
    }

    /// 16 random bytes as 32 hex digits.
    static func newRequestID() -> String {
        var rng = SystemRandomNumberGenerator()
        let a = rng.next() as UInt64, b = rng.next() as UInt64
        return String(a, radix: 16).leftPadded(16) + String(b, radix: 16).leftPadded(16)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
