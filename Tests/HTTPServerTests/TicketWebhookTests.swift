import Engine
import Foundation
import Hummingbird
import Logging
import Storage
import Synchronization
import XCTest

/// Ticket delivery against a real local HTTP receiver that fails on purpose: retries until it
/// takes the ticket, dead letters after the last attempt, and never a lost ticket.
final class TicketWebhookTests: XCTestCase {
    /// A webhook receiver on a free port that answers 503 to the first `failures` posts.
    final class Receiver: @unchecked Sendable {
        let received = Mutex<[String]>([])
        let failuresLeft: Mutex<Int>
        private(set) var port = 0
        private var task: Task<Void, any Error>?

        init(failures: Int) async throws {
            failuresLeft = Mutex(failures)
            let router = Router()
            router.post("/hook") { [self] request, _ -> Response in
                let body = try await request.body.collect(upTo: 1 << 20)
                let fail = failuresLeft.withLock { n -> Bool in
                    if n > 0 { n -= 1; return true }
                    return false
                }
                if fail { return Response(status: .serviceUnavailable) }
                received.withLock { $0.append(String(buffer: body)) }
                return Response(status: .ok)
            }
            var logger = Logger(label: "receiver")
            logger.logLevel = .critical
            let (stream, continuation) = AsyncStream<Int>.makeStream()
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                                  onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
            task = Task { try await app.run() }
            for await p in stream { port = p; break }
        }

        func stop() async {
            task?.cancel()
            _ = try? await task?.value
        }
    }

    func engine(webhook: String, attempts: Int) throws -> (Engine, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("webhook-\(UUID().uuidString)")
        var config = EngineConfig()
        config.tickets = TicketDeliveryConfig(webhookURL: webhook, maxAttempts: attempts, backoffSeconds: 0.05, timeoutSeconds: 2)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return (try Engine(dataDirectory: dir, config: config, logger: logger), dir)
    }

    func storeTicket(_ engine: Engine, id: String) throws {
        let call = StoredCall(id: "call-\(id)", closedAt: Date().timeIntervalSince1970, agentID: "A1", customerID: nil, source: "live",
                              score: 100, summaryJSON: "{}", scorecardJSON: "{}", ticketID: id)
        let ticket = StoredTicket(id: id, callID: call.id, createdAt: Date().timeIntervalSince1970, department: "after_sales",
                                  priority: "high", bodyJSON: #"{"id":"\#(id)","department":"after_sales"}"#, status: "pending")
        try engine.store.saveCall(call, ticket: ticket)
    }

    func waitFor(_ engine: Engine, _ id: String, status: String, seconds: Double = 10) async throws -> TicketRecord {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let t = try engine.ticket(id).record
            if t.status == status { return t }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try engine.ticket(id).record
    }

    func testRetriesUntilTheReceiverTakesTheTicket() async throws {
        let receiver = try await Receiver(failures: 2)
        let (engine, dir) = try engine(webhook: "http://127.0.0.1:\(receiver.port)/hook", attempts: 5)
        defer { try? FileManager.default.removeItem(at: dir) }
        for i in 0..<3 { try storeTicket(engine, id: "T\(i)") }
        engine.startTicketDelivery()
        for i in 0..<3 {
            let t = try await waitFor(engine, "T\(i)", status: "delivered")
            XCTAssertEqual(t.status, "delivered")
        }
        let attempts = try (0..<3).map { try engine.ticket("T\($0)").record.attempts }.reduce(0, +)
        XCTAssertEqual(attempts, 5, "three deliveries after two 503s")
        XCTAssertEqual(receiver.received.withLock { $0 }.sorted(), (0..<3).map { #"{"id":"T\#($0)","department":"after_sales"}"# },
                       "each ticket received once, as stored")
        await receiver.stop()
    }

    func testDeadLetterAfterTheLastAttemptAndRetryDelivers() async throws {
        let receiver = try await Receiver(failures: 3)
        let (engine, dir) = try engine(webhook: "http://127.0.0.1:\(receiver.port)/hook", attempts: 3)
        defer { try? FileManager.default.removeItem(at: dir) }
        try storeTicket(engine, id: "T9")
        engine.startTicketDelivery()
        let dead = try await waitFor(engine, "T9", status: "dead_letter")
        XCTAssertEqual(dead.status, "dead_letter")
        XCTAssertEqual(dead.attempts, 3)
        XCTAssertEqual(dead.lastError, "HTTP 503")
        XCTAssertEqual(try engine.tickets(status: "dead_letter").map(\.id), ["T9"])
        XCTAssertTrue(String(decoding: try engine.ticket("T9").body, as: UTF8.self).contains("after_sales"), "the body is kept")
        _ = try engine.retryTicket("T9")
        let delivered = try await waitFor(engine, "T9", status: "delivered")
        XCTAssertEqual(delivered.status, "delivered")
        XCTAssertEqual(receiver.received.withLock { $0.count }, 1)
        await receiver.stop()
    }

    func testAnUnreachableWebhookKeepsEveryTicket() async throws {
        // Nothing listens on port 9 of loopback: every attempt fails to connect.
        let (engine, dir) = try engine(webhook: "http://127.0.0.1:9/hook", attempts: 2)
        defer { try? FileManager.default.removeItem(at: dir) }
        for i in 0..<5 { try storeTicket(engine, id: "U\(i)") }
        engine.startTicketDelivery()
        for i in 0..<5 {
            let t = try await waitFor(engine, "U\(i)", status: "dead_letter")
            XCTAssertEqual(t.status, "dead_letter")
        }
        XCTAssertEqual(try engine.tickets().count, 5)
    }
}
