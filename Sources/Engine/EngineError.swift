/// The one error type of the engine. `kind` decides the HTTP status and the CLI exit code;
/// `code` is a stable machine-readable name; `message` is one line for a person.
public struct EngineError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case badRequest, notFound, conflict, payloadTooLarge, unsupportedMediaType, unavailable, `internal`
    }

    public var kind: Kind
    public var code: String
    public var message: String
    /// For `.unavailable`: seconds after which the request is worth repeating (HTTP `Retry-After`).
    public var retryAfterSeconds: Int?

    public init(_ kind: Kind, code: String, _ message: String, retryAfterSeconds: Int? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var description: String { message }

    static func badRequest(_ code: String, _ message: String) -> EngineError { EngineError(.badRequest, code: code, message) }
    static func notFound(_ code: String, _ message: String) -> EngineError { EngineError(.notFound, code: code, message) }
}
