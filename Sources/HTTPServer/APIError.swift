import Engine
import Foundation
import Hummingbird

/// An error with an HTTP status and a stable code, rendered as `{"error":{"code","message"}}`.
public struct APIError: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    init(_ e: EngineError) {
        let status: HTTPResponse.Status
        switch e.kind {
        case .badRequest: status = .badRequest
        case .notFound: status = .notFound
        case .conflict: status = .conflict
        case .payloadTooLarge: status = .contentTooLarge
        case .unsupportedMediaType: status = .unsupportedMediaType
        case .unavailable: status = .serviceUnavailable
        case .internal: status = .internalServerError
        }
        self.init(status, code: e.code, e.message)
        if let seconds = e.retryAfterSeconds { headers[.retryAfter] = String(seconds) }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = JSON.response(ErrorEnvelope(error: ErrorBody(code: code, message: message)), status: status)
        for field in headers { response.headers.append(field) }
        return response
    }
}

struct ErrorEnvelope: Codable {
    var error: ErrorBody
}

/// Turns every error escaping a handler into the JSON error shape, with a status that
/// tells client mistakes (4xx) from ours (5xx). Internal details are logged, not returned.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The registered routes, to answer 405 (with `Allow`) for a known path and an unserved method.
    var catalog: RouteCatalog? = nil

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let e as APIError {
            return try e.response(from: request, context: context)
        } catch let e as EngineError {
            return try APIError(e).response(from: request, context: context)
        } catch let e as DecodingError {
            return try APIError(.badRequest, code: "invalid_json", JSON.describe(e)).response(from: request, context: context)
        } catch let e as HTTPResponseError {
            let status = e.status
            let code: String
            let message: String
            switch status {
            case .notFound:
                if let allowed = catalog?.methods(for: request.uri.path), !allowed.isEmpty {
                    var e = APIError(.methodNotAllowed, code: "method_not_allowed",
                                     "\(request.method) is not allowed on \(request.uri.path); use \(allowed.joined(separator: ", "))")
                    e.headers[.allow] = allowed.joined(separator: ", ")
                    return try e.response(from: request, context: context)
                }
                (code, message) = ("not_found", "no route for \(request.method) \(request.uri.path)")
            case .contentTooLarge: (code, message) = ("body_too_large", "the request body is over the limit")
            case .methodNotAllowed: (code, message) = ("method_not_allowed", "\(request.method) is not allowed on \(request.uri.path)")
            default: (code, message) = (status.code >= 500 ? "internal" : "bad_request", status.reasonPhrase)
            }
            return try APIError(status, code: code, message).response(from: request, context: context)
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(error)"])
            return try APIError(.internalServerError, code: "internal", "internal error").response(from: request, context: context)
        }
    }
}
