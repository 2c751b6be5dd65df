import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Storage

/// A ticket in the outbox as `GET /v1/tickets` shows it.
public struct TicketRecord: Codable, Sendable {
    public var id: String
    public var conversationID: String
    public var createdAt: String
    public var department: String
    public var priority: String
    /// held (no webhook configured), pending, delivered or dead_letter.
    public var status: String
    public var attempts: Int
    public var nextAttemptAt: String?
    public var lastError: String?
    public var deliveredAt: String?

    enum CodingKeys: String, CodingKey {
        case id, conversationID = "conversation_id", createdAt = "created_at", department, priority, status, attempts
        case nextAttemptAt = "next_attempt_at", lastError = "last_error", deliveredAt = "delivered_at"
    }

    init(_ t: StoredTicket) {
        func iso(_ s: Double?) -> String? { s.map { ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: $0)) } }
        id = t.id; conversationID = t.callID; createdAt = iso(t.createdAt) ?? ""; department = t.department; priority = t.priority
        status = t.status; attempts = t.attempts; nextAttemptAt = iso(t.nextAttemptAt); lastError = t.lastError; deliveredAt = iso(t.deliveredAt)
    }
}

/// Ticket delivery: every ticket is stored before anyone is told about it (the outbox); a loop
/// then POSTs pending tickets to the configured webhook, retrying with exponential back-off, and
/// parks a ticket as `dead_letter` after `max_attempts`. Nothing here deletes a ticket.
extension Engine {
    /// The initial status of a new ticket: `pending` with a webhook, `held` without.
    var newTicketStatus: String { config.tickets.webhookURL == nil ? "held" : "pending" }

    /// Tickets, newest first, optionally only those in one status.
    public func tickets(status: String? = nil, limit: Int = 100) throws(EngineError) -> [TicketRecord] {
        if let status, !["held", "pending", "delivered", "dead_letter"].contains(status) {
            throw EngineError.badRequest("invalid_status", "status must be held, pending, delivered or dead_letter; got '\(status)'")
        }
        do { return try store.tickets(status: status, limit: limit).map(TicketRecord.init) } catch { throw Engine.storageError(error) }
    }

    /// One ticket with its body (the draft as delivered). - Throws: `ticket_not_found` (404).
    public func ticket(_ id: String) throws(EngineError) -> (record: TicketRecord, body: Data) {
        let t: StoredTicket?
        do { t = try store.ticket(id: id) } catch { throw Engine.storageError(error) }
        guard let t else { throw EngineError.notFound("ticket_not_found", "no ticket with id '\(id)'") }
        return (TicketRecord(t), Data(t.bodyJSON.utf8))
    }

    /// Puts a ticket back in the queue (after a dead letter, or to send it again).
    /// - Throws: `ticket_not_found` (404), `no_webhook` (409) when no webhook is configured.
    public func retryTicket(_ id: String) throws(EngineError) -> TicketRecord {
        guard config.tickets.webhookURL != nil else {
            throw EngineError(.conflict, code: "no_webhook", "no ticket webhook is configured (search.tickets.webhook_url)")
        }
        let current = try ticket(id).record
        do { try store.updateTicket(id: id, status: "pending", attempts: 0, nextAttemptAt: nil, lastError: current.lastError, deliveredAt: nil) } catch {
            throw Engine.storageError(error)
        }
        startTicketDelivery()
        return try ticket(id).record
    }

    /// Starts the delivery loop unless it runs or no webhook is configured. The loop ends when no
    /// ticket is pending; storing a ticket starts it again.
    public func startTicketDelivery() {
        guard let url = config.tickets.webhookURL.flatMap(URL.init(string:)) else { return }
        let start = ticketDelivery.withLock { running -> Bool in
            if running { return false }
            running = true
            return true
        }
        guard start else { return }
        Task.detached { [self] in await deliveryLoop(to: url) }
    }

    private func deliveryLoop(to url: URL) async {
        while true {
            let now = Date().timeIntervalSince1970
            for t in (try? store.dueTickets(now: now)) ?? [] { await deliver(t, to: url) }
            let pending = (try? store.tickets(status: "pending", limit: 10_000)) ?? []
            if pending.isEmpty {
                ticketDelivery.withLock { $0 = false }
                // A ticket stored between the check and the reset would otherwise wait for the next one.
                if (try? store.tickets(status: "pending", limit: 1))?.isEmpty == false { startTicketDelivery() }
                return
            }
            let next = pending.compactMap(\.nextAttemptAt).min() ?? now
            let wait = min(max(next - Date().timeIntervalSince1970, 0.02), 1.0)
            try? await Task.sleep(for: .seconds(wait))
        }
    }

    private func deliver(_ t: StoredTicket, to url: URL) async {
        var request = URLRequest(url: url, timeoutInterval: config.tickets.timeoutSeconds)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(t.id, forHTTPHeaderField: "Idempotency-Key")
        request.httpBody = Data(t.bodyJSON.utf8)
        var failure: String?
        do {
            let (_, response) = try await URLSession.shared.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            if !(200..<300).contains(status) { failure = "HTTP \(status)" }
        } catch {
            failure = error.localizedDescription
        }
        let attempts = t.attempts + 1
        let now = Date().timeIntervalSince1970
        do {
            if failure == nil {
                try store.updateTicket(id: t.id, status: "delivered", attempts: attempts, nextAttemptAt: nil, lastError: nil, deliveredAt: now)
                logger.info("ticket delivered", metadata: ["ticket": "\(t.id)", "attempts": "\(attempts)"])
            } else if attempts >= config.tickets.maxAttempts {
                try store.updateTicket(id: t.id, status: "dead_letter", attempts: attempts, nextAttemptAt: nil, lastError: failure, deliveredAt: nil)
                logger.warning("ticket moved to the dead-letter list", metadata: ["ticket": "\(t.id)", "attempts": "\(attempts)", "error": "\(failure ?? "")"])
            } else {
                let delay = min(config.tickets.backoffSeconds * pow(2, Double(attempts - 1)), 600)
                try store.updateTicket(id: t.id, status: "pending", attempts: attempts, nextAttemptAt: now + delay, lastError: failure, deliveredAt: nil)
                logger.notice("ticket delivery failed; will retry", metadata: ["ticket": "\(t.id)", "attempt": "\(attempts)", "retry_in_s": "\(delay)", "error": "\(failure ?? "")"])
            }
        } catch {
            logger.error("could not record a ticket delivery", metadata: ["ticket": "\(t.id)", "error": "\(error)"])
        }
    }
}
