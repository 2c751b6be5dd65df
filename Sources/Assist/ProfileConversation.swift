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
    /// The turns are read in place, by index: a live call reads up to 200 of them on every turn.
    public static func derive(_ context: CallContext, rules: ProfileSignalRules) -> ConversationSignals {
        var intents: [String] = [], entities: [String] = [], types: [String: String] = [:]
        var complaintTurn: Int?
        let turns = context.turns
        var scored: [Int] = []
        // Whether each intent seen is a complaint, looked up once per intent, not once per turn
        // (a long call repeats a few intents many times).
        var complaint: [(intent: String, is: Bool)] = []
        for k in turns.indices where turns[k].isCustomer || rules.entitiesFromAgent {
            if turns[k].isCustomer {
                if turns[k].sentiment != nil || turns[k].sentimentScore != nil { scored.append(k) }
                if let i = turns[k].intent {
                    let confidence = turns[k].intentConfidence ?? 1
                    let isComplaint: Bool
                    if let known = complaint.first(where: { $0.intent == i }) {
                        isComplaint = known.is
                    } else {
                        isComplaint = rules.complaintIntents.contains(i)
                        complaint.append((i, isComplaint))
                    }
                    if confidence >= (isComplaint ? max(rules.minComplaintConfidence, rules.minIntentConfidence) : rules.minIntentConfidence) {
                        if !intents.contains(i) { intents.append(i) }
                        if isComplaint, complaintTurn == nil { complaintTurn = turns[k].number }
                    }
                }
            }
            for e in turns[k].entities where !entities.contains(e.id) {
                entities.append(e.id)
                types[e.id] = e.type
            }
        }
        var s = ConversationSignals(intents: intents, entities: entities, entityTypes: types, sentiment: nil,
                                    complained: complaintTurn != nil, language: context.language,
                                    channel: context.channel, explanations: [])
        s.explanations.append(ProfileSignal(name: "conversation.complained", value: String(s.complained),
                                            explanation: complaintTurn.map { "complaint intent in turn \($0)" } ?? "no complaint intent"))
        if let (label, why) = summarize(turns, scored: scored, rules: rules) {
            s.sentiment = label
            s.explanations.append(ProfileSignal(name: "conversation.sentiment", value: label, explanation: why))
        }
        return s
    }

    /// The call's sentiment from its customer turns with a sentiment (`scored`: their indices in `turns`, in order).
    static func summarize(_ turns: [CallTurn], scored: [Int], rules: ProfileSignalRules) -> (String, String)? {
        guard let last = scored.last else { return nil }
        switch rules.sentimentPolicy {
        case "mean":
            var sum = 0.0, count = 0
            for k in scored { if let s = turns[k].sentimentScore { sum += s; count += 1 } }
            guard count > 0 else { return nil }
            let mean = sum / Double(count)
            let label = mean <= rules.meanThreshold ? "negative" : mean >= -rules.meanThreshold ? "positive" : "neutral"
            return (label, "mean score \(ProfileDates.round1(mean)) over \(count) customer turns")
        case "worst_recent":
            let recent = scored.suffix(max(1, rules.recentTurns))
            if let neg = recent.first(where: { turns[$0].sentiment == "negative" }) {
                return ("negative", "customer turn \(turns[neg].number) is negative (last \(recent.count) turns)")
            }
            return (turns[last].sentiment ?? "neutral", "latest customer turn \(turns[last].number)")
        default:
            return (turns[last].sentiment ?? "neutral", "latest customer turn \(turns[last].number)")
        }
    }
}
