import Engine
import Foundation
import HTTPServer

/// Switchboard's settings, in layers: built-in defaults < the config file (Server/switchboard.json,
/// or `--config` / `SWITCHBOARD_CONFIG`) < environment variables < command-line flags.
struct Configuration: Codable, Equatable {
    var data: String = "./data"
    var logLevel: String = "info"
    var server = ServerSettings()
    var engine = EngineConfig()

    enum CodingKeys: String, CodingKey {
        case data, logLevel = "log_level", server, engine = "search"
    }

    init() {}

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Configuration()
        data = try c.decodeIfPresent(String.self, forKey: .data) ?? d.data
        logLevel = try c.decodeIfPresent(String.self, forKey: .logLevel) ?? d.logLevel
        server = try c.decodeIfPresent(ServerSettings.self, forKey: .server) ?? d.server
        engine = try c.decodeIfPresent(EngineConfig.self, forKey: .engine) ?? d.engine
    }

    /// The default config file, looked up relative to the working directory.
    static let defaultFile = "Server/switchboard.json"

    /// Loads the layers below the flags. `explicitFile` is the `--config` flag.
    static func load(explicitFile: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(CLIError) -> Configuration {
        var config = Configuration()
        let file = explicitFile ?? environment["SWITCHBOARD_CONFIG"]
        if let file {
            config = try read(file)
        } else if case let found = ShippedFiles.resolve(defaultFile, environment: environment), FileManager.default.fileExists(atPath: found) {
            config = try read(found)
        }
        if let v = environment["SWITCHBOARD_DATA"] { config.data = v }
        if let v = environment["SWITCHBOARD_HOST"] { config.server.host = v }
        if let v = environment["SWITCHBOARD_PORT"] {
            guard let port = Int(v), (0...65535).contains(port) else { throw CLIError("SWITCHBOARD_PORT must be a port number, got '\(v)'") }
            config.server.port = port
        }
        if let v = environment["SWITCHBOARD_MAX_BODY_BYTES"] {
            guard let n = Int(v), n > 0 else { throw CLIError("SWITCHBOARD_MAX_BODY_BYTES must be a positive number, got '\(v)'") }
            config.server.maxBodyBytes = n
        }
        if let v = environment["SWITCHBOARD_LOG_LEVEL"] { config.logLevel = v }
        try loadAccess(&config.server, environment)
        return config
    }

    /// `SWITCHBOARD_DEV`, `SWITCHBOARD_RATE_LIMIT_PER_SECOND`, `SWITCHBOARD_RATE_LIMIT_BURST`,
    /// `SWITCHBOARD_AUTH_FAILURES_PER_MINUTE`.
    static func loadAccess(_ server: inout ServerSettings, _ environment: [String: String]) throws(CLIError) {
        if let v = environment["SWITCHBOARD_DEV"] {
            switch v.lowercased() {
            case "1", "true", "yes", "on": server.dev = true
            case "0", "false", "no", "off", "": server.dev = false
            default: throw CLIError("SWITCHBOARD_DEV must be true or false, got '\(v)'")
            }
        }
        if let v = environment["SWITCHBOARD_RATE_LIMIT_PER_SECOND"] {
            guard let n = Double(v), n >= 0, n.isFinite else { throw CLIError("SWITCHBOARD_RATE_LIMIT_PER_SECOND must be 0 (off) or a positive number, got '\(v)'") }
            server.rateLimitPerSecond = n
        }
        if let v = environment["SWITCHBOARD_RATE_LIMIT_BURST"] {
            guard let n = Int(v), n >= 0 else { throw CLIError("SWITCHBOARD_RATE_LIMIT_BURST must be a whole number, got '\(v)'") }
            server.rateLimitBurst = n
        }
        if let v = environment["SWITCHBOARD_AUTH_FAILURES_PER_MINUTE"] {
            guard let n = Int(v), n >= 0 else { throw CLIError("SWITCHBOARD_AUTH_FAILURES_PER_MINUTE must be 0 (off) or a whole number, got '\(v)'") }
            server.authFailuresPerMinute = n
        }
    }

    static func read(_ path: String) throws(CLIError) -> Configuration {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read the config file \(path)") }
        do {
            return try JSONDecoder().decode(Configuration.self, from: data)
        } catch {
            throw CLIError("the config file \(path) is not valid: \(error)")
        }
    }
}

/// A user mistake on the command line: printed as one line, exit code 2.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}
