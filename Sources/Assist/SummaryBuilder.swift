import Foundation
import TextAnalysis

/// Extractive call summaries: the customer's issue, what the agent did, the outcome and the
/// promised follow-ups, each citing its turns, plus a short `text` in the call's language.
///
/// * **Issue**: the first customer turn with a business intent (one some department lists in
///   `routing.jsonl`); without intents, the first customer turn that links an entity, else the
///   longest of the first three customer turns. A later customer turn with a different business
///   intent (e.g. a complaint after a fault report) is cited as a second key turn.
/// * **Actions**: agent sentences scored by `SentenceScorer` (cues, reference numbers, promises,
///   digits, entities, minus questions, greeting and closing); up to three above the threshold.
/// * **Outcome**: escalated (an escalation cue in an action sentence), ticket (a ticket cue with a
///   reference number or a promise, or a reference number alone), unresolved (an inability cue or
///   a negative last customer turn and no action), else resolved.
/// * **Follow-ups**: agent statements (not questions) with a time promise.
public struct CallSummarizer: Sendable {
    public let knowledge: RoutingKnowledge
    /// Most action sentences in a summary.
    public var maxActions = 3
    /// A last customer turn at or below this sentiment score counts as dissatisfied.
    public var dissatisfiedScore = -0.3
    /// A later customer turn is a second key turn only when its intent is this confident.
    public var secondIssueConfidence = 0.6

    /// Sentence scorers per language, built once.
    let scorers: [String: SentenceScorer]
    /// The scorer for other languages: every language's cues.
    let anyScorer: SentenceScorer

    public init(knowledge: RoutingKnowledge) {
        self.knowledge = knowledge
        var scorers: [String: SentenceScorer] = [:]
        for c in knowledge.cues { scorers[c.lang] = SentenceScorer(cues: c) }
        self.scorers = scorers
        self.anyScorer = SentenceScorer(cues: knowledge.allCues)
    }

    /// The call's language: `context.language`, else detected from the turns (`zh` or `en`).
    public static func language(of context: CallContext) -> String {
        if let l = context.language, !l.isEmpty { return l }
        let text = context.turns.map(\.text).joined(separator: "\n")
        return LanguageDetector.detect(text) == .zh ? "zh" : "en"
    }

    /// Summarizes a call (whole or so far).
    public func summarize(_ context: CallContext) -> CallSummary {
        let lang = Self.language(of: context)
        // Without routing knowledge every in-scope intent counts as business.
        let listed = knowledge.businessIntents
        let business = listed.isEmpty ? Set(context.turns.compactMap(\.intent)) : listed
        let scorer = scorers[lang] ?? anyScorer
        let sentences = scorer.score(context)
        let issue = issue(context, business: business)
        let actions = actionParts(sentences)
        let (outcome, reason, outcomeTurns) = outcome(context, sentences: sentences, actions: actions, language: lang)
        let followUps = sentences.filter { $0.promise != nil && !$0.isQuestion }.map {
            FollowUp(text: $0.text, when: $0.promise ?? "", turn: $0.turn, isDeadline: $0.isDeadline)
        }
        var intents: [String] = []
        for t in context.turns where t.isCustomer {
            if let i = t.intent, business.contains(i), !intents.contains(i) { intents.append(i) }
        }
        var entities: [CallEntity] = []
        for t in context.turns { for e in t.entities where !entities.contains(where: { $0.id == e.id }) { entities.append(e) } }
        var summary = CallSummary(language: lang, issue: issue, actions: actions, outcome: outcome, outcomeReason: reason,
                                  outcomeTurns: outcomeTurns, followUps: followUps, intents: intents, entities: entities, text: "")
        summary.text = SummaryRenderer(language: lang, knowledge: knowledge).render(summary)
        return summary
    }

