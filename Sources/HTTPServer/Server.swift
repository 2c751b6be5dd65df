import Engine
import Foundation
import Hummingbird
import NIOPosix
import Logging
import NIOCore

/// Where and how the server listens, and who may call it.
public struct ServerSettings: Sendable, Codable, Equatable {
    public var host: String
    public var port: Int
    /// Largest request body accepted; larger ones get 413.
    public var maxBodyBytes: Int
    /// No API keys required (every request acts as "dev"); only allowed on a loopback host.
    public var dev: Bool
    /// Requests per second per key (per remote address in dev mode and on public routes); 0 = no limit.
    public var rateLimitPerSecond: Double
    /// How many requests a client may send at once above the rate.
    public var rateLimitBurst: Int
    /// Failed authentications per remote address per minute before it gets 429; 0 = no limit.
    public var authFailuresPerMinute: Int
    /// The web console's static files, served under `/console/` (relative to the working directory).
    public var consoleDirectory: String

    public init(host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 32 << 20, dev: Bool = false,
                rateLimitPerSecond: Double = 200, rateLimitBurst: Int = 400, authFailuresPerMinute: Int = 20,
                consoleDirectory: String = "Server/console") {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.dev = dev
        self.rateLimitPerSecond = rateLimitPerSecond
        self.rateLimitBurst = rateLimitBurst
        self.authFailuresPerMinute = authFailuresPerMinute
        self.consoleDirectory = consoleDirectory
    }

    enum CodingKeys: String, CodingKey {
        case host, port, maxBodyBytes = "max_body_bytes", dev, rateLimitPerSecond = "rate_limit_per_second"
        case rateLimitBurst = "rate_limit_burst", authFailuresPerMinute = "auth_failures_per_minute"
        case consoleDirectory = "console_directory"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ServerSettings()
        host = try c.decodeIfPresent(String.self, forKey: .host) ?? d.host
        port = try c.decodeIfPresent(Int.self, forKey: .port) ?? d.port
        maxBodyBytes = try c.decodeIfPresent(Int.self, forKey: .maxBodyBytes) ?? d.maxBodyBytes
        dev = try c.decodeIfPresent(Bool.self, forKey: .dev) ?? d.dev
        rateLimitPerSecond = try c.decodeIfPresent(Double.self, forKey: .rateLimitPerSecond) ?? d.rateLimitPerSecond
        rateLimitBurst = try c.decodeIfPresent(Int.self, forKey: .rateLimitBurst) ?? d.rateLimitBurst
        authFailuresPerMinute = try c.decodeIfPresent(Int.self, forKey: .authFailuresPerMinute) ?? d.authFailuresPerMinute
        consoleDirectory = try c.decodeIfPresent(String.self, forKey: .consoleDirectory) ?? d.consoleDirectory
    }
}

/// Builds the application: router, middleware and routes. `main`, the tests and the
/// benchmarks all use this one function. `onRunning` receives the bound port (useful with port 0).
/// `metrics` collects what `/metrics` shows; by default request counts and latencies plus
/// `Metrics.engineGauges(engine)` (counts, index sizes, encoder version): pass
/// `Metrics(gauges: ...)` to add more (e.g. other models' versions).
/// - Throws: `ServerSettingsError` for settings the server must not run with (dev mode on a
///   non-loopback host, a negative rate limit).
public func buildApplication(engine: Engine, bases: KnowledgeBases? = nil, settings: ServerSettings, logger: Logger, metrics: Metrics? = nil,
                             onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws(ServerSettingsError) -> some ApplicationProtocol {
    try settings.validate()
    let bases = bases ?? KnowledgeBases(primary: engine)
    let metrics = metrics ?? Metrics(gauges: Metrics.engineGauges(engine))
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: RequestLogMiddleware(bases: bases, metrics: metrics, logger: logger))
    let catalog = RouteCatalog()
    router.add(middleware: ErrorMiddleware(catalog: catalog))
    router.add(middleware: AccessMiddleware(bases: bases, settings: settings))
    AccessRoutes(metrics: metrics).register(on: router)
    Routes(settings: settings).register(on: router)
    catalog.record(router.routes.map { ("\($0.path)", $0.method.rawValue) })
    if !settings.dev, !bases.hasActiveAPIKeys() {
        let hint = "`switchboard keys create --role admin --name NAME --data \(engine.dataDirectory.path)` (or serve with --dev on loopback)"
        logger.notice("no API keys yet: every route but /healthz, /readyz and /metrics answers 401; create the admin key with \(hint)")
    }
    for (_, e) in bases.all { e.startTicketDelivery() }
    return Application(
        router: router,
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "switchboard"),
        onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? settings.port) },
        eventLoopGroupProvider: .shared(ioThreads),
        logger: logger
    )
}

/// The event loops that read and write the sockets: half the cores (at least one). Request work
/// runs on the dispatch pool (`blocking`), so the loops only parse and write; on 2 cores one loop
/// measured slightly faster than two (fewer threads competing with the engine's).
let ioThreads = MultiThreadedEventLoopGroup(numberOfThreads: max(1, System.coreCount / 2))
