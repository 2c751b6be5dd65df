import Foundation
import GRDB

/// A closed conversation as `calls` keeps it: its summary and QA scorecard as JSON.
public struct StoredCall: Sendable, Hashable {
    public var id: String
    /// Seconds since 1970.
    public var closedAt: Double
    public var agentID: String?
    public var customerID: String?
    /// `live` (closed through the API) or `batch` (an imported transcript scored in bulk).
    public var source: String
    /// The QA score 0...100, when scored.
    public var score: Double?
    public var summaryJSON: String
    public var scorecardJSON: String
    public var ticketID: String?

    public init(id: String, closedAt: Double, agentID: String?, customerID: String?, source: String, score: Double?,
                summaryJSON: String, scorecardJSON: String, ticketID: String?) {
        self.id = id; self.closedAt = closedAt; self.agentID = agentID; self.customerID = customerID; self.source = source
        self.score = score; self.summaryJSON = summaryJSON; self.scorecardJSON = scorecardJSON; self.ticketID = ticketID
    }
}

/// A ticket in the outbox: `pending` until the webhook takes it (`delivered`), `dead_letter` when
/// every attempt failed, `held` when no webhook is configured. The body is never deleted.
public struct StoredTicket: Sendable, Hashable {
    public var id: String
    public var callID: String
    public var createdAt: Double
    public var department: String
    public var priority: String
    public var bodyJSON: String
    public var status: String
    public var attempts: Int
    public var nextAttemptAt: Double?
    public var lastError: String?
    public var deliveredAt: Double?

    public init(id: String, callID: String, createdAt: Double, department: String, priority: String, bodyJSON: String,
                status: String, attempts: Int = 0, nextAttemptAt: Double? = nil, lastError: String? = nil, deliveredAt: Double? = nil) {
        self.id = id; self.callID = callID; self.createdAt = createdAt; self.department = department; self.priority = priority
        self.bodyJSON = bodyJSON; self.status = status; self.attempts = attempts; self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError; self.deliveredAt = deliveredAt
    }
}

extension Store {
    /// Saves a closed call and its ticket (if any) in one transaction.
    public func saveCall(_ call: StoredCall, ticket: StoredTicket?) throws(StorageError) {
        try write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO calls (id, closed_at, agent_id, customer_id, source, score, summary, scorecard, ticket_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [call.id, call.closedAt, call.agentID, call.customerID, call.source, call.score,
                                 call.summaryJSON, call.scorecardJSON, call.ticketID])
            if let t = ticket { try Self.insert(t, db) }
        }
    }

    /// Closed calls, newest first; only one agent's when `agent` is given.
    public func calls(agent: String? = nil, source: String? = nil, limit: Int = 100) throws(StorageError) -> [StoredCall] {
        try read { db in
            var sql = "SELECT * FROM calls WHERE 1"
            var args: [(any DatabaseValueConvertible)?] = []
            if let agent { sql += " AND agent_id = ?"; args.append(agent) }
            if let source { sql += " AND source = ?"; args.append(source) }
            sql += " ORDER BY closed_at DESC, id LIMIT ?"
            args.append(limit)
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(Self.call)
        }
    }

    /// One closed call, or nil.
    public func call(id: String) throws(StorageError) -> StoredCall? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM calls WHERE id = ?", arguments: [id]).map(Self.call) }
    }

    /// Tickets, newest first; only those in `status` when given.
    public func tickets(status: String? = nil, limit: Int = 100) throws(StorageError) -> [StoredTicket] {
        try read { db in
            if let status {
                return try Row.fetchAll(db, sql: "SELECT * FROM tickets WHERE status = ? ORDER BY created_at DESC, id LIMIT ?",
                                        arguments: [status, limit]).map(Self.ticket)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM tickets ORDER BY created_at DESC, id LIMIT ?", arguments: [limit]).map(Self.ticket)
        }
    }

    /// One ticket, or nil.
    public func ticket(id: String) throws(StorageError) -> StoredTicket? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM tickets WHERE id = ?", arguments: [id]).map(Self.ticket) }
    }

    /// Pending tickets whose next attempt is due at `now`, oldest first.
    public func dueTickets(now: Double, limit: Int = 20) throws(StorageError) -> [StoredTicket] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM tickets WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
                ORDER BY created_at, id LIMIT ?
                """, arguments: [now, limit]).map(Self.ticket)
        }
    }

    /// Records the outcome of a delivery attempt (or a re-queue).
    public func updateTicket(id: String, status: String, attempts: Int, nextAttemptAt: Double?, lastError: String?,
                             deliveredAt: Double?) throws(StorageError) {
        try write { db in
            try db.execute(sql: """
                UPDATE tickets SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?, delivered_at = ? WHERE id = ?
                """, arguments: [status, attempts, nextAttemptAt, lastError, deliveredAt, id])
        }
    }

    /// Ticket counts by status.
    public func ticketCounts() throws(StorageError) -> [String: Int] {
        try read { db in
            var out: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM tickets GROUP BY status") { out[row["status"]] = row["n"] }
            return out
        }
    }

    private static func insert(_ t: StoredTicket, _ db: Database) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO tickets (id, call_id, created_at, department, priority, body, status, attempts, next_attempt_at, last_error, delivered_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [t.id, t.callID, t.createdAt, t.department, t.priority, t.bodyJSON, t.status, t.attempts,
                             t.nextAttemptAt, t.lastError, t.deliveredAt])
    }

    private static func call(_ r: Row) -> StoredCall {
        StoredCall(id: r["id"], closedAt: r["closed_at"], agentID: r["agent_id"], customerID: r["customer_id"], source: r["source"],
                   score: r["score"], summaryJSON: r["summary"], scorecardJSON: r["scorecard"], ticketID: r["ticket_id"])
    }

    private static func ticket(_ r: Row) -> StoredTicket {
        StoredTicket(id: r["id"], callID: r["call_id"], createdAt: r["created_at"], department: r["department"], priority: r["priority"],
                     bodyJSON: r["body"], status: r["status"], attempts: r["attempts"], nextAttemptAt: r["next_attempt_at"],
                     lastError: r["last_error"], deliveredAt: r["delivered_at"])
    }
}
