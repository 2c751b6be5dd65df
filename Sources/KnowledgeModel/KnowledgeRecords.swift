// Records imported from the structured Knowledge/ files (see the formats contract).
// Their Codable form uses the files' snake_case keys through explicit CodingKeys,
// so decode them with a plain JSONDecoder (no key strategy). Collections that a
// file may leave out (tags, aliases, script, ...) decode as empty when absent.

/// A reply template for one intent and conversation stage; `{slot}` placeholders are filled at run time.
public struct ReplyScript: Codable, Sendable, Hashable, Identifiable {
    /// Unique id, e.g. `RPL-001`.
    public var id: String
    /// The intent label this reply answers, e.g. `book_maintenance`.
    public var intent: String
    /// opening | verification | diagnosis | solution | upsell | closing.
    public var stage: String
    /// `zh` or `en`, when given.
    public var lang: String?
    /// The template text with `{slot}` placeholders.
    public var text: String

    /// Creates a reply script.
    public init(id: String, intent: String, stage: String, lang: String? = nil, text: String) {
        self.id = id; self.intent = intent; self.stage = stage; self.lang = lang; self.text = text
    }

    /// The slot names used in `text`, in order of first use, without braces.
    public var slots: [String] {
        var out: [String] = []
        var current: String?
        for ch in text {
            if ch == "{" { current = "" } else if ch == "}" {
                if let name = current, !name.isEmpty, !out.contains(name) { out.append(name) }
                current = nil
            } else if current != nil { current!.append(ch) }
        }
        return out
    }
}

/// The polarity of a sentiment example.
public enum SentimentLabel: String, Codable, Sendable, Hashable, CaseIterable {
    case negative, neutral, positive
}

/// One labelled utterance for the sentiment classifier (JSON field `sentiment` holds the label).
public struct SentimentExample: Codable, Sendable, Hashable {
    /// What the customer said.
    public var text: String
    /// Its polarity.
    public var label: SentimentLabel
    /// `zh` or `en`, when given.
    public var lang: String?

    /// Creates an example.
    public init(text: String, label: SentimentLabel, lang: String? = nil) {
        self.text = text; self.label = label; self.lang = lang
    }

    enum CodingKeys: String, CodingKey { case text, label = "sentiment", lang }
}

/// A typed link from one lexicon entity to another, e.g. `has_trim → trim_e7_max`.
public struct EntityRelationRef: Codable, Sendable, Hashable {
    /// The relation, e.g. `has_trim`.
    public var type: String
    /// The id of the target entity.
    public var target: String

    /// Creates a relation.
    public init(type: String, target: String) { self.type = type; self.target = target }
}

/// A named thing of the domain (model, part, fault, city, ...) with the other names customers use.
public struct LexiconEntity: Codable, Sendable, Hashable, Identifiable {
    /// Unique id, e.g. `model_e7`.
    public var id: String
    /// The canonical name, e.g. `E7`.
    public var name: String
    /// model, trim, part, feature, fault, warning_light, service, policy, campaign, city, dealer, app_function.
    public var type: String
    /// Other names for the same thing, e.g. `澜途E7`, `Lanto E7`.
    public var aliases: [String]
    /// Links to other entities.
    public var relations: [EntityRelationRef]

    /// Creates an entity.
    public init(id: String, name: String, type: String, aliases: [String] = [], relations: [EntityRelationRef] = []) {
        self.id = id; self.name = name; self.type = type; self.aliases = aliases; self.relations = relations
    }

    enum CodingKeys: String, CodingKey { case id, name, type, aliases, relations }

    /// Decodes an entity; `aliases` and `relations` may be absent.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        type = try c.decode(String.self, forKey: .type)
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        relations = try c.decodeIfPresent([EntityRelationRef].self, forKey: .relations) ?? []
    }
}

/// Words that mean the same thing; the first term is the canonical one.
public struct SynonymGroup: Codable, Sendable, Hashable {
    /// The words; the first is canonical.
    public var terms: [String]

    /// Creates a group.
    public init(terms: [String]) { self.terms = terms }

    /// The first term, or nil for an empty group.
    public var canonical: String? { terms.first }
}

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

/// One vehicle a customer owns.
public struct Vehicle: Codable, Sendable, Hashable {
    /// L3, L5, X3, X5, E5, E7 or E9.
    public var model: String
    /// The trim, e.g. `Max`.
    public var trim: String?
    /// The vehicle identification number.
    public var vin: String?
    /// `yyyy-MM-dd`.
    public var purchaseDate: String?
    /// The odometer reading in km, when known.
    public var mileageKm: Int?
    /// `yyyy-MM-dd`.
    public var lastServiceDate: String?
    /// The odometer reading at the last service, in km.
    public var lastServiceKm: Int?

    /// Creates a vehicle.
    public init(model: String, trim: String? = nil, vin: String? = nil, purchaseDate: String? = nil,
                mileageKm: Int? = nil, lastServiceDate: String? = nil, lastServiceKm: Int? = nil) {
        self.model = model; self.trim = trim; self.vin = vin; self.purchaseDate = purchaseDate
        self.mileageKm = mileageKm; self.lastServiceDate = lastServiceDate; self.lastServiceKm = lastServiceKm
    }

    enum CodingKeys: String, CodingKey {
        case model, trim, vin, purchaseDate = "purchase_date", mileageKm = "mileage_km"
        case lastServiceDate = "last_service_date", lastServiceKm = "last_service_km"
    }
}

