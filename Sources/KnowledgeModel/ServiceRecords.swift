// Records imported from the structured Knowledge/ files (see KnowledgeRecords.swift for the
// conventions: snake_case keys through explicit CodingKeys, absent collections decode as empty).
// Campaigns (offers) and QA rules: what the service checks a call against.

/// An offer the agent may make when `condition` (see the campaign condition language) holds.
public struct Campaign: Codable, Sendable, Hashable, Identifiable {
    /// Unique id, e.g. `CMP-EXTWAR`.
    public var id: String
    /// The name (English).
    public var name: String
    /// The Chinese name, when given.
    public var nameZh: String?
    /// What the offer is, for agents.
    public var description: String?
    /// An expression such as `vehicle.age_years >= 3 and conversation.intents contains 'report_fault'`.
    public var condition: String
    /// The offer's value (CNY).
    public var value: Double
    /// Lower numbers rank first, when given.
    public var priority: Int?
    /// What the agent says, by language code (`zh`, `en`).
    public var script: [String: String]
    /// True for goodwill offers allowed after a complaint or with negative sentiment.
    public var serviceRecovery: Bool
    /// First valid day, `yyyy-MM-dd`.
    public var validFrom: String?
    /// Last valid day, `yyyy-MM-dd`.
    public var validTo: String?

    /// Creates a campaign.
    public init(id: String, name: String, nameZh: String? = nil, description: String? = nil,
                condition: String, value: Double = 0, priority: Int? = nil, script: [String: String] = [:],
                serviceRecovery: Bool = false, validFrom: String? = nil, validTo: String? = nil) {
        self.id = id; self.name = name; self.nameZh = nameZh; self.description = description
        self.condition = condition; self.value = value; self.priority = priority; self.script = script
        self.serviceRecovery = serviceRecovery; self.validFrom = validFrom; self.validTo = validTo
    }

    enum CodingKeys: String, CodingKey {
        case id, name, nameZh = "name_zh", description, condition, value, priority, script
        case serviceRecovery = "service_recovery", validFrom = "valid_from", validTo = "valid_to"
    }

    /// Decodes a campaign; `value`, `script` and `service_recovery` default to 0, empty and false.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        nameZh = try c.decodeIfPresent(String.self, forKey: .nameZh)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        condition = try c.decode(String.self, forKey: .condition)
        value = try c.decodeIfPresent(Double.self, forKey: .value) ?? 0
        priority = try c.decodeIfPresent(Int.self, forKey: .priority)
        script = try c.decodeIfPresent([String: String].self, forKey: .script) ?? [:]
        serviceRecovery = try c.decodeIfPresent(Bool.self, forKey: .serviceRecovery) ?? false
        validFrom = try c.decodeIfPresent(String.self, forKey: .validFrom)
        validTo = try c.decodeIfPresent(String.self, forKey: .validTo)
    }
}

/// What starts a `required_when` QA rule: a customer intent or a pattern in a customer turn.
public struct QATrigger: Codable, Sendable, Hashable {
    /// Intent labels of the customer turn that start the rule.
    public var intents: [String]?
    /// Patterns in the customer turn that start the rule.
    public var patterns: [String]?

    /// Creates a trigger.
    public init(intents: [String]? = nil, patterns: [String]? = nil) {
        self.intents = intents; self.patterns = patterns
    }
}

/// A quality-assurance rule checked against transcripts. Which optional fields apply depends on `type`
/// (forbidden, required_opening, required_closing, required_when, order, max_silence, talk_over).
public struct QARule: Codable, Sendable, Hashable, Identifiable {
    /// Unique id, e.g. `QA-001`.
    public var id: String
    /// The name (English).
    public var name: String
    /// The Chinese name, when given.
    public var nameZh: String?
    /// low | medium | high | critical.
    public var severity: String
    /// forbidden, required_opening, required_closing, required_when, order, max_silence or talk_over.
    public var type: String
    /// Case-insensitive substrings; a pattern starting with `re:` is a regular expression.
    public var patterns: [String]?
    /// For the required_* types: how many agent turns the rule looks at.
    public var withinTurns: Int?
    /// For `required_when`: what starts the rule.
    public var trigger: QATrigger?
    /// For `order`: what must be said first.
    public var before: [String]?
    /// For `order`: what may only be said after a `before` pattern.
    public var after: [String]?
    /// For `max_silence` and `talk_over`.
    public var seconds: Double?

    /// Creates a rule.
    public init(id: String, name: String, nameZh: String? = nil, severity: String, type: String,
                patterns: [String]? = nil, withinTurns: Int? = nil, trigger: QATrigger? = nil,
                before: [String]? = nil, after: [String]? = nil, seconds: Double? = nil) {
        self.id = id; self.name = name; self.nameZh = nameZh; self.severity = severity; self.type = type
        self.patterns = patterns; self.withinTurns = withinTurns; self.trigger = trigger
        self.before = before; self.after = after; self.seconds = seconds
    }

    enum CodingKeys: String, CodingKey {
        case id, name, nameZh = "name_zh", severity, type, patterns, withinTurns = "within_turns"
        case trigger, before, after, seconds
    }
}
