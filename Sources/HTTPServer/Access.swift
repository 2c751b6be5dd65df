import Engine
import Foundation
import Hummingbird

/// Who may call a route. `admin` is admitted everywhere and never needs listing.
public enum Audience: Sendable, Equatable {
    /// No key needed (health, readiness, metrics).
    case everyone
    /// A key with one of these roles (or admin).
    case roles(Set<Role>)
}

/// One row of the access table: a method (nil = any) and a path pattern (`{name}` matches one
/// segment, a trailing `**` matches the rest), who may call it, and whether a call is a write
/// that the audit log records (nil: POST, PUT, PATCH and DELETE are; queries sent with POST
/// such as search say `false`).
public struct AccessRule: Sendable {
    public var method: HTTPRequest.Method?
    public var pattern: PathPattern
    public var audience: Audience
    public var audited: Bool?

    public init(_ method: HTTPRequest.Method?, _ pattern: String, _ audience: Audience, audited: Bool? = nil) {
        self.method = method
        self.pattern = PathPattern(pattern)
        self.audience = audience
        self.audited = audited
    }

    /// Whether a call of `method` under this rule goes to the audit log.
    public func isAudited(_ method: HTTPRequest.Method) -> Bool {
        audited ?? AccessTable.isWrite(method)
    }

    /// Whether a key of `role` may call the route.
    public func admits(_ role: Role) -> Bool {
        switch audience {
        case .everyone: return true
        case .roles(let roles): return role == .admin || roles.contains(role)
        }
    }
}

/// The one place that says which roles may call which route. The first matching row wins;
/// a path no row matches falls to the defaults: reads (GET, HEAD) for editor, agent and bot,
/// writes for editor. Add a row here when a new route needs other roles.
public enum AccessTable {
    static let readers: Audience = .roles([.editor, .agent, .bot])
    static let editors: Audience = .roles([.editor])

    public static let rules: [AccessRule] = [
        AccessRule(.get, "/healthz", .everyone),
        AccessRule(.get, "/readyz", .everyone),
        AccessRule(.get, "/metrics", .everyone),
        // The web console's static files (it sends the user's key with its API calls).
        AccessRule(.get, "/", .everyone),
        AccessRule(.get, "/console", .everyone),
        AccessRule(.get, "/console/{file}", .everyone),
        // Keys, audit log and anything else administrative.
        AccessRule(nil, "/v1/admin/**", .roles([])),
        // Queries sent with POST: not writes, not audited.
        AccessRule(.post, "/v1/search", .roles([.editor, .agent, .bot]), audited: false),
        AccessRule(.post, "/v1/answer", .roles([.bot, .agent, .editor]), audited: false),
        AccessRule(.post, "/v1/intents/classify", .roles([.agent, .editor]), audited: false),
        AccessRule(.post, "/v1/sentiment", .roles([.agent, .editor]), audited: false),
        AccessRule(.post, "/v1/replies/suggest", .roles([.agent, .editor]), audited: false),
        // Live agent assist: a turn is operational traffic (the conversation keeps its own transcript).
        AccessRule(.post, "/v1/conversations/{id}/turns", .roles([.agent]), audited: false),
        AccessRule(nil, "/v1/conversations", .roles([.agent])),
        AccessRule(nil, "/v1/conversations/**", .roles([.agent])),
        // Agents accept, edit or reject suggestions; bot users rate answers.
        AccessRule(.post, "/v1/feedback", .roles([.agent, .bot])),
        // Knowledge-gap analytics are for editors.
        AccessRule(nil, "/v1/analytics/**", editors),
        // Customer data: agents (on a call) and editors read it, never bots; editors change it.
        AccessRule(.get, "/v1/customers", .roles([.agent, .editor])),
        AccessRule(.get, "/v1/customers/**", .roles([.agent, .editor])),
        AccessRule(.get, "/v1/campaigns", .roles([.agent, .editor])),
        AccessRule(.get, "/v1/campaigns/**", .roles([.agent, .editor])),
        AccessRule(.get, "/v1/qa/rules", .roles([.agent, .editor])),
        AccessRule(.get, "/v1/qa/rules/**", .roles([.agent, .editor])),
        // Scorecards are for quality reviewers (editors); scoring imported transcripts is a read-mostly batch job.
        AccessRule(.get, "/v1/qa/**", editors),
        AccessRule(.get, "/v1/tickets", .roles([.agent, .editor])),
        AccessRule(.get, "/v1/tickets/**", .roles([.agent, .editor])),
    ]

    /// The rule for a request: the first matching row, else the default for its method.
    public static func rule(method: HTTPRequest.Method, path: String) -> AccessRule {
        let segments = PathPattern.segments(of: path)
        for rule in rules where rule.method == nil || rule.method == method {
            if rule.pattern.matches(segments) { return rule }
        }
        return AccessRule(method, "**", isWrite(method) ? editors : readers)
    }

    /// POST, PUT, PATCH and DELETE.
    public static func isWrite(_ method: HTTPRequest.Method) -> Bool {
        method == .post || method == .put || method == .patch || method == .delete
    }
}

/// A route path pattern such as `/v1/documents/{id}` or `/v1/admin/**`.
public struct PathPattern: Sendable, CustomStringConvertible {
    enum Segment: Sendable, Equatable {
        case literal(Substring)
        case capture
        case rest
    }

    let segments: [Segment]
    public let description: String

    public init(_ pattern: String) {
        description = pattern
        segments = Self.segments(of: pattern).map { s in
            if s == "**" { return .rest }
            if s.hasPrefix("{"), s.hasSuffix("}") { return .capture }
            return .literal(s)
        }
    }

    static func segments(of path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    func matches(_ path: [Substring]) -> Bool {
        var i = 0
        for segment in segments {
            switch segment {
            case .rest: return true
            case .capture:
                guard i < path.count else { return false }
            case .literal(let text):
                guard i < path.count, path[i] == text else { return false }
            }
            i += 1
        }
        return i == path.count
    }

    /// The value of the first `{...}` segment of `pattern` in `path` (percent-decoded), e.g. the id
    /// of `/v1/documents/{id}`; nil when the pattern captures nothing or does not fit.
    static func firstCapture(pattern: String, path: String) -> String? {
        let p = segments(of: pattern), s = segments(of: path)
        for (i, segment) in p.enumerated() where segment.hasPrefix("{") && i < s.count {
            return String(s[i]).removingPercentEncoding ?? String(s[i])
        }
        return nil
    }
}
