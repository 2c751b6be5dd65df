import Dispatch
import Foundation
import KnowledgeModel
import LinearAlgebra
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
    /// The conversation models trained in the same call.
    public var intent: DialogueTrainResult?
    public var sentiment: DialogueTrainResult?

    enum CodingKeys: String, CodingKey {
        case status, fingerprint, seconds, corpus, groups, weakGroups = "weak_groups", heldOutRecallAt1 = "held_out_recall_at_1"
        case intent, sentiment
    }
}

extension Engine {
    /// Trains the encoder, then the intent and sentiment models, each unless one trained on
    /// exactly the same knowledge and configuration is already saved (`force` retrains anyway).
    @discardableResult
    public func train(force: Bool = false) throws(EngineError) -> TrainResult {
        var result = try trainEncoder(force: force)
        (result.intent, result.sentiment) = try trainDialogue(force: force)
        return result
    }

    /// Trains the encoder on the stored knowledge (see `train`). Saves it as a versioned artifact
    /// in the data folder and rebuilds the vectors.
    func trainEncoder(force: Bool) throws(EngineError) -> TrainResult {
        let start = Date()
        let set: TrainingSet
        do {
            set = try TrainingSet.load(from: store, chunks: store.allChunks())
        } catch {
            throw Engine.storageError(error)
        }
        // The lexicon straight from the store: building a whole snapshot (BM25, vectors, graph)
        // just to read it would be thrown away once the new encoder is trained.
        let lexicon = (try? LexiconLoader.lexicon(from: store)) ?? .init()
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
            guard !TrainingStop.isRequested else { throw Self.trainingStopped }
            try ModelFiles.writeAtomically(encoder.artifactData(), to: ModelFiles.encoder(in: dataDirectory))
            result.heldOutRecallAt1 = report.epochs.last?.heldOutRecallAt1
        } catch let e as EngineError {
            throw e
        } catch {
            throw EngineError(.internal, code: "training_failed", "training the encoder failed: \(error)")
        }
        result.status = "trained"
        result.seconds = Date().timeIntervalSince(start)
        logger.info("encoder trained", metadata: ["seconds": "\(String(format: "%.2f", result.seconds))",
                                                  "corpus": "\(set.corpus.count)", "groups": "\(set.groups.count)"])
        drift.withLock { $0.changes = 0 }
        // Swap in a snapshot built with the new encoder; readers keep the old one meanwhile.
        writeLock.withLock { _ in
            if let fresh = try? buildSnapshot() { state.withLock { $0 = fresh } } else { state.withLock { $0 = nil } }
        }
        return result
    }

    /// Counts chunks that changed since the last training. Between trainings, new chunks are
    /// encoded with the current encoder; once the changes pass `retrainFraction` of the knowledge
    /// (and at least 20 chunks), the encoder is retrained in the background and swapped in.
    /// Returns true when a retraining was started.
    @discardableResult
    public func retrainIfStale() -> Bool {
        let dialogueStale = dialogue.withLock { d -> Bool in
            guard d.modelsStale else { return false }
            d.modelsStale = false
            d.modelsTraining = true
            return true
        }
        if dialogueStale, background.begin() {
            DispatchQueue.global(qos: .utility).async { [self] in
                defer { dialogue.withLock { $0.modelsTraining = false }; background.end() }
                do { _ = try trainDialogue(force: false) } catch { logBackgroundFailure("background training of the conversation models", error) }
                Self.releaseTrainingMemory()
            }
        } else if dialogueStale {
            dialogue.withLock { $0.modelsTraining = false }      // shutting down: no training will come
        }
        let total = state.withLock { $0?.chunks.count } ?? 0
        let start = drift.withLock { d -> Bool in
            guard !d.training, d.changes >= 20, Double(d.changes) >= config.retrainFraction * Double(max(total, 1)) else { return false }
            d.training = true
            return true
        }
        guard start, background.begin() else {
            if start { drift.withLock { $0.training = false } }
            return false
        }
        logger.info("background retraining started", metadata: ["changed_chunks": "\(drift.withLock { $0.changes })", "chunks": "\(total)"])
        DispatchQueue.global(qos: .utility).async { [self] in
            defer { drift.withLock { $0.training = false }; background.end() }
            do { try train() } catch { logBackgroundFailure("background retraining", error) }
            Self.releaseTrainingMemory()
        }
        return true
    }

    private func logBackgroundFailure(_ what: String, _ error: any Error) {
        if (error as? EngineError)?.code == Self.trainingStopped.code {
            logger.info("\(what) stopped: the server is shutting down")
        } else {
            logger.error("\(what) failed", metadata: ["error": "\(error)"])
        }
    }

    /// What a training cut short by `TrainingStop` throws: its model is not saved.
    static let trainingStopped = EngineError(.unavailable, code: "training_stopped", "training stopped early: the server is shutting down")

    /// Lets no more background trainings start, asks those running to stop at their next epoch
    /// (`TrainingStop`, process-wide: call this only when the process is about to exit), and
    /// waits for them at most `seconds`. Returns whether none is still running.
    public func finishBackgroundWork(waitingUpTo seconds: Double) -> Bool {
        background.close()
        TrainingStop.request()
        return background.wait(seconds: seconds)
    }

    /// Returns what a background training freed to the operating system now, and again a few
    /// seconds later: requests that began before the new snapshot was swapped in still hold the
    /// old one, whose memory is freed only when the last of them ends. (Trimmed once, a soak's
    /// server settled at 258 MB instead of 224.)
    static func releaseTrainingMemory() {
        MallocTuning.releaseFreed()
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + 3) { MallocTuning.releaseFreed() }
    }

    func noteChanges(_ n: Int) {
        drift.withLock { $0.changes += n }
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
