import Foundation
import KnowledgeModel
import Learning
import TextAnalysis

/// Suggests the agent's next reply from reply scripts and from what agents answered to similar
/// customer turns in past transcripts.
///
/// Transcript replies: the current customer turn (consecutive customer turns at the end are one
/// turn) is compared with past customer turns — by default the cosine of hashed TF-IDF vectors plus
/// `previousTurnWeight` × the cosine of the turns before them (`similarity: .bm25` uses BM25 instead,
/// `.both` the sum). Each of the best `neighbours` votes for its reply's cluster of near-identical
/// replies with `similarity^sharpness` (or `(similarity / best)^sharpness` as a share of all votes with
/// `relativeVotes`). A cluster's raw score is its votes plus
/// `popularityWeight × log(1 + size) / log(1 + max(largest size, priorFloor))` (and the same per
/// position bucket with `positionWeight`) plus `replyWeight` × the cosine of the reply with the
/// customer turn, mapped by x / (1 + x) into 0..<1 (so a
/// script matching the request's intent, score ≥ 1, ranks first); the most
/// frequent clusters are always candidates. Scripts are ranked by `ReplyScriptRanker` (intent,
/// stage, wording). Both lists are merged by score and `{slot}`s are filled from the request.
///
/// A value type: `add(_:)` returns nothing and changes this copy only, so a service can keep
/// answering from the old copy while it adds accepted replies to a new one.
public struct ReplySuggester: Sendable {
    /// The scoring knobs.
    public let configuration: ReplyConfiguration
    /// The analyzer for customer turns and scripts (use the knowledge base's lexicon for better terms).
    public let analyzer: Analyzer
    private var scripts: ReplyScriptRanker
    private var transcripts: ReplyTranscriptIndex

    /// A suggester over reply scripts and transcript pairs.
    /// With an `encoder` and `similarity: .encoder`, its vectors are compared too (see `ReplyEncoderTraining`).
    public init(scripts: [ReplyScript] = [], pairs: [ReplyPair] = [], analyzer: Analyzer = Analyzer(),
                encoder: Encoder? = nil, configuration: ReplyConfiguration = ReplyConfiguration()) {
        self.configuration = configuration
        self.analyzer = analyzer
        self.scripts = ReplyScriptRanker(scripts: scripts, analyzer: analyzer)
        self.transcripts = ReplyTranscriptIndex(
            pairs: pairs, lexical: configuration.similarity == .bm25 || configuration.similarity == .both,
            vectors: configuration.similarity != .bm25,
            encoder: configuration.similarity == .encoder ? encoder : nil, analyzer: analyzer)
    }

    /// A suggester over reply scripts and recorded transcript turns (see `ReplyPair.pairs(from:)`).
    public init(scripts: [ReplyScript], transcript: [TranscriptTurn], analyzer: Analyzer = Analyzer(),
                configuration: ReplyConfiguration = ReplyConfiguration()) {
        self.init(scripts: scripts, pairs: ReplyPair.pairs(from: transcript), analyzer: analyzer,
                  configuration: configuration)
    }

    /// Adds one exchange (for example a reply an agent accepted or edited); later suggestions use it.
    public mutating func add(_ pair: ReplyPair) {
        transcripts.add(pair, analyzer: analyzer)
    }

    /// Adds one reply script.
    public mutating func add(_ script: ReplyScript) {
        scripts.add(script, analyzer: analyzer)
    }

    /// Number of transcript pairs indexed.
    public var pairCount: Int { transcripts.pairs.count }

    /// The clusters of near-identical transcript replies.
    public var replyClusters: ReplyClusterIndex { transcripts.clusters }

