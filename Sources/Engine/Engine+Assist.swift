import Assist
import Foundation
import Graph
import KnowledgeModel
import Storage
import TextAnalysis

/// The assist models' configuration (`Models/assist.json`): which intents and words are EV
/// interest, price talk or complaints, how a call's sentiment is summed up, and the purchase-intent
/// rule weights. Every key is optional; built-in defaults fit the default knowledge.
public struct AssistSettings: Codable, Sendable {
    public var profileSignals: ProfileSignalRules
    public var purchaseIntent: PurchaseIntentRules

    public init(profileSignals: ProfileSignalRules = .default, purchaseIntent: PurchaseIntentRules = .default) {
        self.profileSignals = profileSignals; self.purchaseIntent = purchaseIntent
    }

    enum CodingKeys: String, CodingKey { case profileSignals = "profile_signals", purchaseIntent = "purchase_intent" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        profileSignals = try c.decodeIfPresent(ProfileSignalRules.self, forKey: .profileSignals) ?? .default
        purchaseIntent = try c.decodeIfPresent(PurchaseIntentRules.self, forKey: .purchaseIntent) ?? .default
    }

    /// Reads the file when it exists, the defaults otherwise.
    static func load(_ path: String) throws(EngineError) -> AssistSettings {
        guard FileManager.default.fileExists(atPath: path) else { return AssistSettings() }
        do { return try JSONDecoder().decode(AssistSettings.self, from: Data(contentsOf: URL(fileURLWithPath: path))) } catch {
            throw EngineError(.unavailable, code: "invalid_model_config", "\(path): \(error)")
        }
    }
}

/// A customer as `GET /v1/customers/{id}` shows it: the profile with its derived signals.
public struct CustomerView: Codable, Sendable {
    public var profile: CustomerProfile
    /// The stored lifecycle, or the one derived from the vehicles.
    public var lifecycle: String?
    public var learnedTags: [String]
    /// Every derived signal with its explanation (vehicle age, km to service, warranty, lifecycle, ...).
    public var signals: [ProfileSignal]
    public var purchaseIntent: Double
    public var purchaseIntentSource: String
    public var documentID: String
    public var editable: Bool

    enum CodingKeys: String, CodingKey {
        case profile, lifecycle, learnedTags = "learned_tags", signals, purchaseIntent = "purchase_intent"
        case purchaseIntentSource = "purchase_intent_source", documentID = "document_id", editable
    }
}

extension Engine {
    // MARK: Knowledge the assist models read

    func vehiclePrograms() throws(EngineError) -> [VehicleProgram] {
        do { return try recordCache.records(kind: .vehicleProgram, as: VehicleProgram.self, in: store) } catch { throw Engine.storageError(error) }
    }

    func storedCustomer(_ id: String) throws(EngineError) -> CustomerProfile? {
        do { return try recordCache.records(kind: .customer, as: CustomerProfile.self, in: store).first { $0.id == id } } catch {
            throw Engine.storageError(error)
        }
    }

    /// The stored campaigns with their conditions parsed; a stored campaign whose condition does not
    /// parse is left out with a log line.
    func campaignBook() throws(EngineError) -> CampaignBook {
        let campaigns: [Campaign]
        do { campaigns = try recordCache.records(kind: .campaign, as: Campaign.self, in: store) } catch { throw Engine.storageError(error) }
        return try derived.value("campaigns", in: store) { () throws(EngineError) -> CampaignBook in
            let book = CampaignBook(campaigns)
            for p in book.problems { logger.warning("campaign skipped", metadata: ["error": "\(p)"]) }
            return book
        }
    }

    /// The purchase-intent model: a logistic model fitted (with the rule weights of
    /// `Models/assist.json` as its prior) on the imported transcripts whose session outcome is known
    /// (`sale` against the rest), once there are enough of both; the rule weights alone until then.
    /// Refitted per knowledge generation; the transcripts are replayed only when enough are labelled.
    /// The choice is made once per generation too (it reads every session), unless reading failed.
    func purchaseIntentModel() -> PurchaseIntentModel {
        let chosen = try? derived.value("purchase_intent_choice", in: store) { () throws(EngineError) -> PurchaseIntentModel in
            try fittedPurchaseIntentModel()
        }
        return chosen ?? PurchaseIntentModel(rules: assist.purchaseIntent)
    }

