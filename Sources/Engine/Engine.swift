import Foundation
import Ingestion
import KnowledgeModel
import Learning
import Logging
import Pretrained
import Retrieval
import Storage
import Synchronization
import TextAnalysis

/// The one object the CLI and the HTTP server talk to. It owns the store (the source of
/// truth), the in-memory indexes built from it, and runs imports and queries.
///
/// Reads take a snapshot of the indexes under a short lock and work on it without holding
/// the lock; writes go to the store first (one transaction per file) and then update the
/// snapshot, so a crash between the two only costs a rebuild at the next start.
public final class Engine: Sendable {
    public let store: Store
    public let config: EngineConfig
    public let dataDirectory: URL
    let logger: Logger
    let importer: Ingestion.Importer
    /// The encoder's hyper-parameters (Models/encoder.json, or the built-in defaults).
    public let encoderConfig: EncoderConfig
    /// The assist models' configuration (`search.assist_config`).
    public let assist: AssistSettings
    /// The pretrained sentence encoder, when `search.pretrained_encoder` names one.
    let pretrained: BertEncoder?
    /// The real words spelling correction never changes; nil when correction is off or there is no
    /// list (then nothing is mended). Read once here, not per search.
    let spellingWords: Set<String>?
    let state: Mutex<KnowledgeSnapshot?>
    /// Serializes writers (imports, deletes) so that store and snapshot change in the same order.
    let writeLock = Mutex<Void>(())
    /// Chunks added or removed since the encoder was last trained, and whether a background
    /// training is running (see `retrainIfStale()`).
    let drift = Mutex<(changes: Int, training: Bool)>((0, false))
    /// Background trainings that are running, and whether new ones may start (see
    /// `finishBackgroundWork(waitingUpTo:)`).
    let background = BackgroundWork()
    /// What each conversation named so far (in memory, expiring).
    let sessions: SessionStore
    /// The intent, sentiment and reply models (see `Engine+Dialogue`).
    let dialogue = Mutex<DialogueState>(DialogueState())
    /// Live agent-assist conversations (in memory, expiring like sessions).
    let conversations: ConversationStore
    /// QA rules and customer profiles, decoded once per knowledge generation.
    let recordCache = RecordCache()
    let derived = DerivedCache()
    /// True while the ticket delivery loop runs (see `Engine+Tickets`).
    let ticketDelivery = Mutex<Bool>(false)

    /// Opens (creating if needed) the knowledge base in `dataDirectory`.
    /// - Throws: `EngineError` with code `data_unavailable` when the folder or database can't be opened.
    public init(dataDirectory: URL, config: EngineConfig = EngineConfig(), logger: Logger = Logger(label: "switchboard")) throws(EngineError) {
        self.dataDirectory = dataDirectory
        self.config = config
        self.logger = logger
        sessions = SessionStore(ttl: config.sessionTTLSeconds)
        conversations = ConversationStore(ttl: config.sessionTTLSeconds)
        do {
            try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw EngineError(.unavailable, code: "data_unavailable", "cannot create the data folder \(dataDirectory.path): \(error.localizedDescription)")
        }
        do {
            store = try Store(path: dataDirectory.appendingPathComponent("knowledge.sqlite").path)
        } catch {
            throw EngineError(.unavailable, code: "data_unavailable", error.description)
        }
        importer = Ingestion.Importer(limits: ImportLimits(maxFileBytes: config.maxFileBytes))
        let modelFile = URL(fileURLWithPath: ShippedFiles.resolve(config.encoderConfigFile))
        if FileManager.default.fileExists(atPath: modelFile.path) {
            do { encoderConfig = try EncoderConfig.load(from: modelFile) } catch {
                throw EngineError(.unavailable, code: "invalid_model_config", "\(config.encoderConfigFile): \(error)")
            }
        } else {
            encoderConfig = EncoderConfig()
        }
        assist = try AssistSettings.load(ShippedFiles.resolve(config.assistConfigFile))
        for file in [config.encoderConfigFile, config.intentConfigFile, config.sentimentConfigFile, config.assistConfigFile]
        where !FileManager.default.fileExists(atPath: ShippedFiles.resolve(file)) {
            logger.warning("model configuration not found in the working directory, SWITCHBOARD_HOME or beside the executable: built-in values used",
                           metadata: ["file": "\(file)"])
        }
        pretrained = try Self.loadPretrained(config.pretrainedEncoder)
        state = Mutex(nil)
        spellingWords = config.spellingCorrection ? WordList.words(at: config.spellingWords) : nil
        if config.spellingCorrection && spellingWords == nil {
            logger.info("spelling correction is off: no word list (Debian's wamerican; scripts/install-deps.sh installs it)",
                        metadata: ["search.spelling_words": "\(config.spellingWords)"])
        }
    }

