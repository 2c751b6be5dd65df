import HTTPTypes
import Hummingbird
import Synchronization

/// The routes the server has, by path pattern, so that a known path asked with a method it does
/// not serve gets 405 with `Allow` instead of 404. Filled once the routes are registered.
final class RouteCatalog: Sendable {
    private let routes = Mutex<[(segments: [Substring], method: String)]>([])

    func record(_ described: [(path: String, method: String)]) {
        routes.withLock { $0 = described.map { (Self.segments($0.path), $0.method) } }
    }

    /// The methods registered for a concrete path (empty when no pattern matches it).
    func methods(for path: String) -> [String] {
        let asked = Self.segments(path)
        return routes.withLock { all in
            // The most literal patterns win, as in the router: "/v1/intents/classify" is not "/v1/intents/{label}".
            let matching = all.filter { Self.matches($0.segments, asked) }
            let best = matching.map { Self.literals($0.segments) }.max() ?? 0
            return Array(Set(matching.filter { Self.literals($0.segments) == best }.map(\.method))).sorted()
        }
    }

    static func literals(_ pattern: [Substring]) -> Int {
        pattern.filter { !$0.hasPrefix("{") && !$0.hasPrefix(":") && $0 != "*" }.count
    }

    static func segments(_ path: String) -> [Substring] { path.split(separator: "/") }

    static func matches(_ pattern: [Substring], _ path: [Substring]) -> Bool {
        guard pattern.count == path.count else { return false }
        return zip(pattern, path).allSatisfy { p, s in p == s || p.hasPrefix("{") || p.hasPrefix(":") || p == "*" }
    }
}
