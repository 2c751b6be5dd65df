import Foundation
import KnowledgeModel

/// One labelled call for the next-best-action evaluation: the replayed call (turns already
/// annotated with intents, sentiment and entities), the customer's profile, and the campaign a
/// good agent would offer (nil = none).
public struct NextBestActionCase: Sendable {
    public var session: String
    public var context: CallContext
    public var expected: String?
    /// The label's reason (shown beside misses).
    public var note: String

    public init(session: String, context: CallContext, expected: String?, note: String = "") {
        self.session = session; self.context = context; self.expected = expected; self.note = note
    }
}

/// Accuracy figures of one policy on the labelled calls.
public struct NextBestActionScores: Sendable, Hashable, Codable {
    public var cases: Int
    /// Top offer (or none) equals the label.
    public var accuracy: Double
    /// Of the calls where an offer was made, the share where it was the labelled one.
    public var precision: Double
    /// Of the calls labelled with an offer, the share where it was the top offer.
    public var recall: Double
    /// Of the calls labelled "none", the share where nothing was offered.
    public var noneAccuracy: Double
    public var offered: Int
}

/// One call's outcome under our policy and the baseline.
public struct NextBestActionOutcome: Sendable, Hashable {
    public var session: String
    public var expected: String?
    public var ours: String?
    public var baseline: String?
    public var purchaseIntent: Double
    public var reason: String
    public var note: String
}

/// Replays labelled calls through `NextBestActions` and a keyword baseline in the same run.
///
/// The baseline offers the best-priority campaign (then value, then id) whose condition tests
/// `conversation.intents` for an intent the call has, ignoring the profile, the rest of the
/// condition and the hard rule (only the validity window applies).
public enum NextBestActionEval {
    /// Our top offer per call, the baseline's, and both policies' scores.
    public static func run(_ cases: [NextBestActionCase], campaigns: [Campaign], programs: [VehicleProgram],
                           intentModel: PurchaseIntentModel, rules: ProfileSignalRules = .default,
                           order: NextBestActionOrder = .priorityThenValue)
        -> (ours: NextBestActionScores, baseline: NextBestActionScores, outcomes: [NextBestActionOutcome]) {
        let book = CampaignBook(campaigns)
        var outcomes: [NextBestActionOutcome] = []
        for c in cases {
            let signals = ProfileSignals.derive(profile: c.context.customer, programs: programs, context: c.context, rules: rules)
            let p = intentModel.score(signals).probability
            let ranked = NextBestActions.rank(book: book, signals: signals, context: c.context, purchaseIntent: p, order: order)
            outcomes.append(NextBestActionOutcome(
                session: c.session, expected: c.expected, ours: ranked.first?.campaignID,
                baseline: baseline(book: book, context: c.context), purchaseIntent: p,
                reason: ranked.first?.reason ?? "", note: c.note))
        }
        return (score(outcomes.map { ($0.expected, $0.ours) }), score(outcomes.map { ($0.expected, $0.baseline) }), outcomes)
    }

    /// The keyword baseline's offer for a call (every customer turn's intent counts).
    public static func baseline(book: CampaignBook, context: CallContext) -> String? {
        let intents = Set(context.turns.filter(\.isCustomer).compactMap(\.intent))
        let now = context.now
        let hits = book.campaigns.filter { c in
            guard case .open = CampaignGate.check(c.campaign, now: now, conversation: ConversationSignals.neutral) else { return false }
            return c.condition.containedLiterals(of: .conversationIntents).contains { intents.contains($0) }
        }
        return hits.min { a, b in
            let pa = a.campaign.priority ?? Int.max, pb = b.campaign.priority ?? Int.max
            if pa != pb { return pa < pb }
            if a.campaign.value != b.campaign.value { return a.campaign.value > b.campaign.value }
            return a.campaign.id < b.campaign.id
        }?.campaign.id
    }

    /// Scores (label, prediction) pairs.
    public static func score(_ pairs: [(expected: String?, predicted: String?)]) -> NextBestActionScores {
        let n = pairs.count
        let correct = pairs.filter { $0.expected == $0.predicted }.count
        let offered = pairs.filter { $0.predicted != nil }
        let offeredRight = offered.filter { $0.expected == $0.predicted }.count
        let labelled = pairs.filter { $0.expected != nil }
        let labelledRight = labelled.filter { $0.expected == $0.predicted }.count
        let nones = pairs.filter { $0.expected == nil }
        let noneRight = nones.filter { $0.predicted == nil }.count
        func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
        return NextBestActionScores(cases: n, accuracy: ratio(correct, n), precision: ratio(offeredRight, offered.count),
                                    recall: ratio(labelledRight, labelled.count), noneAccuracy: ratio(noneRight, nones.count),
                                    offered: offered.count)
    }
}

extension ConversationSignals {
    /// A call with no intents, entities, complaint or sentiment.
    static let neutral = ConversationSignals(intents: [], entities: [], entityTypes: [:], sentiment: nil, complained: false,
                                             language: nil, channel: nil, explanations: [])
}
