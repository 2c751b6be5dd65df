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

    /// The signals of `tally` (see `CallTally`), for a call on `context`'s channel and language.
    public static func derive(_ tally: CallTally, context: CallContext) -> ConversationSignals {
        var s = ConversationSignals(intents: tally.intents, entities: tally.entities, entityTypes: tally.entityTypes,
                                    sentiment: nil, complained: tally.complaintTurn != nil, language: context.language,
                                    channel: context.channel, explanations: [])
        s.explanations.append(ProfileSignal(name: "conversation.complained", value: String(s.complained),
                                            explanation: tally.complaintTurn.map { "complaint intent in turn \($0)" } ?? "no complaint intent"))
        if let (label, why) = tally.sentiment() {
            s.sentiment = label
            s.explanations.append(ProfileSignal(name: "conversation.sentiment", value: label, explanation: why))
        }
        return s
    }
}
