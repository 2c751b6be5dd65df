import Foundation
import KnowledgeModel
import TextAnalysis

/// A proposal to merge two entities that look like the same thing.
public struct MergeProposal: Sendable, Hashable, Codable {
    /// The entity to keep (the one with more names, then the smaller id).
    public var keep: String
    /// The entity to fold into `keep`.
    public var merge: String
    /// The blended similarity that crossed the threshold, 0...1.
    public var similarity: Double
    /// Why: which names matched and how, e.g. `char 2-3-gram cosine 0.91 ("Lanto Pilot" ~ "Lanto-Pilot")`.
    public var reason: String

    /// Creates a proposal.
    public init(keep: String, merge: String, similarity: Double, reason: String) {
        self.keep = keep; self.merge = merge; self.similarity = similarity; self.reason = reason
    }
}

/// Proposes merges of near-duplicate entities of the same type by character n-gram similarity
/// over their normalized names and aliases, optionally blended with an embedding similarity.
///
/// For each pair of same-type entities, every (name or alias) × (name or alias) pair is scored
/// with the cosine of their character 2- and 3-gram count vectors (and their Jaccard is recorded
/// in the reason); the best pair is the lexical score. With an embedding hook that returns a
/// value for the two canonical names, the score is `(1 - w)·lexical + w·embedding`.
public struct EntityResolution: Sendable {
    /// An entity as resolution sees it.
    public struct Candidate: Sendable, Hashable {
        /// Entity id.
        public var id: String
        /// Canonical name.
        public var name: String
        /// Other names.
        public var aliases: [String]
        /// Entity type; only entities of the same type are compared.
        public var type: String

        /// Creates a candidate.
        public init(id: String, name: String, aliases: [String] = [], type: String) {
            self.id = id; self.name = name; self.aliases = aliases; self.type = type
        }

        /// The candidate of a lexicon entity.
        public init(_ entity: LexiconEntity) {
            self.init(id: entity.id, name: entity.name, aliases: entity.aliases, type: entity.type)
        }
    }

    /// Blended similarity at or above which a merge is proposed.
    public var threshold: Double
    /// Weight of the embedding similarity when the hook gives one, 0...1.
    public var embeddingWeight: Double
    /// Optional embedding cosine of two names; nil means "no opinion".
    public var embeddingSimilarity: (@Sendable (String, String) -> Double?)?

    /// Creates a resolver.
    public init(threshold: Double = 0.8, embeddingWeight: Double = 0.3,
                embeddingSimilarity: (@Sendable (String, String) -> Double?)? = nil) {
        self.threshold = threshold
        self.embeddingWeight = embeddingWeight
        self.embeddingSimilarity = embeddingSimilarity
    }

    /// Merge proposals, best first. Each unordered pair is proposed at most once.
    public func proposals(_ entities: [Candidate]) -> [MergeProposal] {
        let prepared = entities.map { e in
            (e, Array(Set(([e.name] + e.aliases).map(Self.normalizeName).filter { !$0.isEmpty })).sorted())
        }
        var out: [MergeProposal] = []
        for i in prepared.indices {
            for j in prepared.indices where j > i && prepared[i].0.type == prepared[j].0.type {
                let (a, namesA) = prepared[i], (b, namesB) = prepared[j]
                guard a.id != b.id, let best = Self.bestNamePair(namesA, namesB) else { continue }
                var score = best.cosine
                var reason = String(format: "char 2-3-gram cosine %.2f, jaccard %.2f", best.cosine, best.jaccard)
                    + " (\"\(best.left)\" ~ \"\(best.right)\")"
                if let hook = embeddingSimilarity, let emb = hook(a.name, b.name) {
                    score = (1 - embeddingWeight) * score + embeddingWeight * emb
                    reason += String(format: "; embedding cosine %.2f, weight %.2f", emb, embeddingWeight)
                }
                guard score >= threshold else { continue }
                let aFirst = (a.aliases.count, b.id) >= (b.aliases.count, a.id)
                let (keep, merge) = aFirst ? (a.id, b.id) : (b.id, a.id)
                out.append(MergeProposal(keep: keep, merge: merge, similarity: score, reason: reason))
            }
        }
        return out.sorted { ($0.similarity, $1.keep, $1.merge) > ($1.similarity, $0.keep, $0.merge) }
    }

    /// Merge proposals for lexicon entities.
    public func proposals(_ entities: [LexiconEntity]) -> [MergeProposal] {
        proposals(entities.map(Candidate.init))
    }

    /// Normalizes a name for comparison: NFKC + case folding, then only letters and digits
    /// kept, separated by single spaces ("Lanto-Pilot" and "lanto pilot" agree).
    public static func normalizeName(_ name: String) -> String {
        let folded = Normalizer.normalize(name)
        var out = ""
        var pendingSpace = false
        for ch in folded {
            if ch.isLetter || ch.isNumber {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                out.append(ch); pendingSpace = false
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    /// Character 2- and 3-gram counts of a normalized name, with boundary markers.
    public static func ngrams(_ name: String) -> [String: Int] {
        let chars = Array("^" + name.replacingOccurrences(of: " ", with: "") + "$")
        var counts: [String: Int] = [:]
        for n in 2...3 where chars.count >= n {
            for i in 0...(chars.count - n) { counts[String(chars[i..<(i + n)]), default: 0] += 1 }
        }
        return counts
    }

    /// Cosine of two n-gram count vectors.
    public static func cosine(_ x: [String: Int], _ y: [String: Int]) -> Double {
        var dot = 0.0
        for (k, v) in x { if let w = y[k] { dot += Double(v * w) } }
        let nx = sqrt(x.values.reduce(0.0) { $0 + Double($1 * $1) })
        let ny = sqrt(y.values.reduce(0.0) { $0 + Double($1 * $1) })
        return nx == 0 || ny == 0 ? 0 : dot / (nx * ny)
    }

    /// Jaccard of the two n-gram sets.
    public static func jaccard(_ x: [String: Int], _ y: [String: Int]) -> Double {
        let a = Set(x.keys), b = Set(y.keys)
        let union = a.union(b).count
        return union == 0 ? 0 : Double(a.intersection(b).count) / Double(union)
    }

    /// The most similar (by cosine) pair of names across the two lists.
    static func bestNamePair(_ xs: [String], _ ys: [String])
        -> (left: String, right: String, cosine: Double, jaccard: Double)? {
        var best: (left: String, right: String, cosine: Double, jaccard: Double)?
        let gy = ys.map { ($0, ngrams($0)) }
        for x in xs {
            let gx = ngrams(x)
            for (y, g) in gy {
                let c = cosine(gx, g)
                if best == nil || c > best!.cosine { best = (x, y, c, jaccard(gx, g)) }
            }
        }
        return best
    }
}
