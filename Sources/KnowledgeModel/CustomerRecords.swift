import Foundation
// Records imported from the structured Knowledge/ files (see KnowledgeRecords.swift for the
// conventions: snake_case keys through explicit CodingKeys, absent collections decode as empty).
// Customers, their vehicles, and their recorded calls.

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

    /// `turn` of a record that gave none; the importer numbers such turns in file order per session.
    public static let unnumbered = Int.min

    /// The names other chat exports give the fields, read besides Switchboard's own: in JSONL by
    /// `init(from:)`, in CSV headers through `CSVParser.headerAliases`.
    public static let fieldAliases: [String: String] = [
        "session_id": "session", "conversation_id": "session", "dialogue_id": "session", "call_id": "session",
        "role": "speaker", "sender": "speaker",
        "content": "text", "message": "text", "utterance": "text",
    ]

    /// Each aliased field's names: its own first, then its aliases (sorted, so the choice is stable).
    public static let names: [String: [String]] = Dictionary(uniqueKeysWithValues: ["session", "speaker", "text"].map { field in
        (field, [field] + fieldAliases.filter { $0.value == field }.keys.sorted())
    })

    /// Whether an object with these keys is a transcript turn: a session, a speaker and a text, by
    /// Switchboard's names or a chat export's (`conversation_id`, `role`, `content`, ...).
    public static func isTurn(keys: Set<String>) -> Bool {
        names.values.allSatisfy { !keys.isDisjoint(with: $0) }
    }

    /// A JSON key by name.
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Reads Switchboard's names or a chat export's; a session id may be a number; `turn` may be
    /// absent (`unnumbered`).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        func string(_ field: String) throws -> String {
            for name in Self.names[field] ?? [field] {
                let key = Key(stringValue: name)
                guard c.contains(key) else { continue }
                if let number = try? c.decode(Int.self, forKey: key) { return String(number) }
                return try c.decode(String.self, forKey: key)
            }
            throw DecodingError.keyNotFound(Key(stringValue: field), .init(codingPath: c.codingPath, debugDescription: "missing \(field)"))
        }
        session = try string("session")
        speaker = try string("speaker")
        text = try string("text")
        turn = try c.decodeIfPresent(Int.self, forKey: Key(stringValue: "turn")) ?? Self.unnumbered
        ts = try c.decodeIfPresent(Double.self, forKey: Key(stringValue: "ts"))
    }

    /// Numbers the `unnumbered` turns of each session by their order in `turns` (after the
    /// session's numbered turns seen so far).
    public static func numbered(_ turns: [TranscriptTurn]) -> [TranscriptTurn] {
        guard turns.contains(where: { $0.turn == unnumbered }) else { return turns }
        var last: [String: Int] = [:]
        return turns.map { t in
            var t = t
            if t.turn == unnumbered { t.turn = (last[t.session] ?? 0) + 1 }
            last[t.session] = max(last[t.session] ?? 0, t.turn)
            return t
        }
    }

    /// The speaker a label names, as the rest of Switchboard reads it: `customer` for customer,
    /// user, client, caller, human, 客户, 用户, 顾客, 买家 or `0`; `agent` for agent, staff, assistant,
    /// gpt (ShareGPT's), representative, operator, advisor, 客服, 坐席, 人工客服, 工作人员 or `1` (any case, trimmed);
    /// any other label (`bot`, `system`) as written. Imported transcripts store it, so replies, QA
    /// and summaries all read a chat export's `user`/`assistant` turns as customer and agent.
    public static func canonicalSpeaker(_ label: String) -> String {
        if label == "customer" || label == "agent" { return label }  // the usual case, on every reply request's turns
        let key = label.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if customerLabels.contains(key) { return "customer" }
        if agentLabels.contains(key) { return "agent" }
        return label
    }

    static let customerLabels: Set<String> = ["customer", "user", "client", "caller", "human", "客户", "用户", "顾客", "买家", "0"]
    static let agentLabels: Set<String> = ["agent", "staff", "assistant", "gpt", "representative", "operator", "advisor",
                                           "客服", "坐席", "人工客服", "工作人员", "1"]

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
