import Foundation
import Graph
import Ingestion
import KnowledgeModel
import Storage

extension Engine {
    /// Imports files and folders (recursively). Each file is its own transaction: a bad file
    /// is reported and skipped, the good ones are imported. Unchanged files are skipped by
    /// fingerprint. `progress` is called after each file with (done, total).
    /// - Throws: `EngineError` (`not_found`) only when a path does not exist.
    public func importPaths(_ paths: [String], progress: (@Sendable (Int, Int, Int) -> Void)? = nil) throws(EngineError) -> ImportReport {
        let start = Date()
        let files: [SourceFile]
        do {
            files = try FileWalker.collect(paths)
        } catch {
            throw EngineError(.notFound, code: Self.code(error.code), error.description)
        }
        var results: [FileImportResult] = []
        var bytesDone = 0
        for (i, file) in files.enumerated() {
            let result = importFile(file)
            bytesDone += result.bytes
            results.append(result)
            progress?(i + 1, files.count, bytesDone)
        }
        return ImportReport(files: results, tookMs: Date().timeIntervalSince(start) * 1000)
    }

    func importFile(_ file: SourceFile) -> FileImportResult {
        var result = FileImportResult(name: file.name, status: .failed, documentID: nil, format: nil, chunks: 0, records: 0, bytes: 0, error: nil)
        do {
            let size = (try? FileManager.default.attributesOfItem(atPath: file.url.path)[.size] as? Int) ?? 0
            if size > config.maxFileBytes {
                throw EngineError(.payloadTooLarge, code: "too_large", "\(file.name): file is \(size) bytes, over the limit of \(config.maxFileBytes)")
            }
            let data: Data
            do { data = try Data(contentsOf: file.url) } catch {
                throw EngineError.badRequest("unreadable", "\(file.name): cannot read the file (\(error.localizedDescription))")
            }
            return try importData(name: file.name, data: data, format: nil)
        } catch {
            result.error = ErrorBody(code: error.code, message: error.message)
            return result
        }
    }

