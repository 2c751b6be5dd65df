import Foundation

/// The keyword-rule baseline: each department's keywords (`routing.jsonl`) are counted in the
/// customer's words; most distinct hits wins (ties and no hits: the knowledge's department order).
/// Confidences are hit shares (uniform when nothing hits).
public struct KeywordRouter: Sendable {
    public let knowledge: RoutingKnowledge
    let matchers: [PhraseMatcher]

    public init(knowledge: RoutingKnowledge) {
        self.knowledge = knowledge
        self.matchers = knowledge.departments.map { PhraseMatcher($0.keywords) }
    }

    /// Routes a call by keyword hits.
    public func route(_ context: CallContext) -> RoutingDecision {
        let ids = knowledge.departments.map(\.id)
        let text = context.turns.filter(\.isCustomer).map(\.text).joined(separator: "\n")
        var evidence: [String] = []
        var hits = [Double](repeating: 0, count: ids.count)
        for (i, m) in matchers.enumerated() {
            let found = m.matches(in: text)
            hits[i] = Double(found.count)
            if !found.isEmpty { evidence.append("\(ids[i]): \(found.joined(separator: ", "))") }
        }
        let total = hits.reduce(0, +)
        let p = total > 0 ? hits.map { $0 / total } : hits.map { _ in 1 / Double(max(1, ids.count)) }
        return DepartmentRouter.decision(ids: ids, probabilities: p, evidence: evidence)
    }
}
