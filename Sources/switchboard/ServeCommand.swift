import ArgumentParser
import Engine
import Foundation
import HTTPServer
import Hummingbird
import LinearAlgebra

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
        if let note = BLASCoreType.restartNote { logger.info("\(note)") }
        let bases = try KnowledgeBases.open(dataDirectory: URL(fileURLWithPath: c.data), config: c.engine, logger: logger)
        let engine = bases.primary
        for (name, base) in bases.all {
            if name != KnowledgeBases.primaryName { logger.info("serving knowledge base", metadata: ["base": "\(name)"]) }
            try base.warmUp()
        }
        // From now on requests run their vector products side by side; OpenBLAS's workers would
        // only compete with them for the cores. OPENBLAS_NUM_THREADS, when set, decides instead.
        if ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] == nil { BLASThreads.set(1) }
        if ProcessInfo.processInfo.environment["MALLOC_ARENA_MAX"] == nil { MallocTuning.limitArenas(to: ProcessInfo.processInfo.activeProcessorCount) }
        let host = c.server.host
        let dev = c.server.dev
        let app = try buildApplication(engine: engine, bases: bases, settings: c.server, logger: logger) { port in
            logger.info("listening on http://\(host):\(port)\(dev ? " (dev mode: no API keys)" : "")")
        }
        try await app.runService()
        // A background retraining must not run into the process's exit (OpenBLAS is torn down by
        // then): it stops at its next epoch, unsaved, and is waited for.
        var unfinished = false
        for (name, base) in bases.all where !base.finishBackgroundWork(waitingUpTo: Self.backgroundWaitSeconds) {
            logger.warning("a background training did not stop in time", metadata: ["base": "\(name)"])
            unfinished = true
        }
        for (_, base) in bases.all {
            base.persistVectors()
            base.flushAnalytics()
        }
        // Still training: leave without the exit handlers, which would pull BLAS from under it.
        if unfinished { _exit(0) }
    }

    /// How long shutdown waits for background trainings to stop (one epoch, normally well under a second).
    static let backgroundWaitSeconds = 20.0
}

/// OpenBLAS's own thread pool, set for serving.
///
/// A server runs many small vector products at once (a query's encoding, its cosine with the
/// chunks), one per request thread. OpenBLAS's worker threads split each product and spin-wait
/// for each other, competing with the request threads for the same few cores: one thread per
/// product is faster under load, and the results are the same.
enum BLASThreads {
    /// Calls `openblas_set_num_threads(count)`; false when OpenBLAS is not the loaded BLAS.
    @discardableResult
    static func set(_ count: Int) -> Bool {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "openblas_set_num_threads") else { return false }
        typealias SetThreads = @convention(c) (Int32) -> Void
        unsafeBitCast(symbol, to: SetThreads.self)(Int32(clamping: count))
        return true
    }
}
