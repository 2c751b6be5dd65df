import Assist
import Foundation
import KnowledgeModel
import Storage

/// A ticket drafted at close and put in the outbox.
public struct IssuedTicket: Codable, Sendable {
    public var id: String
    /// held (no webhook configured) or pending (queued for the webhook).
    public var status: String
    public var draft: TicketDraft
}

/// `POST /v1/conversations/{id}/close`: the summary, the QA scorecard and the ticket (when the
/// call needs follow-up), all stored.
public struct CloseResult: Codable, Sendable {
    public var conversationID: String
    public var turns: Int
    public var summary: CallSummary
    public var scorecard: QAScorecard
    public var ticket: IssuedTicket?
    public var sentimentTrend: [Double]
    public var escalated: Bool

    enum CodingKeys: String, CodingKey {
        case conversationID = "conversation_id", turns, summary, scorecard, ticket, sentimentTrend = "sentiment_trend", escalated
    }
}

/// What the webhook receives.
struct TicketEnvelope: Codable {
    var id: String
    var conversationID: String
    var createdAt: String
    var customerID: String?
    var agentID: String?
    var ticket: TicketDraft
    var summary: String

    enum CodingKeys: String, CodingKey {
        case id, conversationID = "conversation_id", createdAt = "created_at", customerID = "customer_id", agentID = "agent_id", ticket, summary
    }
}

extension Engine {
    /// The knowledge's routing file (departments, priority rules, cues); empty without one.
    func routingKnowledge() throws(EngineError) -> RoutingKnowledge {
        let lines: [String]
        do { lines = try store.recordJSON(kind: .routing) } catch { throw Engine.storageError(error) }
        return try derived.value("routing", in: store) { () throws(EngineError) -> RoutingKnowledge in
            guard !lines.isEmpty else { return RoutingKnowledge(departments: []) }
            do { return try RoutingKnowledge.parse(Data(lines.joined(separator: "\n").utf8)) } catch {
                logger.warning("routing knowledge unreadable; tickets are not routed", metadata: ["error": "\(error)"])
                return RoutingKnowledge(departments: [])
            }
        }
    }

    /// The ticket drafter: a department router trained on the intent examples labelled through the
    /// routing knowledge (nil when the knowledge names fewer than two departments).
    func ticketDrafter() throws(EngineError) -> TicketDrafter? {
        let knowledge = try routingKnowledge()
        return try derived.value("ticket_drafter", in: store) { () throws(EngineError) -> TicketDrafter? in
            let examples: [IntentExample]
            let lexicon: [LexiconEntity]
            do throws(StorageError) {
                examples = try store.intentExamples()
                lexicon = try store.records(kind: .entity, as: LexiconEntity.self)
            } catch {
                throw Engine.storageError(error)
            }
            guard let router = try? DepartmentRouter.train(knowledge: knowledge, intentExamples: examples) else { return nil }
            return TicketDrafter(router: router, lexicon: lexicon)
        }
    }

    /// Closes a conversation: summary, QA scorecard and (when follow-up is needed) a ticket, stored
    /// together; the ticket goes to the outbox and, with a webhook configured, out.
    public func closeConversation(_ id: String) throws(EngineError) -> CloseResult {
        guard let c = conversations.get(id) else { throw EngineError.notFound("conversation_not_found", "no open conversation with id '\(id)'") }
        guard !c.closed else { throw EngineError(.conflict, code: "conversation_closed", "conversation '\(id)' is closed") }
        // The call's tally has every turn (as live assist read them); the kept turns are the fallback.
        var context = CallContext(turns: c.calls, language: c.tally.map { Self.language(of: $0.customerLetters) } ?? Self.language(of: c.calls),
                                  channel: c.start.channel, customer: c.profile, agentID: c.start.agentID)
        context.tally = c.tally
        let summary = CallSummarizer(knowledge: try routingKnowledge()).summarize(context)
        let rules = try qaRuleSet()
        let inspector = c.inspector ?? QAInspector(ruleSet: rules)
        let scorecard = inspector.scorecard()
        let draft = try ticketDrafter()?.draft(context, summary: summary)
        let now = Date()
        var issued: IssuedTicket?
        var stored: StoredTicket?
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if let draft {
            let ticketID = "T" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
            let envelope = TicketEnvelope(id: ticketID, conversationID: id, createdAt: ISO8601DateFormatter().string(from: now),
                                          customerID: c.profile?.id.isEmpty == false ? c.profile?.id : c.start.customerID,
                                          agentID: c.start.agentID, ticket: draft, summary: summary.text)
            guard let body = try? encoder.encode(envelope) else { throw EngineError(.internal, code: "internal", "could not encode the ticket") }
            issued = IssuedTicket(id: ticketID, status: newTicketStatus, draft: draft)
            stored = StoredTicket(id: ticketID, callID: id, createdAt: now.timeIntervalSince1970, department: draft.department,
                                  priority: draft.priority.rawValue, bodyJSON: String(decoding: body, as: UTF8.self), status: newTicketStatus)
        }
        guard let summaryJSON = try? encoder.encode(summary), let cardJSON = try? encoder.encode(scorecard) else {
            throw EngineError(.internal, code: "internal", "could not encode the call record")
        }
        let call = StoredCall(id: id, closedAt: now.timeIntervalSince1970, agentID: c.start.agentID,
                              customerID: c.start.customerID ?? c.profile.flatMap { $0.id.isEmpty ? nil : $0.id }, source: "live",
                              score: scorecard.score, summaryJSON: String(decoding: summaryJSON, as: UTF8.self),
                              scorecardJSON: String(decoding: cardJSON, as: UTF8.self), ticketID: issued?.id)
        do { try store.saveCall(call, ticket: stored) } catch { throw Engine.storageError(error) }
        conversations.update(id) { $0.closed = true }
        conversations.finish(id)
        if stored != nil { startTicketDelivery() }
        return CloseResult(conversationID: id, turns: c.results.count, summary: summary, scorecard: scorecard, ticket: issued,
                           sentimentTrend: c.results.compactMap { $0.sentiment?.score },
                           escalated: c.results.contains { $0.sentiment?.escalate == true })
    }
}
