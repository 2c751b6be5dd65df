import TextAnalysis

/// What the profile signals read from a call's turns, folded in one turn at a time.
///
/// `ProfileSignals.derive` reads a call through a tally: the intents and entities in order of first
/// appearance, the first complaint, the customer's sentiment scores, the models named (for "the
/// vehicle the call is about" and EV interest), the first price talk and the customer text's
/// letters (for the language). A live call keeps its tally and adds each new turn to it, so a turn
/// costs the same whether the call has 5 turns or 500; a replayed or closed call folds its turns
/// once. The tally is built under one set of rules; `derive` refolds the turns under any other.
public struct CallTally: Sendable {
    /// The rules the turns were read under (complaint intents, confidences, price words, policy).
    public let rules: ProfileSignalRules
    /// Turns folded in.
    public private(set) var turnCount = 0

    /// Distinct intents of customer turns that pass their confidence gate, in order of first appearance.
    private(set) var intents: [String] = []
    private var intentSet: Set<String> = []
    /// Whether each intent seen is a complaint (looked up once per intent, not once per turn).
    private var isComplaint: [String: Bool] = [:]
    /// The number of the first customer turn with a complaint intent that passed its gate.
    private(set) var complaintTurn: Int?
    /// Distinct entity ids (customers', and agents' with `entitiesFromAgent`), first appearance first.
    private(set) var entities: [String] = []
    private(set) var entityTypes: [String: String] = [:]
    /// Sum and count of the customer turns' sentiment scores (the `mean` policy).
    private(set) var scoreSum = 0.0
    private(set) var scoreCount = 0
    /// The last `max(1, recentTurns)` scored customer turns, oldest first: number and label.
    private(set) var recentScored: [(number: Int, sentiment: String?)] = []
    /// Lower-cased names of the model entities named by either side, most recent mention last.
    private(set) var namedModels: [String] = []
    /// Model entities the customer named, distinct by lower-cased name, first mention first.
    private(set) var customerModels: [CallEntity] = []
    /// The number of the first customer turn with price talk.
    private(set) var priceTalkTurn: Int?
    /// The letters of the customer turns' texts, as the language detector counts them.
    public private(set) var customerLetters = LanguageDetector.Counts()

    public init(rules: ProfileSignalRules) { self.rules = rules }

    /// A tally of `turns`, in order.
    public init(turns: [CallTurn], rules: ProfileSignalRules) {
        self.init(rules: rules)
        for t in turns { add(t) }
    }

    /// Folds in the call's next turn.
    public mutating func add(_ turn: CallTurn) {
        turnCount += 1
        if turn.isCustomer { addCustomer(turn) }
        for e in turn.entities where e.type == "model" {
            let name = e.name.lowercased()
            if let k = namedModels.lastIndex(of: name) { namedModels.remove(at: k) }
            namedModels.append(name)
        }
        guard turn.isCustomer || rules.entitiesFromAgent else { return }
        for e in turn.entities where entityTypes[e.id] == nil {
            entities.append(e.id)
            entityTypes[e.id] = e.type
        }
    }

    private mutating func addCustomer(_ turn: CallTurn) {
        customerLetters.add(turn.text)
        if turn.sentiment != nil || turn.sentimentScore != nil {
            recentScored.append((turn.number, turn.sentiment))
            if recentScored.count > max(1, rules.recentTurns) { recentScored.removeFirst() }
        }
        if let s = turn.sentimentScore { scoreSum += s; scoreCount += 1 }
        if let i = turn.intent {
            let complaint: Bool
            if let known = isComplaint[i] {
                complaint = known
            } else {
                complaint = rules.complaintIntents.contains(i)
                isComplaint[i] = complaint
            }
            let gate = complaint ? max(rules.minComplaintConfidence, rules.minIntentConfidence) : rules.minIntentConfidence
            if (turn.intentConfidence ?? 1) >= gate {
                if intentSet.insert(i).inserted { intents.append(i) }
                if complaint, complaintTurn == nil { complaintTurn = turn.number }
            }
        }
        for e in turn.entities where e.type == "model" {
            let name = e.name.lowercased()
            if !customerModels.contains(where: { $0.name.lowercased() == name }) { customerModels.append(e) }
        }
        if priceTalkTurn == nil, rules.priceTalk(in: turn) { priceTalkTurn = turn.number }
    }

    /// The call's sentiment under `rules.sentimentPolicy`, with its explanation; nil when no
    /// customer turn has one.
    func sentiment() -> (label: String, why: String)? {
        guard let last = recentScored.last else { return nil }
        switch rules.sentimentPolicy {
        case "mean":
            guard scoreCount > 0 else { return nil }
            let mean = scoreSum / Double(scoreCount)
            let label = mean <= rules.meanThreshold ? "negative" : mean >= -rules.meanThreshold ? "positive" : "neutral"
            return (label, "mean score \(ProfileDates.round1(mean)) over \(scoreCount) customer turns")
        case "worst_recent":
            if let neg = recentScored.first(where: { $0.sentiment == "negative" }) {
                return ("negative", "customer turn \(neg.number) is negative (last \(recentScored.count) turns)")
            }
            return (last.sentiment ?? "neutral", "latest customer turn \(last.number)")
        default:
            return (last.sentiment ?? "neutral", "latest customer turn \(last.number)")
        }
    }
}