/// A customer with their vehicles.
public struct CustomerProfile: Codable, Sendable, Hashable, Identifiable {
    /// Unique id, e.g. `C0001`.
    public var id: String
    /// The customer's name.
    public var name: String
    /// The (masked) phone number.
    public var phone: String?
    /// The city the customer lives in.
    public var city: String?
    /// lead | new_owner | loyal | at_risk | lapsed.
    public var lifecycle: String?
    /// Free tags such as `ev_interest`.
    public var tags: [String]
    /// The vehicles the customer owns.
    public var vehicles: [Vehicle]

    /// Creates a profile.
    public init(id: String, name: String, phone: String? = nil, city: String? = nil, lifecycle: String? = nil,
                tags: [String] = [], vehicles: [Vehicle] = []) {
        self.id = id; self.name = name; self.phone = phone; self.city = city; self.lifecycle = lifecycle
        self.tags = tags; self.vehicles = vehicles
    }

    enum CodingKeys: String, CodingKey { case id, name, phone, city, lifecycle, tags, vehicles }

    /// Decodes a profile; `tags` and `vehicles` may be absent, and so may `id` for a profile given
    /// inline on a conversation (it is then empty; imported and edited profiles need one).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id) ?? ""
        name = try c.decode(String.self, forKey: .name)
        phone = try c.decodeIfPresent(String.self, forKey: .phone)
        city = try c.decodeIfPresent(String.self, forKey: .city)
        lifecycle = try c.decodeIfPresent(String.self, forKey: .lifecycle)
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        vehicles = try c.decodeIfPresent([Vehicle].self, forKey: .vehicles) ?? []
    }
}

/// One turn of a recorded conversation.
public struct TranscriptTurn: Codable, Sendable, Hashable {
    /// The session id, e.g. `S001`.
    public var session: String
    /// Position in the session, from 1.
    public var turn: Int
    /// `customer` or `agent`.
    public var speaker: String
    /// What was said.
    public var text: String
    /// Seconds from the start of the call, when known.
    public var ts: Double?

    /// Creates a turn.
    public init(session: String, turn: Int, speaker: String, text: String, ts: Double? = nil) {
        self.session = session; self.turn = turn; self.speaker = speaker; self.text = text; self.ts = ts
    }

    /// The largest `ts` a turn may have: 10¹² seconds (some 31,700 years), beyond any call or
    /// date, and small enough that the gap between two times is an exact whole number.
    public static let timeLimit = 1e12

    /// Whether `ts` can be a turn's time: seconds in 0...``timeLimit``.
    public static func isValidTime(_ ts: Double) -> Bool { ts >= 0 && ts <= timeLimit }

    /// The message a rejected `ts` gets.
    public static func invalidTimeMessage(_ ts: Double) -> String {
        "ts must be seconds from the start of the call, between 0 and 1e12; got \(ts)"
    }
}

/// What is known about one recorded conversation as a whole.
public struct TranscriptSession: Codable, Sendable, Hashable {
    /// The session id, e.g. `S001`.
    public var session: String
    /// `call` or `chat`.
    public var channel: String?
    /// `zh` or `en`.
    public var lang: String?
    /// The customer's id (`CustomerProfile.id`).
    public var customerId: String?
    /// The agent's id.
    public var agentId: String?
    /// The agent's display name.
    public var agentName: String?
    /// resolved | sale | ticket | escalated | no_action.
    public var outcome: String?

    /// Creates a session.
    public init(session: String, channel: String? = nil, lang: String? = nil, customerId: String? = nil,
                agentId: String? = nil, agentName: String? = nil, outcome: String? = nil) {
        self.session = session; self.channel = channel; self.lang = lang; self.customerId = customerId
        self.agentId = agentId; self.agentName = agentName; self.outcome = outcome
    }

    enum CodingKeys: String, CodingKey {
        case session, channel, lang, customerId = "customer_id", agentId = "agent_id"
        case agentName = "agent_name", outcome
    }
}

/// A relation of an exported or imported graph: kept as it was exported (type, confidence, method,
/// and the ids of the chunks it was read from in the knowledge base that exported it).
public struct DeclaredRelation: Codable, Sendable, Hashable {
    /// The subject entity id.
    public var subject: String
    /// The relation type, e.g. `has_spec`.
    public var type: String
    /// The object entity id; nil for a literal.
    public var object: String?
    /// The literal value; nil for an entity object.
    public var value: String?
    /// The normalized attribute of a `has_spec` relation, e.g. "range" or "price, pro rwd".
    public var attribute: String?
    /// How sure the extraction is, 0...1 (1 for lexicon and edited relations).
    public var confidence: Double
    /// `structure`, `pattern`, `cooccurrence`, `lexicon`, `edit` or `import`.
    public var method: String
    /// Chunk ids (or `lexicon`, `edit`) the relation was read from.
    public var sources: [String]

    /// Creates a relation.
    public init(subject: String, type: String, object: String? = nil, value: String? = nil, attribute: String? = nil,
                confidence: Double = 1, method: String = "import", sources: [String] = []) {
        self.subject = subject; self.type = type; self.object = object; self.value = value
        self.attribute = attribute; self.confidence = confidence; self.method = method; self.sources = sources
    }

    enum CodingKeys: String, CodingKey { case subject, type, object, value, attribute, confidence, method, sources }

    /// Decodes a relation; `confidence` (1), `method` ("import") and `sources` (empty) may be absent.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        subject = try c.decode(String.self, forKey: .subject)
        type = try c.decode(String.self, forKey: .type)
        object = try c.decodeIfPresent(String.self, forKey: .object)
        value = try c.decodeIfPresent(String.self, forKey: .value)
        attribute = try c.decodeIfPresent(String.self, forKey: .attribute)
        confidence = try c.decodeIfPresent(Double.self, forKey: .confidence) ?? 1
        method = try c.decodeIfPresent(String.self, forKey: .method) ?? "import"
        sources = try c.decodeIfPresent([String].self, forKey: .sources) ?? []
    }
}