    /// The fitted model, or the rule weights alone when too few sessions are labelled; throws when
    /// the sessions cannot be read or the fit fails (the rule weights serve until the next try).
    private func fittedPurchaseIntentModel() throws(EngineError) -> PurchaseIntentModel {
        let rules = assist.purchaseIntent
        let sessions: [TranscriptSession]
        do { sessions = try recordCache.records(kind: .session, as: TranscriptSession.self, in: store) } catch { throw Engine.storageError(error) }
        let labelled = sessions.filter { $0.outcome != nil }
        let sales = labelled.filter { $0.outcome == "sale" }.count
        let minimum = 10
        guard sales >= minimum, labelled.count - sales >= minimum else { return PurchaseIntentModel(rules: rules) }
        return try derived.value("purchase_intent", in: store) { () throws(EngineError) -> PurchaseIntentModel in
            let contexts = try replayTranscripts(now: Date())
            let programs = try vehiclePrograms()
            let examples = labelled.compactMap { s -> (features: [String: Double], sale: Bool)? in
                guard let c = contexts[s.session] else { return nil }
                let signals = ProfileSignals.derive(profile: c.customer, programs: programs, context: c, rules: assist.profileSignals)
                return (PurchaseIntentFeatures.extract(signals), s.outcome == "sale")
            }
            return PurchaseIntentModel.train(examples: examples, rules: rules, minPositives: minimum, minNegatives: minimum)
        }
    }

    /// A model entity for each trim named (lexicon `has_trim`): naming "E9 Max" names the E9.
    func withParentModels(_ entities: [CallEntity], in s: KnowledgeSnapshot) -> [CallEntity] {
        var out = entities
        for e in entities where e.type == "trim" {
            for edge in s.graph.relations(of: e.id) where edge.type == "has_trim" && edge.object == e.id {
                if let m = s.graph.entities[edge.subject], !out.contains(where: { $0.id == m.id }) {
                    out.append(CallEntity(id: m.id, name: m.name, type: m.type))
                }
            }
        }
        return out
    }

    /// A turn as the assist models read it, from what live assist made of it.
    func callTurn(_ r: TurnResult, ts: Double?, in s: KnowledgeSnapshot) -> CallTurn {
        let intent = r.intent.flatMap { $0.outOfScope ? nil : $0 }
        let entities = r.entities.filter { !$0.carried }.map { CallEntity(id: $0.id, name: $0.name, type: $0.type) }
        var call = CallTurn(number: r.turn, speaker: r.speaker, text: r.text, ts: ts, intent: intent?.intent,
                            intentConfidence: intent.map { Double($0.confidence) }, sentiment: r.sentiment?.label,
                            sentimentScore: r.sentiment?.score, entities: withParentModels(entities, in: s))
        // Searched once here, not again on each later turn of the call.
        call.noteFacts(assist.profileSignals)
        return call
    }

    /// A recorded turn annotated the way live assist would (intent, sentiment and entities of a
    /// customer turn; entities of an agent turn), for replays and evaluations.
    func annotate(_ t: TranscriptTurn, in s: KnowledgeSnapshot) -> CallTurn {
        var call = CallTurn(number: t.turn, speaker: t.speaker, text: t.text, ts: t.ts)
        var seen = Set<String>()
        let mentions = s.linker?.mentions(in: t.text) ?? []
        let entities = mentions.compactMap { m -> CallEntity? in
            guard m.source == .lexicon, seen.insert(m.entityID).inserted, let e = s.graph.entities[m.entityID] else { return nil }
            return CallEntity(id: e.id, name: e.name, type: e.type)
        }
        call.entities = withParentModels(entities, in: s)
        if t.speaker == "customer" {
            let models = dialogueModels()
            if let p = try? models.intent?.predict(t.text), !p.outOfScope {
                call.intent = p.intent
                call.intentConfidence = Double(p.confidence)
            }
            if let p = try? models.sentiment?.predict(t.text) {
                call.sentiment = p.label.rawValue
                call.sentimentScore = Double(p.score)
            }
        }
        return call
    }

    /// The language of a call: most of its customer text's.
    static func language(of turns: [CallTurn]) -> String? {
        var letters = LanguageDetector.Counts()
        for t in turns where t.isCustomer { letters.add(t.text) }
        return language(of: letters)
    }

    /// The language of a call's customer letters, counted turn by turn (white space between the
    /// turns would not count: the detector counts letters).
    static func language(of letters: LanguageDetector.Counts) -> String? {
        guard !letters.isEmpty else { return nil }
        switch letters.language {
        case .zh: return "zh"
        case .en: return "en"
        case .mixed, .other: return nil
        }
    }

    /// The next-best actions for a call so far, with the purchase intent they were ranked by.
    func nextBestActions(_ context: CallContext) throws(EngineError)
        -> (actions: [NextBestAction], purchaseIntent: PurchaseIntentScore, signals: ProfileSignals) {
        let signals = ProfileSignals.derive(profile: context.customer, programs: try vehiclePrograms(), context: context,
                                            rules: assist.profileSignals)
        let intent = purchaseIntentModel().score(signals)
        let actions = NextBestActions.rank(book: try campaignBook(), signals: signals, context: context, purchaseIntent: intent.probability)
        return (actions, intent, signals)
    }
}
