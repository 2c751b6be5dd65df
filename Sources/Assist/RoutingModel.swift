import Dialogue
import Foundation
import KnowledgeModel

/// One department with the router's confidence in it.
public struct DepartmentScore: Sendable, Hashable, Codable {
    public var department: String
    public var confidence: Double

    public init(department: String, confidence: Double) { self.department = department; self.confidence = confidence }
}

/// Where a call should go: the best department and the top three (softmax confidences, so their
/// sum is at most 1), with what decided it.
public struct RoutingDecision: Sendable, Hashable, Codable {
    public var department: String
    /// Best first, at most three.
    public var top: [DepartmentScore]
    /// Human-readable evidence, e.g. `intent report_fault (turn 3) → quality`.
    public var evidence: [String]

    public init(department: String, top: [DepartmentScore], evidence: [String]) {
        self.department = department; self.top = top; self.evidence = evidence
    }
}

/// What went wrong training the router.
public enum RoutingTrainError: Error, Sendable, CustomStringConvertible {
    /// Fewer than two departments have training text (intent examples of their intents or keywords).
    case tooFewDepartments([String])
    case classifier(String)

    public var description: String {
        switch self {
        case let .tooFewDepartments(d): "the router needs training text for at least two departments, has \(d)"
        case let .classifier(m): "training the department classifier failed: \(m)"
        }
    }
}

/// The department router: a trained text classifier combined with the intents' departments.
///
/// * **Text model.** The Dialogue softmax classifier (hashed TF-IDF n-grams, calibrated),
///   trained on the knowledge only: every intent example whose intent a department lists
///   (`routing.jsonl`) becomes an example of that department (of each, when several list it),
///   and each department keyword is one more example. No ticket labels are used.
/// * **Intent evidence.** Each customer turn with a business intent votes its confidence for the
///   intent's departments, giving a distribution `q` (smoothed with `intentSmoothing`).
/// * **Decision.** `score(d) = log p_text(d) + intentWeight · log q(d)`, softmax over
///   departments. The weights are fixed a priori (not tuned on the evaluation set).
public struct DepartmentRouter: Sendable {
    public let knowledge: RoutingKnowledge
    /// The text classifier over department ids.
    public let model: IntentModel
    /// Weight of the intents' departments against the text model.
    public var intentWeight: Double = 1
    /// Added to every department's intent vote share before normalizing.
    public var intentSmoothing: Double = 0.1

    /// A configuration suited to the small router: the linear model only.
    public static var defaultConfig: ClassifierConfig {
        var c = ClassifierConfig()
        c.minSteps = 1000
        c.wordTrigramWeight = 0.5
        c.classBalance = 1
        return c
    }

    /// Trains the text model from the knowledge's intent examples and department keywords.
    /// - Parameter extraExamples: labelled (text, department) pairs to add, e.g. past tickets'
    ///   customer words (evaluate such a router only with cross-validation).
    public static func train(knowledge: RoutingKnowledge, intentExamples: [IntentExample],
                             extraExamples: [(text: String, label: String)] = [],
                             config: ClassifierConfig = DepartmentRouter.defaultConfig) throws(RoutingTrainError) -> DepartmentRouter {
        let examples = trainingExamples(knowledge: knowledge, intentExamples: intentExamples) + extraExamples
        let labels = Set(examples.map(\.label))
        guard labels.count >= 2 else { throw .tooFewDepartments(labels.sorted()) }
        do {
            return DepartmentRouter(knowledge: knowledge, model: try IntentModel.train(examples: examples, config: config))
        } catch {
            throw .classifier("\(error)")
        }
    }

    /// The router's training pairs (text, department id).
    public static func trainingExamples(knowledge: RoutingKnowledge, intentExamples: [IntentExample]) -> [(text: String, label: String)] {
        var out: [(text: String, label: String)] = []
        for e in intentExamples {
            for d in knowledge.departments(of: e.label) { out.append((e.text, d)) }
        }
        for d in knowledge.departments {
            for k in d.keywords where !k.hasPrefix("re:") { out.append((k, d.id)) }
        }
        return out
    }

    public init(knowledge: RoutingKnowledge, model: IntentModel) {
        self.knowledge = knowledge
        self.model = model
    }

    /// The trained text model as a versioned artifact (the Dialogue classifier format), for the
    /// data folder; the knowledge is stored separately.
    public func serialized() throws -> Data { try model.serialized() }

