import Foundation
import Learning
import TextAnalysis

/// Trains a `Learning.Encoder` for reply suggestion from transcript pairs: the corpus is every
/// customer turn and previous turn, and the customer turns that received near-identical replies
/// (one reply cluster with at least `minimumGroup` pairs, at most `maximumGroup` of them) form a
/// weak paraphrase group: turns that get the same answer should be close.
public enum ReplyEncoderTraining {
    /// Trains the encoder (seconds to a minute for a few thousand pairs).
    /// - Throws: the trainer's errors (`EncoderError`, `LinearAlgebraError`).
    public static func train(pairs: [ReplyPair], config: EncoderConfig = defaultConfig,
                             minimumGroup: Int = 2, maximumGroup: Int = 64) throws -> Encoder {
        var clusters = ReplyClusterIndex()
        var members: [Int: [String]] = [:]
        for p in pairs {
            let id = clusters.insert(p.reply)
            if (members[id]?.count ?? 0) < maximumGroup, members[id]?.contains(p.customer) != true {
                members[id, default: []].append(p.customer)
            }
        }
        let groups = members.keys.sorted().compactMap { members[$0] }.filter { $0.count >= minimumGroup }
        let corpus = pairs.map(\.customer) + pairs.compactMap(\.previous)
        return try EncoderTrainer.train(corpus: corpus, groups: [], weakGroups: groups, config: config).0
    }

    /// `train(pairs:config:)` with `defaultConfig` at another dimension and epoch count.
    public static func train(pairs: [ReplyPair], dimension: Int, epochs: Int) throws -> Encoder {
        var c = defaultConfig
        c.dimension = dimension
        c.epochs = epochs
        return try train(pairs: pairs, config: c)
    }

    /// The shipped encoder settings with Chinese character trigrams off and fewer epochs.
    public static var defaultConfig: EncoderConfig {
        var c = EncoderConfig()
        c.cjkNgramWeight = 0
        c.epochs = 10
        return c
    }
}
