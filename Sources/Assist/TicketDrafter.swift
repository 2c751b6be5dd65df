import Foundation
import KnowledgeModel

/// Drafts tickets from calls.
///
/// A ticket is needed when the outcome is `ticket`, `escalated` or `unresolved`, when the agent
/// committed to act later (a deadline follow-up: "within 24 hours", a call back), or when the priority is `high` or `urgent`
/// (a safety problem or an angry repeat caller is followed up even when the call went well).
/// A resolved call without such commitments (an appointment time is none) at `low`/`medium` priority gets no ticket (`nil`).
public struct TicketDrafter: Sendable {
    public let router: DepartmentRouter
    public let assessor: PriorityAssessor
    /// Lexicon entities by id (dealer look-up by city, names of models).
    let entities: [String: LexiconEntity]
    /// Dealer entity ids per city entity id, sorted.
    let dealersByCity: [String: [String]]
    /// City entity id per normalized city name or alias.
    let cityByName: [String: String]

    /// - Parameters:
    ///   - router: the department router (its knowledge also gives the priority rules).
    ///   - lexicon: the knowledge's lexicon (dealers with `located_in` relations to cities).
    public init(router: DepartmentRouter, lexicon: [LexiconEntity] = []) {
        self.router = router
        self.assessor = PriorityAssessor(knowledge: router.knowledge)
        var byID: [String: LexiconEntity] = [:]
        var dealers: [String: [String]] = [:]
        var cities: [String: String] = [:]
        for e in lexicon {
            byID[e.id] = e
            if e.type == "dealer" {
                for r in e.relations where r.type == "located_in" { dealers[r.target, default: []].append(e.id) }
            }
            if e.type == "city" {
                for name in [e.name] + e.aliases { cities[name.lowercased()] = e.id }
            }
        }
        self.entities = byID
        self.dealersByCity = dealers.mapValues { $0.sorted() }
        self.cityByName = cities
    }

    /// The ticket for a call, or nil when no follow-up is needed.
    public func draft(_ context: CallContext, summary: CallSummary) -> TicketDraft? {
        let lang = summary.language
        let priority = assessor.assess(context, language: lang)
        guard let reason = needReason(summary: summary, priority: priority.priority) else { return nil }
        let routing = router.route(context)
        let fields = fields(context, summary: summary)
        let category = summary.issue?.intent ?? summary.intents.first ?? "general"
        let faultIDs = summary.entities.filter { $0.type == "fault" || $0.type == "warning_light" }.map(\.id)
        var turns = Set(summary.citedTurns)
        for t in context.turns where t.entities.contains(where: { faultIDs.contains($0.id) }) { turns.insert(t.number) }
        return TicketDraft(category: category, subcategory: faultIDs.first, priority: priority.priority,
                           priorityReasons: priority.reasons, department: routing.department, departments: routing.top,
                           routingEvidence: routing.evidence, fields: fields,
                           title: title(category: category, fields: fields, language: lang, issue: summary.issue?.text),
                           description: summary.text, outcome: summary.outcome, reason: reason, sourceTurns: turns.sorted(),
                           language: lang)
    }

    /// Why the call needs a ticket, or nil.
    func needReason(summary: CallSummary, priority: TicketPriority) -> String? {
        let zh = summary.language == "zh"
        switch summary.outcome {
        case .ticket: return zh ? "通话中已建单" : "a case was opened in the call"
        case .escalated: return zh ? "已升级处理" : "the call was escalated"
        case .unresolved: return zh ? "问题未解决" : "the issue is unresolved"
        case .resolved: break
        }
        if let f = summary.followUps.first(where: \.isDeadline) { return zh ? "坐席承诺跟进（第\(f.turn)轮：\(f.when)）" : "the agent promised a follow-up (turn \(f.turn): \(f.when))" }
        if priority >= .high { return zh ? "优先级\(priority.rawValue)，需要跟进" : "\(priority.rawValue) priority needs a follow-up" }
        return nil
    }

    /// Vehicle, faults and dealer.
    func fields(_ context: CallContext, summary: CallSummary) -> TicketFields {
        var f = TicketFields()
        let modelNames = summary.entities.filter { $0.type == "model" }.map(\.name)
        let trims = summary.entities.filter { $0.type == "trim" }.map(\.name)
        if let vehicles = context.customer?.vehicles, !vehicles.isEmpty {
            let v = vehicles.first { modelNames.contains($0.model) } ?? vehicles[0]
            f.vehicle = TicketVehicle(model: v.model, trim: v.trim, vin: v.vin, source: "profile")
        } else if let m = modelNames.first {
            f.vehicle = TicketVehicle(model: m, trim: trims.first, source: "call")
        }
        f.faults = summary.entities.filter { $0.type == "fault" || $0.type == "warning_light" }.map(\.name)
        if let d = summary.entities.first(where: { $0.type == "dealer" }) {
            f.dealer = d.name; f.dealerSource = "call"
        } else if let city = context.customer?.city, let cityID = cityByName[city.lowercased()],
                  let dealer = dealersByCity[cityID]?.first {
            f.dealer = entities[dealer]?.name ?? dealer; f.dealerSource = "profile_city"
        }
        return f
    }

    /// "E9 · Door won't open · report_fault" style titles (issue text when nothing is known).
    func title(category: String, fields: TicketFields, language: String, issue: String?) -> String {
        var parts: [String] = []
        if let m = fields.vehicle?.model { parts.append(m) }
        if let fault = fields.faults.first { parts.append(fault) }
        parts.append(category)
        if parts.count == 1, let issue { parts.append(CallSummarizer.clip(issue, 40)) }
        return parts.joined(separator: " · ")
    }
}
