import Engine
import Hummingbird
import NIOCore
import Synchronization

/// The request context of every route: Hummingbird's core storage, the peer's address (for
/// rate limits), and who is calling (set by `AccessMiddleware`, read by routes and the audit log).
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's address, when the channel knows it.
    public let remoteAddress: SocketAddress?
    /// Who is calling; shared by reference so that outer middleware sees what inner middleware set.
    public let caller: Caller
    /// The request id (the client's `X-Request-Id` when sane, else generated), echoed in the response.
    public var requestID: String = ""
    /// The knowledge base the request runs against (chosen by `AccessMiddleware`).
    public let base: BaseSelection

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        caller = Caller()
        base = BaseSelection()
    }

    /// The engine of the request's knowledge base. `AccessMiddleware` chooses it before any route
    /// runs; without a choice the request fails with a 500 instead of reaching some base.
    public var engine: Engine { get throws { try base.engine } }

    /// The name that edits and the audit log record: the key's name; in `--dev` mode (no keys) the
    /// name the client claims (e.g. a body's `actor` field), else "dev"; "anonymous" on public routes.
    public func actor(claimed: String? = nil) -> String {
        if let key = caller.key { return key.name }
        guard caller.dev else { return "anonymous" }
        if let claimed, !claimed.isEmpty { return claimed }
        return "dev"
    }

    /// The matched route's pattern (e.g. `/v1/documents/{id}`) when the router found one, else the
    /// request's path: what the access table is matched against, so that it sees the route exactly
    /// as the router does.
    func routePath(_ request: Request) -> String {
        if let endpoint = endpointPath, endpoint.hasPrefix("/") { return endpoint }
        return request.uri.path
    }

    /// The peer's IP address as text ("unknown" when the channel has none).
    var remoteIP: String { remoteAddress?.ipAddress ?? "unknown" }
}

/// Who made a request: the key (nil in `--dev` mode and on public routes) and whether the
/// request got past access control. Written once by `AccessMiddleware`.
public final class Caller: Sendable {
    struct State {
        var key: APIKeyView?
        var dev = false
        var authorized = false
    }

    private let state = Mutex(State())

    public init() {}

    /// The key the request was made with (name and role; never the secret).
    public var key: APIKeyView? { state.withLock { $0.key } }
    /// Whether access control let the request through (public routes and `--dev` mode included).
    public var authorized: Bool { state.withLock { $0.authorized } }
    /// Whether the server runs in `--dev` mode (no keys).
    public var dev: Bool { state.withLock { $0.dev } }

    func admit(key: APIKeyView?, dev: Bool = false) {
        state.withLock { $0 = State(key: key, dev: dev, authorized: true) }
    }
}

/// Which knowledge base a request runs against; written once by `AccessMiddleware`.
public final class BaseSelection: Sendable {
    private let chosen = Mutex<(name: String, engine: Engine)?>(nil)

    public init() {}

    /// The chosen base's engine. Every routed request passes `AccessMiddleware`, which chooses one
    /// before a route runs; unchosen (a router set up without it) is a 500, never another base.
    public var engine: Engine {
        get throws {
            guard let c = chosen.withLock({ $0 }) else {
                throw APIError(.internalServerError, code: "internal", "no knowledge base was chosen for this request")
            }
            return c.engine
        }
    }

    /// The chosen base's name, nil before the choice.
    public var name: String? { chosen.withLock { $0?.name } }

    /// The chosen base's engine, nil before the choice.
    var engineIfChosen: Engine? { chosen.withLock { $0?.engine } }

    func choose(_ name: String, _ engine: Engine) { chosen.withLock { $0 = (name, engine) } }
}
