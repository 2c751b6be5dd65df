import Dialogue
import Foundation
import Graph
import KnowledgeModel

/// Replays recorded turns through the conversation models, as a live call would see them:
/// customer turns get the intent model's intent (nil when out of scope) and the sentiment
/// model's score; every turn gets its lexicon entities from the `EntityMatcher`.
public struct CallAnnotator: Sendable {
    public let intentModel: IntentModel
    public let sentimentModel: SentimentModel?
    public let matcher: EntityMatcher
    let lexicon: [String: LexiconEntity]

    public init(intentModel: IntentModel, sentimentModel: SentimentModel?, lexicon: [LexiconEntity]) {
        self.intentModel = intentModel
        self.sentimentModel = sentimentModel
        self.matcher = EntityMatcher(entities: lexicon, includeCodePatterns: false)
        self.lexicon = Dictionary(lexicon.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// One annotated turn.
    public func turn(number: Int, speaker: String, text: String, ts: Double? = nil) -> CallTurn {
        var t = CallTurn(number: number, speaker: speaker, text: text, ts: ts)
        var seen = Set<String>()
        for m in matcher.mentions(in: text) where m.source == .lexicon && seen.insert(m.entityID).inserted {
            if let e = lexicon[m.entityID] { t.entities.append(CallEntity(id: e.id, name: e.name, type: e.type)) }
        }
        guard t.isCustomer, !text.allSatisfy(\.isWhitespace) else { return t }
        if let p = try? intentModel.predict(text) {
            t.intent = p.outOfScope ? nil : p.intent
            t.intentConfidence = Double(p.confidence)
        }
        if let s = try? sentimentModel?.predict(text) {
            t.sentiment = s.label.rawValue
            t.sentimentScore = Double(s.score)
        }
        return t
    }

    /// A recorded session as a `CallContext`.
    public func context(turns: [TranscriptTurn], session: TranscriptSession?, customer: CustomerProfile?,
                        now: Date = Date(timeIntervalSince1970: 0)) -> CallContext {
        let ordered = turns.sorted { $0.turn < $1.turn }
        return CallContext(turns: ordered.map { turn(number: $0.turn, speaker: $0.speaker, text: $0.text, ts: $0.ts) },
                           language: session?.lang, channel: session?.channel, customer: customer,
                           agentID: session?.agentId, now: now)
    }

    /// A single customer utterance as a one-turn call.
    public func context(customerText: String, language: String?) -> CallContext {
        CallContext(turns: [turn(number: 1, speaker: "customer", text: customerText)], language: language,
                    now: Date(timeIntervalSince1970: 0))
    }
}
