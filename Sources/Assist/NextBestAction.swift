import Foundation
import KnowledgeModel

/// One offer the agent can make now, with why and what to say.
public struct NextBestAction: Sendable, Hashable, Codable {
    public var campaignID: String
    public var name: String
    /// The ranking score: `expected_value` (CNY).
    public var score: Double
    /// The offer's value × the call's purchase intent (CNY).
    public var expectedValue: Double
    public var priority: Int?
    public var serviceRecovery: Bool
    /// The conditions that held, in words.
    public var reason: String
    public var clauses: [ConditionClause]
    /// What the agent says, in the call's language (English when the campaign has none in it).
    public var script: String?

    enum CodingKeys: String, CodingKey {
        case campaignID = "campaign_id", name, score, expectedValue = "expected_value", priority
        case serviceRecovery = "service_recovery", reason, clauses, script
    }
}

/// How eligible offers are ordered.
public enum NextBestActionOrder: String, Sendable, Hashable, Codable, CaseIterable {
    /// Campaign priority first (1 before 2), then expected value, then id. Measured best on
    /// Knowledge/eval/nba.jsonl (see `NextBestActionEval`), and the order the labels' reasons describe.
    case priorityThenValue = "priority_then_value"
    /// Expected value first, then priority, then id.
    case valueThenPriority = "value_then_priority"
}

/// Ranks campaigns for a call.
public enum NextBestActions {
    /// The eligible offers, best first. A campaign is eligible when its validity window contains
    /// `context.now`, the hard rule lets it through (no offer after a complaint or with negative
    /// sentiment unless it is service recovery) and its condition holds.
    public static func rank(campaigns: [Campaign], signals: ProfileSignals, context: CallContext,
                            purchaseIntent: Double, order: NextBestActionOrder = .priorityThenValue) -> [NextBestAction] {
        rank(book: CampaignBook(campaigns), signals: signals, context: context, purchaseIntent: purchaseIntent, order: order)
    }

    /// `rank` over campaigns parsed once.
    public static func rank(book: CampaignBook, signals: ProfileSignals, context: CallContext,
                            purchaseIntent: Double, order: NextBestActionOrder = .priorityThenValue) -> [NextBestAction] {
        let env = signals.environment(purchaseIntent: purchaseIntent)
        let language = context.language ?? signals.conversation.language ?? "en"
        var out: [NextBestAction] = []
        for c in book.campaigns {
            guard case .open = CampaignGate.check(c, now: context.now, conversation: signals.conversation),
                  c.condition.evaluate(env) else { continue }
            let held = c.condition.explain(env)
            let ev = c.campaign.value * purchaseIntent
            out.append(NextBestAction(
                campaignID: c.campaign.id, name: language == "zh" ? (c.campaign.nameZh ?? c.campaign.name) : c.campaign.name,
                score: ev, expectedValue: ev, priority: c.campaign.priority, serviceRecovery: c.campaign.serviceRecovery,
                reason: describe(held), clauses: held,
                script: c.campaign.script[language] ?? c.campaign.script["en"] ?? c.campaign.script.values.sorted().first))
        }
        let value = Dictionary(book.campaigns.map { ($0.campaign.id, $0.campaign.value) }, uniquingKeysWith: { a, _ in a })
        out.sort { a, b in
            let pa = a.priority ?? Int.max, pb = b.priority ?? Int.max
            let va = value[a.campaignID] ?? 0, vb = value[b.campaignID] ?? 0
            switch order {
            case .priorityThenValue:
                if pa != pb { return pa < pb }
                if va != vb { return va > vb }
            case .valueThenPriority:
                if va != vb { return va > vb }
                if pa != pb { return pa < pb }
            }
            return a.campaignID < b.campaignID
        }
        return out
    }

    /// "vehicle.model == 'L5' (L5); vehicle.age_years >= 1 (1.3)".
    static func describe(_ clauses: [ConditionClause]) -> String {
        clauses.map { c in
            let values = c.values.sorted { $0.key < $1.key }.map(\.value).joined(separator: ", ")
            return values.isEmpty ? c.text : "\(c.text) (\(values))"
        }.joined(separator: "; ")
    }
}
