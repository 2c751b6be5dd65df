import Foundation
import KnowledgeModel
import Learning
import Storage

/// What `Engine.train` did.
public struct TrainResult: Codable, Sendable {
    public var status: String
    public var fingerprint: String
    public var seconds: Double
    public var corpus: Int
    public var groups: Int
    public var weakGroups: Int
    public var heldOutRecallAt1: Double?

    enum CodingKeys: String, CodingKey {
        case status, fingerprint, seconds, corpus, groups, weakGroups = "weak_groups", heldOutRecallAt1 = "held_out_recall_at_1"
    }
}

extension Engine {
    /// Trains the encoder on the stored knowledge unless an encoder trained on exactly the same
    /// knowledge and configuration is already saved (`force` retrains anyway). Saves it as a
    /// versioned artifact in the data folder and rebuilds the vectors.
    @discardableResult
    public func train(force: Bool = false) throws(EngineError) -> TrainResult {
        let start = Date()
        let set: TrainingSet
        do {
            set = try TrainingSet.load(from: store, chunks: store.allChunks())
        } catch {
            throw Engine.storageError(error)
        }
        let lexicon = (try? snapshot().analyzer.lexicon) ?? .init()
        let fingerprint = EncoderTrainer.fingerprint(corpus: set.corpus, groups: set.groups, weakGroups: set.weakGroups,
                                                     lexicon: lexicon, config: encoderConfig)
        var result = TrainResult(status: "unchanged", fingerprint: fingerprint, seconds: 0, corpus: set.corpus.count,
                                 groups: set.groups.count, weakGroups: set.weakGroups.count, heldOutRecallAt1: nil)
        if !force, let saved = loadEncoder(), saved.fingerprint == fingerprint { return result }
        guard !set.corpus.isEmpty else {
            result.status = "skipped: no knowledge to learn from"
            return result
        }
        do {
            let (encoder, report) = try EncoderTrainer.train(corpus: set.corpus, groups: set.groups, weakGroups: set.weakGroups,
                                                            lexicon: lexicon, config: encoderConfig)
            try ModelFiles.writeAtomically(encoder.artifactData(), to: ModelFiles.encoder(in: dataDirectory))
            result.heldOutRecallAt1 = report.epochs.last?.heldOutRecallAt1
        } catch {
            throw EngineError(.internal, code: "training_failed", "training the encoder failed: \(error)")
        }
        result.status = "trained"
        result.seconds = Date().timeIntervalSince(start)
        logger.info("encoder trained", metadata: ["seconds": "\(String(format: "%.2f", result.seconds))",
                                                  "corpus": "\(set.corpus.count)", "groups": "\(set.groups.count)"])
        state.withLock { $0 = nil }
        return result
    }

    /// The saved encoder, or nil when there is none or it cannot be read (logged).
    func loadEncoder() -> Encoder? {
        let url = ModelFiles.encoder(in: dataDirectory)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try Encoder.load(from: url)
        } catch {
            logger.warning("ignoring an unreadable encoder artifact; it will be retrained", metadata: ["file": "\(url.path)", "error": "\(error)"])
            return nil
        }
    }
}
