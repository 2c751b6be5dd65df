import ArgumentParser
import Engine
import Foundation
import HTTPServer
import Hummingbird

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the HTTP API.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Address to listen on (default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (default 8080; 0 picks a free one).")
    var port: Int?

    @Flag(help: "Development mode: no API keys needed; only on a loopback host (127.0.0.1, ::1, localhost).")
    var dev = false

    func run() async throws {
        var c = try common.configuration()
        if let host { c.server.host = host }
        if let port {
            guard (0...65535).contains(port) else { throw CLIError("--port must be between 0 and 65535") }
            c.server.port = port
        }
        if dev { c.server.dev = true }
        do { try c.server.validate() } catch { throw CLIError(error.description) }
        let logger = Logging.make(level: c.logLevel)
        let engine = try Engine(dataDirectory: URL(fileURLWithPath: c.data), config: c.engine, logger: logger)
        try engine.warmUp()
        let host = c.server.host
        let dev = c.server.dev
        let app = try buildApplication(engine: engine, settings: c.server, logger: logger) { port in
            logger.info("listening on http://\(host):\(port)\(dev ? " (dev mode: no API keys)" : "")")
        }
        try await app.runService()
        engine.persistVectors()
        engine.flushAnalytics()
    }
}