    /// The customer's key turn(s).
    func issue(_ context: CallContext, business: Set<String>) -> SummaryPart? {
        let customer = context.turns.filter(\.isCustomer)
        guard !customer.isEmpty else { return nil }
        let withIntent = customer.filter { $0.intent.map(business.contains) ?? false }
        let first = withIntent.first
            ?? customer.first { !$0.entities.isEmpty }
            ?? customer.prefix(3).max { $0.text.count < $1.text.count }
        guard let first else { return nil }
        var turns = [first.number]
        var text = Self.keySentences(first.text, limit: 160)
        // A second key turn: a confident intent of another department (a complaint after a fault).
        let firstDepts = Set(first.intent.map(knowledge.departments(of:)) ?? [])
        if let second = withIntent.first(where: { t in
            t.number > first.number && (t.intentConfidence ?? 1) >= secondIssueConfidence
                && Set(t.intent.map(knowledge.departments(of:)) ?? []).isDisjoint(with: firstDepts)
        }) {
            turns.append(second.number)
            text += (Self.isChinese(text) ? "；" : "; ") + Self.keySentences(second.text, limit: 120)
        }
        return SummaryPart(text: text, turns: turns, intent: first.intent)
    }

    /// The best action sentences, in call order.
    func actionParts(_ sentences: [ScoredSentence]) -> [SummaryPart] {
        let ranked = sentences.enumerated()
            .filter { $0.element.score >= SentenceScorer.threshold }
            .sorted { $0.element.score != $1.element.score ? $0.element.score > $1.element.score : $0.offset < $1.offset }
            .prefix(maxActions)
            .sorted { $0.offset < $1.offset }
        return ranked.map { SummaryPart(text: Self.keySentences($0.element.text, limit: 140), turns: [$0.element.turn]) }
    }

    func outcome(_ context: CallContext, sentences: [ScoredSentence], actions: [SummaryPart],
                 language: String) -> (CallOutcome, String, [Int]) {
        let statements = sentences.filter { !$0.isQuestion && $0.agentIndex > 0 }
        if let s = statements.first(where: { !$0.escalationHits.isEmpty && $0.score >= SentenceScorer.threshold }) {
            return (.escalated, Self.keySentences(s.text, limit: 140), [s.turn])
        }
        if let s = statements.first(where: { $0.hasReference || (!$0.ticketHits.isEmpty && $0.promise != nil) }) {
            return (.ticket, Self.keySentences(s.text, limit: 140), [s.turn])
        }
        let lastCustomer = context.turns.last(where: \.isCustomer)
        let unhappy = (lastCustomer?.sentimentScore ?? 0) <= dissatisfiedScore
        if actions.isEmpty, let s = statements.first(where: { !$0.unresolvedHits.isEmpty }) {
            return (.unresolved, Self.keySentences(s.text, limit: 140), [s.turn])
        }
        if actions.isEmpty && unhappy, let c = lastCustomer {
            return (.unresolved, Self.keySentences(c.text, limit: 140), [c.number])
        }
        let cited = actions.last?.turns ?? []
        let reason = actions.last?.text ?? (language == "zh" ? "问题已在通话中解答" : "answered during the call")
        return (.resolved, reason, cited)
    }

    /// A turn's text as one clause: its sentences joined with commas (so a rendered summary keeps
    /// its own sentence count), clipped to `limit` characters.
    static func keySentences(_ s: String, limit: Int) -> String {
        let sentences = SentenceSplitter.split(s).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        let zh = isChinese(s)
        let joined = sentences.map { t -> String in
            var t = t
            while let last = t.last, "。.！!？?；;".contains(last) { t.removeLast() }
            return t
        }.joined(separator: zh ? "，" : ", ")
        return clip(joined.isEmpty ? s : joined, limit)
    }

    static func clip(_ s: String, _ n: Int) -> String {
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.count <= n ? t : String(t.prefix(n - 1)) + "…"
    }

    static func isChinese(_ s: String) -> Bool { LanguageDetector.detect(s) == .zh }
}
