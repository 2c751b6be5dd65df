import Foundation

/// Settings the server refuses to run with; the message says what to change.
public struct ServerSettingsError: Error, CustomStringConvertible, Sendable, Equatable {
    public var description: String
    public init(_ message: String) { description = message }
}

extension ServerSettings {
    /// Whether `host` is a loopback name or address (127.0.0.0/8, ::1, localhost).
    public static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if h == "localhost" || h == "::1" || h == "0:0:0:0:0:0:0:1" { return true }
        let octets = h.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// Checks the settings the server must not run with.
    /// - Throws: `ServerSettingsError` for dev mode (no keys) on a non-loopback host, or negative limits.
    public func validate() throws(ServerSettingsError) {
        if dev, !Self.isLoopback(host) {
            throw ServerSettingsError("dev mode needs no API keys, so it only listens on loopback (127.0.0.1, ::1, localhost), not '\(host)'; "
                                      + "drop --dev and create keys with `switchboard keys create --role admin --name NAME`")
        }
        guard rateLimitPerSecond >= 0, rateLimitPerSecond.isFinite else {
            throw ServerSettingsError("server.rate_limit_per_second must be 0 (off) or positive, got \(rateLimitPerSecond)")
        }
        guard rateLimitBurst >= 0 else { throw ServerSettingsError("server.rate_limit_burst must not be negative, got \(rateLimitBurst)") }
        guard authFailuresPerMinute >= 0 else {
            throw ServerSettingsError("server.auth_failures_per_minute must be 0 (off) or positive, got \(authFailuresPerMinute)")
        }
    }
}