    /// Imports one body under `name` (a path or a name given over HTTP), replacing the
    /// document of the same name. Nothing changes when it fails. With `plainTextWhenUnknown`, a
    /// body without a format whose name has no extension and whose content names no format is
    /// read as plain text (instead of `unknown_format`).
    public func importData(name: String, data: Data, format: DocumentFormat?, plainTextWhenUnknown: Bool = false) throws(EngineError) -> FileImportResult {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw EngineError.badRequest("missing_name", "a document needs a name") }
        var result = FileImportResult(name: name, status: .failed, documentID: nil, format: nil, chunks: 0, records: 0, bytes: data.count, error: nil)
        let fingerprint = SHA256.hex(data)
        if let existing = try? store.document(named: name), existing.isCurrent(fingerprint: fingerprint) {
            result.status = .unchanged
            result.documentID = existing.id
            result.format = existing.format.rawValue
            return result
        }
        let parsed: ParsedFile
        do {
            let format = format ?? (plainTextWhenUnknown ? importer.formatOrPlainText(name: name, data: data) : nil)
            parsed = try importer.parse(name: name, data: data, format: format, importedAt: Date().timeIntervalSince1970)
        } catch {
            throw EngineError(Self.kind(error.code), code: Self.code(error.code), error.description)
        }
        return try storeParsed(parsed)
    }

    /// Stores a parsed file (one transaction, with its graph facts) and updates the snapshot.
    func storeParsed(_ parsed: ParsedFile) throws(EngineError) -> FileImportResult {
        let status: ReplaceStatus
        do {
            status = try writeLock.withLock { _ throws(StorageError) -> ReplaceStatus in
                let facts = Self.changesLexicon(parsed.document.format) ? nil : graphFacts(of: parsed.chunks)
                let status = try store.replace(parsed, graph: facts?.stored(documentID: parsed.document.id))
                if status != .unchanged { applyToSnapshot(parsed, facts: facts) }
                return status
            }
        } catch {
            throw Engine.storageError(error)
        }
        if status != .unchanged {
            noteChanges(parsed.chunks.count)
            noteDialogueChange(parsed.document.format)
        }
        return FileImportResult(name: parsed.document.name, status: FileImportResult.Status(rawValue: status.rawValue) ?? .created,
                                documentID: parsed.document.id, format: parsed.document.format.rawValue,
                                chunks: parsed.chunks.count, records: parsed.recordCount, bytes: parsed.document.byteCount, error: nil)
    }

    /// Deletes a document (by id or by name) with its chunks and records.
    public func deleteDocument(_ idOrName: String) throws(EngineError) -> DocumentInfo {
        do {
            guard let doc = try store.document(id: idOrName) ?? store.document(named: idOrName) else {
                throw EngineError.notFound("document_not_found", "no document with id or name '\(idOrName)'")
            }
            let chunks = try store.chunks(documentID: doc.id).count
            try writeLock.withLock { _ throws(StorageError) in
                try store.deleteDocument(id: doc.id)
                if Self.changesLexicon(doc.format) {
                    state.withLock { $0 = nil }
                } else {
                    updateSnapshot { s in s.removeDocument(doc.id); return true }
                }
            }
            noteChanges(chunks)
            noteDialogueChange(doc.format)
            return DocumentInfo(doc, chunks: chunks)
        } catch let e as EngineError {
            throw e
        } catch let e as StorageError {
            throw Engine.storageError(e)
        } catch {
            throw EngineError(.internal, code: "internal", "\(error)")
        }
    }

    /// Every document with its chunk count.
    public func documents() throws(EngineError) -> [DocumentInfo] {
        do { return try store.documents().map { DocumentInfo($0) } } catch { throw Engine.storageError(error) }
    }

    /// One document (by id or name) and its chunks.
    public func document(_ idOrName: String) throws(EngineError) -> (DocumentInfo, [Chunk]) {
        do {
            guard let doc = try store.document(id: idOrName) ?? store.document(named: idOrName) else {
                throw EngineError.notFound("document_not_found", "no document with id or name '\(idOrName)'")
            }
            let chunks = try store.chunks(documentID: doc.id)
            return (DocumentInfo(doc, chunks: chunks.count), chunks)
        } catch let e as EngineError {
            throw e
        } catch let e as StorageError {
            throw Engine.storageError(e)
        } catch {
            throw EngineError(.internal, code: "internal", "\(error)")
        }
    }

    /// The graph facts of new chunks, read with the snapshot's entities (or the store's when no
    /// snapshot is built); nil when there are no entities.
    func graphFacts(of chunks: [Chunk]) -> DocumentGraphFacts? {
        if let s = state.withLock({ $0 }) { return s.factExtractor?.facts(of: chunks) }
        guard let input = try? GraphInput.load(from: store), !input.entities.isEmpty else { return nil }
        return GraphFactExtractor(entities: input.entities).facts(of: chunks)
    }

    /// Brings the in-memory snapshot in line with a file just stored. A lexicon change
    /// changes how text is analyzed, so the snapshot is dropped and rebuilt on next use.
    /// Called under `writeLock`; the copy is changed outside the state lock (see `updateSnapshot`).
    private func applyToSnapshot(_ parsed: ParsedFile, facts: DocumentGraphFacts?) {
        if Self.changesLexicon(parsed.document.format) {
            state.withLock { $0 = nil }
            return
        }
        updateSnapshot { s in
            s.removeDocument(parsed.document.id)
            s.documentNames[parsed.document.id] = parsed.document.name
            if let facts {
                s.graphFacts[parsed.document.id] = facts
                s.assembleGraph()
            }
            do {
                try s.add(parsed.chunks)
            } catch {
                logger.error("vector update failed; rebuilding the indexes on next use", metadata: ["error": "\(error)"])
                return false
            }
            return true
        }
    }

    /// Changes a copy of the current snapshot and publishes it, or drops the snapshot (rebuilt
    /// on next use) when `change` returns false. Callers hold `writeLock`, so no other writer
    /// publishes in between; readers keep the snapshot they hold and never wait for the change
    /// (graph assembly and index updates copy large arrays: done inside the state lock, every
    /// request stalled behind them).
    func updateSnapshot(_ change: (inout KnowledgeSnapshot) -> Bool) {
        guard var s = state.withLock({ $0 }) else { return }
        let kept = change(&s)
        state.withLock { $0 = kept ? s : nil }
    }

    static func changesLexicon(_ format: DocumentFormat) -> Bool {
        format == .lexiconJSONL || format == .synonymsJSONL || format == .graph
    }

    static func code(_ c: IngestionError.Code) -> String {
        switch c {
        case .notFound: return "not_found"
        case .unknownFormat: return "unknown_format"
        case .emptyFile: return "empty_file"
        case .undecodable: return "undecodable"
        case .tooLarge: return "too_large"
        case .missingColumn: return "missing_column"
        case .notAZip: return "not_a_zip"
        case .malformed: return "malformed"
        case .unsafeArchive: return "unsafe_archive"
        }
    }

    static func kind(_ c: IngestionError.Code) -> EngineError.Kind {
        switch c {
        case .notFound: return .notFound
        case .unknownFormat: return .unsupportedMediaType
        case .tooLarge: return .payloadTooLarge
        default: return .badRequest
        }
    }
}

extension Error {
    var code: String { (self as? EngineError)?.code ?? "internal" }
    var message: String { (self as? EngineError)?.message ?? "\(self)" }
}
