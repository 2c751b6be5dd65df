import Engine
import Foundation
import Hummingbird

/// Access control for every request, in this order: public routes pass (rate-limited per remote
/// address); in `--dev` mode every request passes as "dev" (rate-limited per address); otherwise
/// an address that failed to authenticate too often gets 429, a missing key 401 `missing_key`,
/// an unknown or revoked key 401 `invalid_key`, a key over its rate 429 `rate_limited`
/// (with `Retry-After`), a key whose role the route does not admit 403 `forbidden`.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let bases: KnowledgeBases
    let dev: Bool
    /// nil when rate limits are off.
    let limiter: RateLimiter?
    /// nil when the brute-force guard is off.
    let failures: AuthFailureGuard?

    init(bases: KnowledgeBases, settings: ServerSettings) {
        self.bases = bases
        dev = settings.dev
        limiter = settings.rateLimitPerSecond > 0 ? RateLimiter(ratePerSecond: settings.rateLimitPerSecond, burst: settings.rateLimitBurst) : nil
        failures = settings.authFailuresPerMinute > 0 ? AuthFailureGuard(limit: settings.authFailuresPerMinute) : nil
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let rule = AccessTable.rule(method: request.method, path: context.routePath(request))
        let address = context.remoteIP
        let asked = request.headers[Self.baseHeader]?.trimmingCharacters(in: .whitespaces)
        if dev || rule.audience == .everyone {
            try limit("addr:" + address, "this address")
            // Without keys (dev mode, public routes) the header chooses the base.
            let name = asked.flatMap { $0.isEmpty ? nil : $0 } ?? KnowledgeBases.primaryName
            guard let engine = bases.engine(named: name) else {
                throw APIError(.notFound, code: "base_not_found", "no knowledge base named '\(name)'")
            }
            context.base.choose(name, engine)
            context.caller.admit(key: nil, dev: dev)
            return try await next(request, context)
        }
        if let seconds = failures?.blocked(address) {
            throw Self.tooMany("too many failed authentications from this address; retry in \(seconds) s", seconds)
        }
        guard let presented = Self.presentedKey(request.headers) else {
            throw unauthorized("missing_key", "this route needs an API key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>' "
                               + "(an admin creates keys with `switchboard keys create --role ROLE --name NAME`)")
        }
        guard let (base, engine, key) = try bases.authenticate(apiKey: presented) else {
            failures?.recordFailure(address)
            throw unauthorized("invalid_key", "the API key is not valid (unknown, malformed or revoked)")
        }
        // A key belongs to one base: it reaches that base only.
        if let asked, !asked.isEmpty, asked != base {
            failures?.recordFailure(address)
            throw APIError(.forbidden, code: "wrong_base", "the API key '\(key.name)' belongs to the knowledge base '\(base)', not '\(asked)'")
        }
        context.base.choose(base, engine)
        try limit("key:" + key.id, "the key '\(key.name)'")
        guard rule.admits(key.role) else {
            context.caller.admit(key: key)  // known caller: the refusal is audited under its name
            throw APIError(.forbidden, code: "forbidden",
                           "the key '\(key.name)' has the role \(key.role.rawValue), which may not \(request.method) \(request.uri.path)"
                           + "; it needs \(Self.describe(rule.audience))")
        }
        context.caller.admit(key: key)
        return try await next(request, context)
    }

    /// Names the knowledge base a request is for (optional with a key, which decides; without keys
    /// it chooses, default `default`).
    static let baseHeader = HTTPFields.Element.Name("X-Switchboard-Base")!

    /// The key from `Authorization: Bearer <key>` or `X-API-Key: <key>`; nil when neither is given.
    static func presentedKey(_ headers: HTTPFields) -> String? {
        if let auth = headers[.authorization] {
            let parts = auth.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        if let key = headers[.init("X-API-Key")!]?.trimmingCharacters(in: .whitespaces), !key.isEmpty {
            return key
        }
        return nil
    }

    private func limit(_ client: String, _ who: String) throws {
        guard let limiter, let seconds = limiter.take(client) else { return }
        throw Self.tooMany("too many requests from \(who) (limit \(Self.format(limiter.ratePerSecond))/s, burst \(Int(limiter.burst))); "
                           + "retry in \(seconds) s", seconds)
    }

    private func unauthorized(_ code: String, _ message: String) -> APIError {
        var e = APIError(.unauthorized, code: code, message)
        e.headers[.wwwAuthenticate] = "Bearer"
        return e
    }

    static func tooMany(_ message: String, _ seconds: Int) -> APIError {
        var e = APIError(.tooManyRequests, code: "rate_limited", message)
        e.headers[.retryAfter] = String(seconds)
        return e
    }

    static func describe(_ audience: Audience) -> String {
        switch audience {
        case .everyone: return "no key"
        case .roles(let roles):
            let names = ([Role.admin] + Role.allCases.filter { $0 != .admin && roles.contains($0) }).map(\.rawValue)
            return names.count == 1 ? "the role admin" : "one of the roles " + names.joined(separator: ", ")
        }
    }

    static func format(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(x)
    }
}