    /// The best `request.limit` replies, best first.
    /// - Throws: `ReplyError.emptyConversation` without turns, `.noCustomerTurn` without a customer
    ///   turn that has text, `.invalidLimit` for a limit below 1.
    public func suggest(_ request: ReplyRequest) throws(ReplyError) -> [ReplySuggestion] {
        guard !request.turns.isEmpty else { throw .emptyConversation }
        guard request.limit >= 1 else { throw .invalidLimit(request.limit) }
        guard let current = Self.currentTurn(request.turns) else { throw .noCustomerTurn }
        var out: [ReplySuggestion] = []
        // Without scripts nothing reads the terms; with them, the caller's are taken when they are this text's.
        let terms = scripts.scripts.isEmpty ? []
            : request.analyzed.flatMap { $0.text == current.customer ? $0.terms : nil } ?? analyzer.terms(current.customer)
        for (script, score) in scripts.rank(customer: current.customer, terms: terms, intent: request.intent, stage: request.stage,
                                             configuration: configuration).prefix(request.limit) {
            out.append(Self.unfilled(template: script.text, source: "script:\(script.id)", score: score, clusterSize: 1))
        }
        out += transcriptSuggestions(current, limit: request.limit)
        out.sort { $0.score != $1.score ? $0.score > $1.score : $0.source < $1.source }
        // Slots are filled in the kept suggestions only.
        return out.prefix(request.limit).map { Self.filled($0, slots: request.slots) }
    }

    /// Transcript replies by neighbour votes and popularity, best first, slots not filled yet.
    func transcriptSuggestions(_ current: CurrentTurn, limit: Int) -> [ReplySuggestion] {
        let c = configuration
        let clusters = transcripts.clusters.clusters
        guard !clusters.isEmpty else { return [] }
        let hits = transcripts.neighbours(customer: current.customer, previous: current.previous, analyzer: analyzer,
                                          configuration: c)
        var votes: [Int: Double] = [:]
        var source: [Int: Int] = [:]
        var total = 0.0
        let relative = c.relativeVotes || c.similarity != .tfidf      // BM25 scores have no fixed scale
        if let best = hits.first?.score, best > 0 {
            for hit in hits {
                let w = pow(relative ? hit.score / best : hit.score, c.sharpness)
                let cluster = transcripts.clusterOfPair[hit.pair]
                votes[cluster, default: 0] += w
                if source[cluster] == nil { source[cluster] = hit.pair }
                total += w
            }
        }
        let bucket = ReplyTranscriptIndex.positionBucket(current.turn)
        for cluster in transcripts.popularClusters(c.popularCandidates) where votes[cluster] == nil {
            votes[cluster] = 0
        }
        if c.positionWeight > 0 {
            for cluster in transcripts.popularClusters(c.popularCandidates, bucket: bucket) where votes[cluster] == nil {
                votes[cluster] = 0
            }
        }
        // The repeat penalty: a candidate near-identical to what the agent said. Candidates are few
        // (neighbours' and popular clusters), so each is compared with the said lines directly
        // instead of looking each line up among all clusters.
        let said = current.agentSaid.map(ReplyClusterIndex.Probe.init)
        let floor = Double(max(c.priorFloor, 1))
        let largest = log(1 + max(Double(transcripts.clusters.largestCount), floor))
        let largestHere = log(1 + max(Double(transcripts.bucketLargest[bucket]), floor))
        let candidates = Array(votes.keys)
        var echo: [Int: Double] = [:]
        if c.replyWeight > 0, let cos = transcripts.replyCosines(current.customer, candidates.map { clusters[$0].representative }) {
            for (k, cluster) in candidates.enumerated() { echo[cluster] = cos[k] }
        }
        var scored: [(cluster: Int, score: Double)] = votes.map { cluster, v in
            let share = relative ? (total > 0 ? v / total : 0) : v
            let prior = largest > 0 ? log(1 + Double(clusters[cluster].count)) / largest : 0
            let here = largestHere > 0 ? log(1 + Double(transcripts.bucketCounts[bucket][cluster] ?? 0)) / largestHere : 0
            var raw = share + c.popularityWeight * prior + c.positionWeight * here + c.replyWeight * (echo[cluster] ?? 0)
            if said.contains(where: { transcripts.clusters.leader(cluster, isNearDuplicateOf: $0) }) { raw *= c.repeatFactor }
            return (cluster, raw / (1 + raw))              // monotone into 0..<1, below intent-matched scripts
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.cluster < $1.cluster }
        return scored.prefix(limit).map { cluster, score in
            let pair = transcripts.pairs[source[cluster] ?? transcripts.firstPairOfCluster[cluster]]
            return Self.unfilled(template: clusters[cluster].representative, source: pair.source, score: score,
                                 clusterSize: clusters[cluster].count)
        }
    }

