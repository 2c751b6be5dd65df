import KnowledgeModel

/// What the call so far says, as campaign conditions read it.
public struct ConversationSignals: Sendable, Hashable {
    /// Distinct intents of customer turns, in order of first appearance.
    public var intents: [String]
    /// Distinct entity ids named in the call, in order of first appearance.
    public var entities: [String]
    /// Entity types by id.
    public var entityTypes: [String: String]
    /// negative | neutral | positive, summed up by `ProfileSignalRules.sentimentPolicy`; nil when unknown.
    public var sentiment: String?
    /// True after a customer turn with a complaint intent.
    public var complained: Bool
    public var language: String?
    public var channel: String?
    /// How `sentiment` and `complained` were decided.
    public var explanations: [ProfileSignal]

    /// Reads the call's customer turns (and, with `rules.entitiesFromAgent`, the agent's entities).
    public static func derive(_ context: CallContext, rules: ProfileSignalRules) -> ConversationSignals {
        var intents: [String] = [], entities: [String] = [], types: [String: String] = [:]
        var complaintTurn: Int?
        for t in context.turns {
            if t.isCustomer, let i = t.intent {
                let confidence = t.intentConfidence ?? 1
                let isComplaint = rules.complaintIntents.contains(i)
                if confidence >= (isComplaint ? max(rules.minComplaintConfidence, rules.minIntentConfidence) : rules.minIntentConfidence) {
                    if !intents.contains(i) { intents.append(i) }
                    if isComplaint, complaintTurn == nil { complaintTurn = t.number }
                }
            }
            guard t.isCustomer || rules.entitiesFromAgent else { continue }
            for e in t.entities where !entities.contains(e.id) {
                entities.append(e.id)
                types[e.id] = e.type
            }
        }
        var s = ConversationSignals(intents: intents, entities: entities, entityTypes: types, sentiment: nil,
                                    complained: complaintTurn != nil, language: context.language,
                                    channel: context.channel, explanations: [])
        s.explanations.append(ProfileSignal(name: "conversation.complained", value: String(s.complained),
                                            explanation: complaintTurn.map { "complaint intent in turn \($0)" } ?? "no complaint intent"))
        let scored = context.turns.filter { $0.isCustomer && ($0.sentiment != nil || $0.sentimentScore != nil) }
        if let (label, why) = summarize(scored, rules: rules) {
            s.sentiment = label
            s.explanations.append(ProfileSignal(name: "conversation.sentiment", value: label, explanation: why))
        }
        return s
    }

    static func summarize(_ turns: [CallTurn], rules: ProfileSignalRules) -> (String, String)? {
        guard let last = turns.last else { return nil }
        switch rules.sentimentPolicy {
        case "mean":
            let scores = turns.compactMap(\.sentimentScore)
            guard !scores.isEmpty else { return nil }
            let mean = scores.reduce(0, +) / Double(scores.count)
            let label = mean <= rules.meanThreshold ? "negative" : mean >= -rules.meanThreshold ? "positive" : "neutral"
            return (label, "mean score \(ProfileDates.round1(mean)) over \(scores.count) customer turns")
        case "worst_recent":
            let recent = turns.suffix(max(1, rules.recentTurns))
            if let neg = recent.first(where: { $0.sentiment == "negative" }) {
                return ("negative", "customer turn \(neg.number) is negative (last \(recent.count) turns)")
            }
            return (last.sentiment ?? "neutral", "latest customer turn \(last.number)")
        default:
            return (last.sentiment ?? "neutral", "latest customer turn \(last.number)")
        }
    }
}
