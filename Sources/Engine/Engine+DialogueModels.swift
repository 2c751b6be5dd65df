import Dialogue
import Foundation
import Ingestion
import KnowledgeModel
import LinearAlgebra
import Pretrained
import TextAnalysis

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
        let dense = denseEncoder(intentConfig), sentimentDense = denseEncoder(sentimentConfig)
        let intentFP = Self.fingerprint(intents.map { "\($0.label)\t\($0.text)" } + [dense?.fingerprint ?? ""], intentConfig)
        let sentimentFP = Self.fingerprint(sentiments.map { "\($0.label.rawValue)\t\($0.text)" } + [sentimentDense?.fingerprint ?? ""],
                                           sentimentConfig)
        let intentResult = try trainOne(name: "intent", examples: intents.count, labels: Set(intents.map(\.label)).count,
                                        fingerprint: intentFP, force: force) { () throws -> Data in
            try IntentModel.train(examples: intents, config: intentConfig, encoder: dense).serialized()
        }
        let sentimentResult = try trainOne(name: "sentiment", examples: sentiments.count, labels: Set(sentiments.map(\.label)).count,
                                           fingerprint: sentimentFP, force: force) { () throws -> Data in
            try SentimentModel.train(examples: sentiments, config: sentimentConfig, encoder: sentimentDense).serialized()
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
            guard !TrainingStop.isRequested else { throw Self.trainingStopped }
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

    /// The pretrained encoder as dense classifier features (intent or sentiment), when the
    /// configuration's `dense_weight` asks for them and a pretrained encoder is configured
    /// (`search.pretrained_encoder`); nil otherwise. With `dense_vectors: static`, its distilled
    /// word-piece vectors (`staticVectors`).
    func denseEncoder(_ c: ClassifierConfig) -> DenseEncoder? {
        guard c.denseWeight > 0, let bert = pretrained else { return nil }
        if c.denseVectors == "static" {
            let table = staticVectors(bert)
            return DenseEncoder(fingerprint: table.fingerprint, dimension: table.dimension) { table.encode($0) }
        }
        return DenseEncoder(fingerprint: bert.fingerprint, dimension: bert.dimension) { bert.encode($0) }
    }

    /// The encoder's word-piece table: kept in memory once made, read from the data folder
    /// (`models/static-vectors.bin`) when it was distilled from the same model, else distilled
    /// (about 15 s for MiniLM) and saved.
    func staticVectors(_ bert: BertEncoder) -> BertStaticVectors {
        if let kept = dialogue.withLock({ $0.models.staticVectors }) { return kept }
        let file = ModelFiles.staticVectors(in: dataDirectory)
        let table: BertStaticVectors
        if let data = try? Data(contentsOf: file), let saved = BertStaticVectors(serialized: data, encoder: bert) {
            table = saved
        } else {
            let start = Date()
            table = BertStaticVectors.distill(bert)
            do { try ModelFiles.writeAtomically(table.serialized(), to: file) } catch {
                logger.warning("cannot save the static encoder vectors; they will be distilled again next start", metadata: ["error": "\(error)"])
            }
            logger.info("static encoder vectors distilled", metadata: ["seconds": "\(String(format: "%.1f", Date().timeIntervalSince(start)))"])
        }
        dialogue.withLock { $0.models.staticVectors = table }
        return table
    }

    static func classifierConfig(_ path: String) throws(EngineError) -> ClassifierConfig {
        let url = URL(fileURLWithPath: ShippedFiles.resolve(path))
        guard FileManager.default.fileExists(atPath: url.path) else { return ClassifierConfig() }
        do { return try ClassifierConfig.load(from: url) } catch {
            throw EngineError(.unavailable, code: "invalid_model_config", "\(path): \(error)")
        }
    }

    /// SHA-256 of the normalizer's version, the configuration (JSON with sorted keys: without them JSONEncoder's key order
    /// changes from one encode to the next, and models were retrained for nothing) and the lines.
    static func fingerprint(_ lines: [String], _ config: ClassifierConfig) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let configText = (try? encoder.encode(config)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let text = "normalizer \(Normalizer.version)\n" + configText + "\n" + lines.joined(separator: "\n")
        return SHA256.hex(Data(text.utf8))
    }

    /// The trained models, loaded from the data folder on first use.
    func dialogueModels() -> (intent: IntentModel?, sentiment: SentimentModel?) {
        if let ready = dialogue.withLock({ $0.loaded ? ($0.intent, $0.sentiment) : nil }) { return ready }
        let intent = loadModel("intent", configFile: config.intentConfigFile) { try IntentModel.load(from: $0, encoder: $1) }
        let sentiment = loadModel("sentiment", configFile: config.sentimentConfigFile) { try SentimentModel.load(from: $0, encoder: $1) }
        dialogue.withLock { $0.intent = intent; $0.sentiment = sentiment; $0.loaded = true }
        return (intent, sentiment)
    }

    /// A saved model with the dense encoder its configuration asks for; nil when none is saved, or
    /// when it was trained with another encoder (or one no longer configured) or is damaged: then
    /// the models are marked stale and retrained like after changed examples.
    private func loadModel<M>(_ name: String, configFile: String, _ load: (URL, DenseEncoder?) throws -> M) -> M? {
        let file = ModelFiles.dialogue(name, in: dataDirectory)
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        do {
            let c = try? Self.classifierConfig(configFile)
            return try load(file, c.flatMap(denseEncoder))
        } catch {
            logger.warning("the saved \(name) model cannot be used with the configured encoder; it will be retrained",
                           metadata: ["error": "\(error)"])
            // Without its fingerprint stamp the next training cannot take the file for up to date.
            try? FileManager.default.removeItem(at: file.appendingPathExtension("fingerprint"))
            dialogue.withLock { $0.modelsStale = true }
            return nil
        }
    }
}
