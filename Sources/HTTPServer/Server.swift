import Engine
import Foundation
import Hummingbird
import Logging
import NIOCore

/// Where and how the server listens.
public struct ServerSettings: Sendable, Codable, Equatable {
    public var host: String
    public var port: Int
    /// Largest request body accepted; larger ones get 413.
    public var maxBodyBytes: Int

    public init(host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 32 << 20) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
    }

    enum CodingKeys: String, CodingKey {
        case host, port, maxBodyBytes = "max_body_bytes"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ServerSettings()
        host = try c.decodeIfPresent(String.self, forKey: .host) ?? d.host
        port = try c.decodeIfPresent(Int.self, forKey: .port) ?? d.port
        maxBodyBytes = try c.decodeIfPresent(Int.self, forKey: .maxBodyBytes) ?? d.maxBodyBytes
    }
}

/// Builds the application: router, middleware and routes. `main`, the tests and the
/// benchmarks all use this one function. `onRunning` receives the bound port (useful with port 0).
public func buildApplication(engine: Engine, settings: ServerSettings, logger: Logger,
                             onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
    let router = Router()
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: LogRequestsMiddleware(.debug))
    Routes(engine: engine, settings: settings).register(on: router)
    return Application(
        router: router,
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "switchboard"),
        onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? settings.port) },
        logger: logger
    )
}
