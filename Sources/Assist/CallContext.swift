import Foundation
import KnowledgeModel

/// An entity linked in a turn: its id, canonical name and type (model, fault, dealer, ...).
public struct CallEntity: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var type: String

    public init(id: String, name: String, type: String) { self.id = id; self.name = name; self.type = type }
}

/// One turn of a call as the assist models see it: the words plus what the conversation models
/// already made of them (customer turns carry intent, sentiment and entities; agent turns may not).
public struct CallTurn: Sendable, Hashable {
    /// Position in the call, from 1.
    public var number: Int
    /// `customer` or `agent`.
    public var speaker: String
    public var text: String
    /// Seconds from the start of the call, when known.
    public var ts: Double?
    /// The turn's intent label (nil when out of scope or not classified).
    public var intent: String?
    public var intentConfidence: Double?
    /// negative | neutral | positive.
    public var sentiment: String?
    /// The sentiment score in -1...1.
    public var sentimentScore: Double?
    public var entities: [CallEntity]
    /// What `ProfileSignalRules.priceTalk(in:)` found in `text`, noted once when the turn arrived
    /// (`noteFacts(_:)`); nil until then. A live call re-reads every kept turn on each new one.
    public private(set) var facts: CallTurnFacts?

    public init(number: Int, speaker: String, text: String, ts: Double? = nil, intent: String? = nil,
                intentConfidence: Double? = nil, sentiment: String? = nil, sentimentScore: Double? = nil,
                entities: [CallEntity] = []) {
        self.number = number; self.speaker = speaker; self.text = text; self.ts = ts; self.intent = intent
        self.intentConfidence = intentConfidence; self.sentiment = sentiment; self.sentimentScore = sentimentScore
        self.entities = entities
    }

    /// Notes what `rules` find in the text (price talk), so that later reads of the call need not search it again.
    public mutating func noteFacts(_ rules: ProfileSignalRules) {
        facts = CallTurnFacts(priceWords: rules.priceWords, priceTalk: rules.mentionsPrice(text))
    }

    public var isCustomer: Bool { speaker == "customer" }
    public var isAgent: Bool { speaker == "agent" }
}

/// Facts about a turn's text under a set of profile-signal rules, computed once per turn.
public struct CallTurnFacts: Sendable, Hashable {
    /// The price words searched for (`ProfileSignalRules.priceWords` when noted).
    public var priceWords: [String]
    /// Whether the lower-cased text contains one of them.
    public var priceTalk: Bool
}

/// A call so far (live) or as a whole (after it ended): what the assist models read.
public struct CallContext: Sendable {
    public var turns: [CallTurn]
    /// `zh` or `en`, when known.
    public var language: String?
    /// `call` or `chat`.
    public var channel: String?
    public var customer: CustomerProfile?
    public var agentID: String?
    /// The clock the call runs on (campaign validity, `now.month`, vehicle ages).
    public var now: Date
    /// The live call's running tally of its turns, when it keeps one: the signals then cover the
    /// whole call, not only the turns kept in `turns`, at the cost of one turn instead of all.
    public var tally: CallTally?

    public init(turns: [CallTurn], language: String? = nil, channel: String? = nil, customer: CustomerProfile? = nil,
                agentID: String? = nil, now: Date = Date()) {
        self.turns = turns; self.language = language; self.channel = channel; self.customer = customer
        self.agentID = agentID; self.now = now
    }
}
