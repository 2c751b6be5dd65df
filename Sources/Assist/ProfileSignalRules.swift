import TextAnalysis

/// What the profile signals read from a call, as configuration: which intents and words mean
/// EV interest, price sensitivity or a complaint, how the call's sentiment is summed up, and the
/// lifecycle thresholds. Defaults fit the default knowledge's intent labels; a knowledge base
/// with other labels passes its own (decoded from JSON, snake_case keys).
public struct ProfileSignalRules: Sendable, Hashable, Codable {
    /// Intents that show interest in electric cars (charging, range, home chargers).
    public var evIntents: [String]
    /// Powertrains whose mention counts as EV interest.
    public var evPowertrains: [String]
    /// Intents that are price, discount or financing talk.
    public var priceIntents: [String]
    /// Words (lower-cased substrings) that are price talk in any intent.
    public var priceWords: [String]
    /// Intents that are complaints.
    public var complaintIntents: [String]
    /// How the call's sentiment is summed up: `last` (the latest customer turn), `mean`
    /// (the mean score of customer turns), `worst_recent` (negative when any of the last
    /// `recent_turns` customer turns is).
    public var sentimentPolicy: String
    /// Turns `worst_recent` looks at.
    public var recentTurns: Int
    /// A mean score at or below this is negative (`mean` policy); at or above `-threshold` positive.
    public var meanThreshold: Double
    /// Months after the newest purchase during which a customer is a new owner.
    public var newOwnerMonths: Double
    /// Months without a service (on every car) after which a customer has lapsed.
    public var lapsedMonths: Double
    /// Tags that make a customer at risk.
    public var atRiskTags: [String]
    /// Whether entities named by the agent count as `conversation.entities` (else customers' only).
    public var entitiesFromAgent: Bool
    /// A customer turn's intent counts only at this calibrated confidence or more (when known).
    public var minIntentConfidence: Double
    /// A complaint intent (which blocks every offer but service recovery) needs this confidence.
    public var minComplaintConfidence: Double

    /// Creates rules.
    public init(evIntents: [String], evPowertrains: [String], priceIntents: [String], priceWords: [String],
                complaintIntents: [String], sentimentPolicy: String, recentTurns: Int, meanThreshold: Double,
                newOwnerMonths: Double, lapsedMonths: Double, atRiskTags: [String], entitiesFromAgent: Bool,
                minIntentConfidence: Double = 0, minComplaintConfidence: Double = 0) {
        self.evIntents = evIntents; self.evPowertrains = evPowertrains; self.priceIntents = priceIntents
        self.priceWords = priceWords; self.complaintIntents = complaintIntents; self.sentimentPolicy = sentimentPolicy
        self.recentTurns = recentTurns; self.meanThreshold = meanThreshold; self.newOwnerMonths = newOwnerMonths
        self.lapsedMonths = lapsedMonths; self.atRiskTags = atRiskTags; self.entitiesFromAgent = entitiesFromAgent
        self.minIntentConfidence = minIntentConfidence; self.minComplaintConfidence = minComplaintConfidence
    }

    /// Defaults for the default knowledge's labels (Knowledge/intents/intents.jsonl). The
    /// sentiment policy (`mean`) and the complaint confidence (0.5: a complaint blocks every
    /// other offer, so it must be more likely than not) were chosen on Knowledge/eval/nba.jsonl
    /// (`nba-eval` prints the grid): `last` 0.745, `worst_recent` 0.702, `mean` 0.809 accuracy.
    public static let `default` = ProfileSignalRules(
        evIntents: ["charging_problem", "charging_station", "home_charger", "range_question"],
        evPowertrains: ["ev"],
        priceIntents: ["price_inquiry", "financing", "ask_maintenance_price"],
        priceWords: ["discount", "cheaper", "too expensive", "优惠", "便宜", "折扣", "太贵"],
        complaintIntents: ["complaint"],
        sentimentPolicy: "mean", recentTurns: 2, meanThreshold: -0.25,
        newOwnerMonths: 12, lapsedMonths: 24, atRiskTags: ["complained_recently"], entitiesFromAgent: false,
        minIntentConfidence: 0, minComplaintConfidence: 0.5)

    enum CodingKeys: String, CodingKey {
        case evIntents = "ev_intents", evPowertrains = "ev_powertrains", priceIntents = "price_intents"
        case priceWords = "price_words", complaintIntents = "complaint_intents", sentimentPolicy = "sentiment_policy"
        case recentTurns = "recent_turns", meanThreshold = "mean_threshold", newOwnerMonths = "new_owner_months"
        case lapsedMonths = "lapsed_months", atRiskTags = "at_risk_tags", entitiesFromAgent = "entities_from_agent"
        case minIntentConfidence = "min_intent_confidence", minComplaintConfidence = "min_complaint_confidence"
    }
}

extension ProfileSignalRules {
    /// Whether `text`, lower-cased, contains one of `priceWords`.
    public func mentionsPrice(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return priceWords.contains { ByteSearch.contains(lowered, $0) }
    }

    /// Whether a turn is price talk: its noted facts when they were noted with these price words
    /// (an array shared with the rules compares in constant time), else `mentionsPrice(turn.text)`.
    public func priceTalk(in turn: CallTurn) -> Bool {
        if let facts = turn.facts, facts.priceWords == priceWords { return facts.priceTalk }
        return mentionsPrice(turn.text)
    }

    /// Decodes rules; every key is optional and falls back to `ProfileSignalRules.default`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ProfileSignalRules.default
        self.init(
            evIntents: try c.decodeIfPresent([String].self, forKey: .evIntents) ?? d.evIntents,
            evPowertrains: try c.decodeIfPresent([String].self, forKey: .evPowertrains) ?? d.evPowertrains,
            priceIntents: try c.decodeIfPresent([String].self, forKey: .priceIntents) ?? d.priceIntents,
            priceWords: try c.decodeIfPresent([String].self, forKey: .priceWords) ?? d.priceWords,
            complaintIntents: try c.decodeIfPresent([String].self, forKey: .complaintIntents) ?? d.complaintIntents,
            sentimentPolicy: try c.decodeIfPresent(String.self, forKey: .sentimentPolicy) ?? d.sentimentPolicy,
            recentTurns: try c.decodeIfPresent(Int.self, forKey: .recentTurns) ?? d.recentTurns,
            meanThreshold: try c.decodeIfPresent(Double.self, forKey: .meanThreshold) ?? d.meanThreshold,
            newOwnerMonths: try c.decodeIfPresent(Double.self, forKey: .newOwnerMonths) ?? d.newOwnerMonths,
            lapsedMonths: try c.decodeIfPresent(Double.self, forKey: .lapsedMonths) ?? d.lapsedMonths,
            atRiskTags: try c.decodeIfPresent([String].self, forKey: .atRiskTags) ?? d.atRiskTags,
            entitiesFromAgent: try c.decodeIfPresent(Bool.self, forKey: .entitiesFromAgent) ?? d.entitiesFromAgent,
            minIntentConfidence: try c.decodeIfPresent(Double.self, forKey: .minIntentConfidence) ?? d.minIntentConfidence,
            minComplaintConfidence: try c.decodeIfPresent(Double.self, forKey: .minComplaintConfidence) ?? d.minComplaintConfidence)
    }
}
