/// The knobs of `ReplySuggester`. The defaults are the values measured best on JDDC
/// (`ReplyEval.jddc`, every 10th session held out, checked on every 5th too); most knobs moved
/// Recall@5 by less than 0.01 (6 of 622 queries) around them.
///
/// Tried and not kept (2026-11-27; JDDC R@5 with every 5th / 7th / 10th session held out, MultiWOZ every
/// 10th; shipped 0.1382 / 0.1212 / 0.1495, 0.0507):
/// - a transition prior, the replies that followed the agent's previous line's cluster, scored like the
///   position prior: weights 0.1–1 gave 0.1348–0.1382 / 0.1212–0.1224 / 0.1463–0.1495, MultiWOZ ±0.0007
///   (the previous turn's similarity already carries it);
/// - votes shared with similar clusters (representatives within edit similarity 0.5–0.7, weights
///   0.25–1): MultiWOZ rose to 0.054–0.057, JDDC every 5th and 7th fell at every setting;
/// - diversity in the top 5 (skipping a reply within edit similarity 0.4–0.7 of a better one): lower
///   everywhere (0.7: 0.1373 / 0.1212 / 0.1463, MultiWOZ 0.0487); similar replies are each likely.
public struct ReplyConfiguration: Sendable, Hashable {
    /// How past customer turns are compared with the current one.
    public enum Similarity: String, Sendable, Hashable, Codable {
        /// BM25 over analyzed terms (`Retrieval.BM25Index`).
        case bm25
        /// Cosine of hashed TF-IDF vectors (`Learning.TFIDFModel`).
        case tfidf
        /// The sum of both, each scaled by its best neighbour's score.
        case both
        /// Cosine of a trained `Learning.Encoder`'s vectors plus the TF-IDF cosine (needs an encoder;
        /// without one it is `.tfidf`).
        case encoder
    }

    /// How past customer turns are compared with the current one. Measured on JDDC (R@5, every 10th /
    /// every 5th session held out): `.tfidf` 0.151 / 0.138, `.bm25` 0.141 / 0.130, `.both` 0.141 / 0.131
    /// (`.bm25` and `.both` vote by shares), `.encoder` 0.140 / 0.131.
    public var similarity: Similarity = .tfidf
    /// How many past customer turns (neighbours) are retrieved for one request.
    public var neighbours: Int = 50
    /// Weight of the previous turn's similarity (to the previous turns of past pairs), relative to the
    /// customer turn's own similarity (1).
    public var previousTurnWeight: Double = 0.5
    /// With `.bm25`: how many candidates the previous turn alone may add to the pool (besides the
    /// `4 × neighbours` found by the customer turn). 0: off (adding 100 did not help on JDDC).
    public var previousPool: Int = 0
    /// A neighbour's vote is its similarity raised to this power: higher trusts the closest neighbours more.
    public var sharpness: Double = 3
    /// true: a cluster's evidence is its share of the neighbours' votes, each vote `(score / best)^sharpness`;
    /// false: the plain sum of `score^sharpness` (only with `.tfidf`, whose cosines have a fixed scale;
    /// `.bm25` and `.both` always use shares).
    public var relativeVotes: Bool = false
    /// Weight of the popularity prior `log(1 + cluster size) / log(1 + largest cluster size)`.
    public var popularityWeight: Double = 0.3
    /// The priors divide by `log(1 + max(largest count, priorFloor))`, so that in a small collection
    /// (every reply said once or twice) they stay small instead of giving every reply the full prior.
    public var priorFloor: Int = 50
    /// Weight of the positional prior: the same formula over the replies given at the same point of a
    /// conversation (turn 1-2, 3-4, 5-8, 9-16, later), e.g. a greeting first and a goodbye late.
    public var positionWeight: Double = 0.5
    /// Weight of the TF-IDF cosine between the customer turn and the candidate reply itself
    /// (needs vectors: not with `.bm25`). Off: 0.3 moved JDDC Recall@5 by at most 0.002 and costs
    /// one TF-IDF transform per candidate.
    public var replyWeight: Double = 0
    /// A reply near-identical to one the agent already gave in this conversation (its last
    /// `ReplySuggester.maxSaidTurns` agent turns) has its score multiplied by this (agents rarely
    /// repeat themselves: 1.2% of JDDC agent lines).
    public var repeatFactor: Double = 0.2
    /// How many of the most frequent reply clusters are always candidates (so the prior can rank them).
    public var popularCandidates: Int = 10
    /// BM25 k1 and b for the turn index.
    public var k1: Double = 1.2
    public var b: Double = 0.75
    /// Script score when the request's intent equals the script's (scripts of other intents are skipped).
    public var scriptIntentScore: Double = 1
    /// Added when the request's stage equals the script's.
    public var scriptStageScore: Double = 0.5
    /// Weight of the script's lexical similarity to the customer turn (BM25, scaled to 0...1).
    public var scriptLexicalWeight: Double = 0.3

    /// The defaults.
    public init() {}
}
