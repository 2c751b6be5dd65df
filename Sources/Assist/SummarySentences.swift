import Foundation
import TextAnalysis

/// One agent sentence with the features the summarizer scores it by.
struct ScoredSentence: Sendable, Hashable {
    var text: String
    var turn: Int
    /// Index of the agent turn among agent turns (0 = first).
    var agentIndex: Int
    var score: Double
    var actionHits: [String]
    var escalationHits: [String]
    var ticketHits: [String]
    var unresolvedHits: [String]
    var promise: String?
    /// The sentence commits someone to act later (a deadline or a call back).
    var isDeadline: Bool
    var hasReference: Bool
    var isQuestion: Bool
}

/// Scores the agent's sentences for "what was done".
///
/// The score adds up features instead of relying on one word list:
/// * action cues of the language (`routing.jsonl` cues): +2 for the first, +0.5 for each more;
/// * a reference number (letters followed by 6+ digits, e.g. a case or refund number): +2;
/// * a time promise (the language's promise expressions): +1.5;
/// * any digit (times, amounts, distances): +0.5; entities the turn links: +0.25 each (max 1);
/// * a question: −2 (asking is not doing); the first agent turn (greeting, identity check): −1.5;
///   the last agent turn (closing): −0.5; very short sentences: −1.
/// Sentences scoring at least `SentenceScorer.threshold` are actions.
struct SentenceScorer: Sendable {
    static let threshold = 2.0
    let action: PhraseMatcher
    let escalation: PhraseMatcher
    let ticket: PhraseMatcher
    let promise: PhraseMatcher
    let deadline: PhraseMatcher
    let unresolved: PhraseMatcher

    init(cues: LanguageCues) {
        action = PhraseMatcher(cues.action); escalation = PhraseMatcher(cues.escalation)
        ticket = PhraseMatcher(cues.ticket); promise = PhraseMatcher(cues.promise)
        deadline = PhraseMatcher(cues.deadline)
        unresolved = PhraseMatcher(cues.unresolved)
    }

    /// Every agent sentence of the call, scored.
    func score(_ context: CallContext) -> [ScoredSentence] {
        let agentTurns = context.turns.filter(\.isAgent)
        var out: [ScoredSentence] = []
        for (k, t) in agentTurns.enumerated() {
            for sentence in SentenceSplitter.split(t.text) {
                let s = sentence.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !s.isEmpty else { continue }
                out.append(score(s, turn: t, agentIndex: k, agentCount: agentTurns.count))
            }
        }
        return out
    }

    func score(_ s: String, turn t: CallTurn, agentIndex k: Int, agentCount: Int) -> ScoredSentence {
        let actions = action.matches(in: s)
        let deadlines = deadline.matches(in: s)
        let promised = promise.matches(in: s).first ?? deadlines.first
        let reference = Self.hasReference(s)
        let question = s.hasSuffix("?") || s.hasSuffix("？") || s.hasSuffix("吗")
        var score = 0.0
        if !actions.isEmpty { score += 2 + 0.5 * Double(actions.count - 1) }
        if reference { score += 2 }
        if promised != nil { score += 1.5 }
        if s.contains(where: \.isNumber) { score += 0.5 }
        score += min(1, 0.25 * Double(t.entities.count))
        if question { score -= 2 }
        if k == 0 { score -= 1.5 }
        if k == agentCount - 1 && agentCount > 1 { score -= 0.5 }
        if Self.isShort(s) { score -= 1 }
        return ScoredSentence(text: s, turn: t.number, agentIndex: k, score: score, actionHits: actions,
                              escalationHits: escalation.matches(in: s), ticketHits: ticket.matches(in: s),
                              unresolvedHits: unresolved.matches(in: s), promise: promised, isDeadline: !deadlines.isEmpty, hasReference: reference,
                              isQuestion: question)
    }

    /// Letters followed by six or more digits (case, work-order, refund numbers).
    static func hasReference(_ s: String) -> Bool {
        s.contains(/[A-Za-z]{2,}-?[0-9]{6,}/)
    }

    /// Fewer than 6 Han characters and fewer than 4 Latin words.
    static func isShort(_ s: String) -> Bool {
        let han = s.unicodeScalars.filter { $0.value >= 0x4E00 && $0.value <= 0x9FFF }.count
        let words = s.split(whereSeparator: { $0.isWhitespace }).count
        return han < 6 && words < 4
    }
}