    /// A router from its knowledge and an artifact written by `serialized()`.
    /// - Throws: the classifier's artifact errors (corrupt, unsupported version).
    public init(knowledge: RoutingKnowledge, serialized data: Data) throws {
        self.init(knowledge: knowledge, model: try IntentModel(serialized: data))
    }

    /// The department ids in the knowledge's order.
    public var departmentIDs: [String] { knowledge.departments.map(\.id) }

    /// Routes a call (whole or so far).
    public func route(_ context: CallContext) -> RoutingDecision {
        let (p, evidence) = distribution(context)
        return Self.decision(ids: departmentIDs, probabilities: p, evidence: evidence)
    }

    /// The full softmax distribution over `departmentIDs`, with evidence.
    public func distribution(_ context: CallContext) -> (probabilities: [Double], evidence: [String]) {
        let ids = departmentIDs
        var evidence: [String] = []
        var logText = [Double](repeating: 0, count: ids.count)
        if let p = textProbabilities(context) {
            for (i, id) in ids.enumerated() {
                let k = model.labels.firstIndex(of: id)
                logText[i] = log(max(1e-6, k.map { Double(p[$0]) } ?? 1e-6))
            }
            if let best = logText.indices.max(by: { logText[$0] < logText[$1] }) {
                evidence.append("text model → \(ids[best]) (\(String(format: "%.2f", exp(logText[best]))))")
            }
        }
        var votes = [Double](repeating: 0, count: ids.count)
        for t in context.turns where t.isCustomer {
            guard let intent = t.intent else { continue }
            let depts = knowledge.departments(of: intent)
            guard !depts.isEmpty else { continue }
            let c = t.intentConfidence ?? 1
            for d in depts { if let i = ids.firstIndex(of: d) { votes[i] += c / Double(depts.count) } }
            evidence.append("intent \(intent) (turn \(t.number)) → \(depts.joined(separator: "/"))")
        }
        let total = votes.reduce(0, +) + intentSmoothing * Double(ids.count)
        let logIntent = votes.map { log(($0 + intentSmoothing) / total) }
        let score = ids.indices.map { logText[$0] + intentWeight * logIntent[$0] }
        return (Self.softmax(score), evidence)
    }

    /// How the text model reads a call of several customer turns.
    public enum TextPooling: String, Sendable, Codable {
        /// One text: the turns joined.
        case concatenate
        /// The mean of the turns' distributions (each turn is read like the short utterances the
        /// model was trained on).
        case meanOfTurns
    }

    /// How customer turns are pooled for the text model.
    public var textPooling: TextPooling = .meanOfTurns

    /// The text model's distribution over `model.labels` for the customer's issue turns.
    func textProbabilities(_ context: CallContext) -> [Float]? {
        let turns = Self.issueTurns(context, business: knowledge.businessIntents)
        guard !turns.isEmpty else { return nil }
        let limit = model.config.maxTextLength
        switch textPooling {
        case .concatenate:
            return model.classifier.probabilities(String(turns.map(\.text).joined(separator: "\n").prefix(limit)))
        case .meanOfTurns:
            var sum = [Float](repeating: 0, count: model.labels.count)
            for t in turns {
                let p = model.classifier.probabilities(String(t.text.prefix(limit)))
                for k in sum.indices { sum[k] += p[k] }
            }
            return sum.map { $0 / Float(turns.count) }
        }
    }

    /// The customer turns that carry the issue: turns with a business intent or no intent
    /// (greetings, thanks and identity answers are left out when they were classified).
    public static func issueTurns(_ context: CallContext, business: Set<String>) -> [CallTurn] {
        let customer = context.turns.filter { $0.isCustomer && !$0.text.allSatisfy(\.isWhitespace) }
        let kept = customer.filter { t in t.intent.map { business.contains($0) } ?? true }
        return kept.isEmpty ? customer : kept
    }

    static func softmax(_ x: [Double]) -> [Double] {
        guard let m = x.max() else { return [] }
        let e = x.map { exp($0 - m) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }

    /// The best department and the top three of a distribution (ties: knowledge order).
    static func decision(ids: [String], probabilities p: [Double], evidence: [String]) -> RoutingDecision {
        let order = ids.indices.sorted { p[$0] != p[$1] ? p[$0] > p[$1] : $0 < $1 }
        let top = order.prefix(3).map { DepartmentScore(department: ids[$0], confidence: p[$0]) }
        return RoutingDecision(department: top.first?.department ?? "", top: top, evidence: evidence)
    }
}
