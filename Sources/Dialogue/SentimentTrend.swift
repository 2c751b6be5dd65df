/// Escalation signal over a conversation's customer-turn sentiment scores (each in [-1, 1]).
///
/// The rule (both parts are checked after every turn; `escalate` is true when either fires on the
/// latest turn):
/// 1. **Consecutive negatives** — the last `consecutiveTurns` scores are all ≤ `negativeScore`
///    (default: two turns in a row at or below -0.3).
/// 2. **Falling mood** — the exponentially weighted moving average
///    `ewma_t = α · score_t + (1 − α) · ewma_{t−1}` (`ewma_1 = score_1`) has dropped by at least
///    `drop` below its highest value so far in the conversation and is now below 0 (default:
///    α 0.5, drop 0.5). This catches a customer who started content and is souring, before two
///    clearly negative turns.
///
/// A single angry turn after a calm conversation does not escalate by itself unless it pulls the
/// EWMA down by `drop`; one neutral turn between two negative ones resets rule 1.
public struct SentimentTrend: Sendable, Equatable, Codable {
    /// EWMA smoothing α in (0, 1].
    public var alpha: Double = 0.5
    /// Drop of the EWMA from its running maximum that signals falling sentiment.
    public var drop: Double = 0.5
    /// A turn at or below this score counts as negative.
    public var negativeScore: Double = -0.3
    /// This many negative turns in a row escalate.
    public var consecutiveTurns: Int = 2

    /// The default rule.
    public init() {}

    /// A rule with explicit parameters.
    public init(alpha: Double, drop: Double, negativeScore: Double, consecutiveTurns: Int) {
        self.alpha = alpha
        self.drop = drop
        self.negativeScore = negativeScore
        self.consecutiveTurns = consecutiveTurns
    }

    /// Why a conversation escalates.
    public enum Reason: String, Sendable, Codable, Equatable {
        case consecutiveNegative = "consecutive_negative"
        case fallingSentiment = "falling_sentiment"
    }

    /// The trend of a score sequence.
    public struct Report: Sendable, Codable, Equatable {
        /// EWMA after each turn.
        public var ewma: [Double]
        /// Whether the latest turn triggers escalation.
        public var escalate: Bool
        /// Which rule fired (consecutive negatives win when both do); nil when none.
        public var reason: Reason?
        /// Index of the first turn at which the rule fired, if it ever did.
        public var firstEscalationTurn: Int?
    }

    /// Applies the rule to `scores` (oldest first). Non-finite scores are treated as 0.
    public func analyze(_ scores: [Double]) -> Report {
        var ewma: [Double] = []
        var peak = -Double.infinity, run = 0
        var first: Int?
        var last: Reason?
        for (i, raw) in scores.enumerated() {
            let s = raw.isFinite ? max(-1, min(1, raw)) : 0
            let e = ewma.last.map { alpha * s + (1 - alpha) * $0 } ?? s
            ewma.append(e)
            peak = max(peak, e)
            run = s <= negativeScore ? run + 1 : 0
            if run >= consecutiveTurns { last = .consecutiveNegative }
            else if peak - e >= drop && e < 0 { last = .fallingSentiment }
            else { last = nil }
            if last != nil && first == nil { first = i }
        }
        return Report(ewma: ewma, escalate: last != nil, reason: last, firstEscalationTurn: first)
    }

    /// `analyze` on `Float` scores (as `SentimentPrediction.score` gives them).
    public func analyze(_ scores: [Float]) -> Report {
        analyze(scores.map(Double.init))
    }
}
