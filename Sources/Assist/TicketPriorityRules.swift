import Foundation

/// A priority with the reasons behind it.
public struct PriorityAssessment: Sendable, Hashable, Codable {
    public var priority: TicketPriority
    /// One line per rule that fired (in the call's language), highest level first.
    public var reasons: [String]

    public init(priority: TicketPriority, reasons: [String]) { self.priority = priority; self.reasons = reasons }
}

/// Ticket priority from the knowledge's priority rules plus the customer's sentiment.
///
/// Each rule of `routing.jsonl` fires on its entities (any turn), entity types (any turn),
/// intents (customer turns) or phrases (customer words); the priority is the highest level that
/// fired. Sentiment adds one built-in signal: a customer turn at or below `negativeScore` makes
/// the call at least `medium`, and two rules of the highest fired level below `urgent` together
/// with that negativity raise it one level (an angry repeat complaint is more than a complaint).
/// Nothing fired: `low`.
public struct PriorityAssessor: Sendable {
    public let rules: [PriorityRule]
    let matchers: [PhraseMatcher]
    /// Sentiment score (−1…1) at or below which a customer turn counts as strongly negative.
    public var negativeScore = -0.6
    /// Intents classified below this confidence are ignored (one uncertain turn should not
    /// make a call urgent).
    public var minIntentConfidence = 0.5

    public init(knowledge: RoutingKnowledge) {
        rules = knowledge.priorityRules
        matchers = knowledge.priorityRules.map { PhraseMatcher($0.keywords) }
    }

    /// The priority of a call.
    public func assess(_ context: CallContext, language: String) -> PriorityAssessment {
        let customer = context.turns.filter(\.isCustomer)
        let text = customer.map(\.text).joined(separator: "\n")
        let intents = Set(customer.compactMap { t in (t.intentConfidence ?? 1) >= minIntentConfidence ? t.intent : nil })
        let entityIDs = Set(context.turns.flatMap { $0.entities.map(\.id) })
        let entityTypes = Set(context.turns.flatMap { $0.entities.map(\.type) })
        var fired: [(level: TicketPriority, reason: String)] = []
        for (rule, matcher) in zip(rules, matchers) {
            if !rule.requiresIntents.isEmpty && intents.isDisjoint(with: rule.requiresIntents) { continue }
            var why: [String] = []
            let e = entityIDs.intersection(rule.entities)
            if !e.isEmpty { why.append(e.sorted().joined(separator: ", ")) }
            let types = entityTypes.intersection(rule.entityTypes)
            if !types.isEmpty && e.isEmpty { why.append(types.sorted().joined(separator: ", ")) }
            let i = intents.intersection(rule.intents)
            if !i.isEmpty { why.append(i.sorted().joined(separator: ", ")) }
            let words = matcher.matches(in: text)
            if !words.isEmpty { why.append("“" + words.prefix(3).joined(separator: "”, “") + "”") }
            if !why.isEmpty { fired.append((rule.level, "\(rule.level.rawValue): \(rule.reason(in: language)) — \(why.joined(separator: "; "))")) }
        }
        let negative = customer.compactMap(\.sentimentScore).min().map { $0 <= negativeScore } ?? false
        let ruleLevel = fired.map(\.level).max()
        if negative {
            fired.append((.medium, language == "zh" ? "medium: 客户情绪明显负面" : "medium: customer strongly negative"))
        }
        fired.sort { $0.level > $1.level }
        guard var level = fired.first?.level else {
            return PriorityAssessment(priority: .low, reasons: [language == "zh" ? "low: 无紧急信号" : "low: no urgency signal"])
        }
        // Two rules at the top level plus strong negativity: one level up.
        if negative, let top = ruleLevel, top == level, level < .urgent,
           fired.filter({ $0.level == level }).count - (level == .medium ? 1 : 0) >= 2,
           let raised = TicketPriority.allCases.first(where: { $0 > level }) {
            level = raised
            fired.insert((raised, language == "zh" ? "\(raised.rawValue): 多个信号叠加且客户情绪负面"
                                                  : "\(raised.rawValue): several signals and a strongly negative customer"), at: 0)
        }
        return PriorityAssessment(priority: level, reasons: fired.map(\.reason))
    }
}