    /// The current snapshot, built from the store on first use.
    func snapshot() throws(EngineError) -> KnowledgeSnapshot {
        if let s = state.withLock({ $0 }) { return s }
        let built = try buildSnapshot()
        return state.withLock { current in
            if let current { return current }
            current = built
            return built
        }
    }

    func buildSnapshot() throws(EngineError) -> KnowledgeSnapshot {
        try KnowledgeSnapshot.build(from: store, options: config.analyzer.options, encoder: sentenceEncoder(),
                                    vectorIndex: config.vectorIndex,
                                    vectorFile: ModelFiles.vectors(in: dataDirectory), logger: logger)
    }

    /// Builds the in-memory indexes from the store without training anything: BM25 always, vectors
    /// only with an encoder already saved (what the lexical benchmarks time).
    public func buildIndexes() throws(EngineError) { _ = try snapshot() }

    /// Builds the indexes now (the server calls this before it accepts requests), training the
    /// encoder first when there is knowledge but no encoder yet, and the models and rules the
    /// first answer and turn read (`warmCaches`).
    public func warmUp() throws(EngineError) {
        let start = Date()
        if loadEncoder() == nil, (try? store.counts().chunks) ?? 0 > 0 { try train() }
        let s = try snapshot()
        warmCaches()
        logger.info("indexes ready", metadata: ["chunks": "\(s.index.liveCount)", "terms": "\(s.index.termCount)", "vectors": "\(s.semantic?.index.vectorCount ?? 0)",
                                                "ms": "\(Int(Date().timeIntervalSince(start) * 1000))"])
    }

    /// Counts of everything stored.
    public func stats() throws(EngineError) -> Stats {
        var stats: Stats
        do { stats = Stats(try store.counts()) } catch { throw Engine.storageError(error) }
        if let s = state.withLock({ $0 }) {
            stats.indexTerms = s.index.termCount
            stats.indexedChunks = s.index.liveCount
            stats.vectors = s.semantic?.index.vectorCount
            stats.vectorIndex = s.semantic?.index.backendName
            stats.encoder = s.semantic.map { String($0.encoder.fingerprint.prefix(12)) }
        }
        return stats
    }

    /// Saves the vector index as it is now (the server calls this at shutdown), so that the next
    /// start loads it instead of encoding every chunk again.
    public func persistVectors() {
        writeLock.withLock { _ in
            guard let s = state.withLock({ $0 }), let semantic = s.semantic, let generation = try? store.generation() else { return }
            do {
                try semantic.index.save(to: ModelFiles.vectors(in: dataDirectory),
                                       tag: SemanticLayer.tag(encoder: semantic.encoder, generation: generation))
            } catch {
                logger.warning("could not save the vector index", metadata: ["error": "\(error)"])
            }
        }
    }

    static func storageError(_ error: StorageError) -> EngineError {
        switch error {
        case .conflict(let m): return EngineError(.conflict, code: "conflict", m)
        case .cannotOpen: return EngineError(.unavailable, code: "data_unavailable", error.description)
        case .database: return EngineError(.internal, code: "storage_error", error.description)
        }
    }
}
