import Dialogue
import Foundation
import Ingestion
import KnowledgeModel
import Pretrained

/// Training, fingerprinting and loading of the intent and sentiment models.
extension Engine {
    /// Trains the intent and sentiment models on the stored examples unless models trained on
    /// the same examples and configuration are saved (`force` retrains).
    func trainDialogue(force: Bool) throws(EngineError) -> (intent: DialogueTrainResult, sentiment: DialogueTrainResult) {
        let intents: [IntentExample]
        let sentiments: [SentimentExample]
        do {
            intents = try store.intentExamples()
            sentiments = try store.records(kind: .sentiment, as: SentimentExample.self)
        } catch {
            throw Engine.storageError(error)
        }
        let intentConfig = try Self.classifierConfig(config.intentConfigFile)
        let sentimentConfig = try Self.classifierConfig(config.sentimentConfigFile)
        let dense = intentDenseEncoder(intentConfig)
        let intentFP = Self.fingerprint(intents.map { "\($0.label)\t\($0.text)" } + [dense?.fingerprint ?? ""], intentConfig)
        let sentimentFP = Self.fingerprint(sentiments.map { "\($0.label.rawValue)\t\($0.text)" }, sentimentConfig)
        let intentResult = try trainOne(name: "intent", examples: intents.count, labels: Set(intents.map(\.label)).count,
                                        fingerprint: intentFP, force: force) { () throws -> Data in
            try IntentModel.train(examples: intents, config: intentConfig, encoder: dense).serialized()
        }
        let sentimentResult = try trainOne(name: "sentiment", examples: sentiments.count, labels: Set(sentiments.map(\.label)).count,
                                           fingerprint: sentimentFP, force: force) { () throws -> Data in
            try SentimentModel.train(examples: sentiments, config: sentimentConfig).serialized()
        }
        dialogue.withLock { $0.loaded = false; $0.modelsStale = false }
        return (intentResult, sentimentResult)
    }

    private func trainOne(name: String, examples: Int, labels: Int, fingerprint: String, force: Bool,
                          train: () throws -> Data) throws(EngineError) -> DialogueTrainResult {
        var result = DialogueTrainResult(status: "unchanged", examples: examples, labels: labels, seconds: 0)
        let model = ModelFiles.dialogue(name, in: dataDirectory)
        let stamp = model.appendingPathExtension("fingerprint")
        if !force, FileManager.default.fileExists(atPath: model.path),
           (try? String(contentsOf: stamp, encoding: .utf8)) == fingerprint { return result }
        guard labels >= 2 else {
            result.status = "skipped: needs examples of at least two labels"
            return result
        }
        let start = Date()
        do {
            let data = try train()
            try ModelFiles.writeAtomically(data, to: model)
            try ModelFiles.writeAtomically(Data(fingerprint.utf8), to: stamp)
        } catch let e as EngineError {
            throw e
        } catch {
            throw EngineError(.internal, code: "training_failed", "training the \(name) model failed: \(error)")
        }
        result.status = "trained"
        result.seconds = Date().timeIntervalSince(start)
        logger.info("\(name) model trained", metadata: ["seconds": "\(String(format: "%.2f", result.seconds))", "examples": "\(examples)"])
        return result
    }

    /// The pretrained encoder as dense intent features, when `dense_weight` asks for them and a
    /// pretrained encoder is configured (`search.pretrained_encoder`); nil otherwise.
    func intentDenseEncoder(_ c: ClassifierConfig) -> DenseEncoder? {
        guard c.denseWeight > 0, let bert = pretrained else { return nil }
        return DenseEncoder(fingerprint: bert.fingerprint, dimension: bert.dimension) { bert.encode($0) }
    }

    static func classifierConfig(_ path: String) throws(EngineError) -> ClassifierConfig {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: url.path) else { return ClassifierConfig() }
        do { return try ClassifierConfig.load(from: url) } catch {
            throw EngineError(.unavailable, code: "invalid_model_config", "\(path): \(error)")
        }
    }

    static func fingerprint(_ lines: [String], _ config: ClassifierConfig) -> String {
        let configText = (try? JSONEncoder().encode(config)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return SHA256.hex(Data((configText + "\n" + lines.joined(separator: "\n")).utf8))
    }

    /// The trained models, loaded from the data folder on first use.
    func dialogueModels() -> (intent: IntentModel?, sentiment: SentimentModel?) {
        if let ready = dialogue.withLock({ $0.loaded ? ($0.intent, $0.sentiment) : nil }) { return ready }
        let intentFile = ModelFiles.dialogue("intent", in: dataDirectory)
        let sentimentFile = ModelFiles.dialogue("sentiment", in: dataDirectory)
        var intent: IntentModel?
        if FileManager.default.fileExists(atPath: intentFile.path) {
            do {
                let dense = try? Self.classifierConfig(config.intentConfigFile)
                intent = try IntentModel.load(from: intentFile, encoder: dense.flatMap(intentDenseEncoder))
            } catch {
                // Trained with another encoder (or one no longer configured): retrained like stale examples.
                logger.warning("the saved intent model does not fit the configured encoder; it will be retrained", metadata: ["error": "\(error)"])
                dialogue.withLock { $0.modelsStale = true }
            }
        }
        let sentiment = FileManager.default.fileExists(atPath: sentimentFile.path) ? try? SentimentModel.load(from: sentimentFile) : nil
        dialogue.withLock { $0.intent = intent; $0.sentiment = sentiment; $0.loaded = true }
        return (intent, sentiment)
    }
}