    /// A suggestion whose text is still its template (see `filled`).
    static func unfilled(template: String, source: String, score: Double, clusterSize: Int) -> ReplySuggestion {
        ReplySuggestion(text: template, template: template, source: source, score: score, unfilledSlots: [], clusterSize: clusterSize)
    }

    /// The suggestion with its template's slots filled from `slots`.
    static func filled(_ s: ReplySuggestion, slots: [String: String]) -> ReplySuggestion {
        let filled = ReplySlots.fill(s.template, with: slots)
        var out = s
        out.text = filled.text
        out.unfilledSlots = filled.unfilled
        return out
    }

    /// What a request says about the turn to answer.
    struct CurrentTurn {
        /// The last block of consecutive customer turns with text, joined with spaces.
        var customer: String
        /// The turn just before that block.
        var previous: String?
        /// The turn number the reply will have (turns with text counted from 1), as in `ReplyPair.turn`;
        /// counted within the last `contextTurns` turns, so a longer call stays in the last position bucket.
        var turn: Int
        /// What the agent said before the block: the last `maxSaidTurns` agent turns.
        var agentSaid: [String]
    }

    /// Consecutive customer turns joined into the one being answered, at most: the latest ones
    /// (a customer who types many short lines; without a bound every line of a long monologue is
    /// re-analyzed on each new line). JDDC gives the same R@1 and R@5 with 4 as with 8 on three
    /// hold-out folds (every 5th, 7th, 10th session), and a turn that ends a long run of customer
    /// lines costs 15% less CPU.
    static let maxJoinedCustomerTurns = 4

    /// Agent turns that count as already said (the repeat penalty), the latest ones. Each is
    /// matched to its reply cluster on every suggestion; over a whole long call that matching
    /// was most of a customer turn's time (27% of the server's CPU at turn 400 of an alternating
    /// call), and a reply said that long ago is no repeat.
    static let maxSaidTurns = 10

    /// The most turns a suggestion reads, the latest: enough for the customer's run of lines, the
    /// turn before it and the agent's recent turns, and a position past the last position bucket
    /// (`ReplyTranscriptIndex.positionBucket`, from turn 17) whenever turns were left out. A long
    /// call's earlier turns are not read again on every new one. JDDC's R@1 and R@5 are the same
    /// with 32 as with 64 on three hold-out folds; each turn read costs a cache miss on its text.
    public static let contextTurns = 32

    static func currentTurn(_ turns: [ReplyTurn]) -> CurrentTurn? {
        let turns = turns.suffix(contextTurns).filter { hasText($0.text) }
        guard let last = turns.lastIndex(where: { $0.speaker == .customer }) else { return nil }
        var runStart = last
        while runStart > 0 && turns[runStart - 1].speaker == .customer { runStart -= 1 }
        let first = max(runStart, last - maxJoinedCustomerTurns + 1)
        let customer = turns[first...last].map(\.text).joined(separator: " ")
        var said: [String] = []
        for t in turns[..<runStart].reversed() where t.speaker == .agent {
            said.append(t.text)
            if said.count == maxSaidTurns { break }
        }
        said.reverse()
        return CurrentTurn(customer: customer, previous: runStart > 0 ? turns[runStart - 1].text : nil,
                           turn: last + 2, agentSaid: said)
    }

    /// Whether `text` has a scalar that is not white space. Runs on every kept turn of a call for
    /// each new one, so the common cases are answered without a Unicode property lookup: ASCII, and
    /// scalars above U+3000 (the highest white-space scalar).
    static func hasText(_ text: String) -> Bool {
        if let b = text.utf8.first, b < 0x80, b != 0x20, !(0x09...0x0D).contains(b) { return true }
        for u in text.unicodeScalars {
            if u.value < 0x80 {
                if u.value != 0x20 && !(0x09...0x0D).contains(u.value) { return true }
            } else if u.value > 0x3000 || !u.properties.isWhitespace {
                return true
            }
        }
        return false
    }
}
