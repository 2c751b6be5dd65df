import Foundation
import Ingestion
import KnowledgeModel
import Storage
import Synchronization
import TextAnalysis

/// Intent examples made and changed through `/v1/intents` (see `Engine+Editing`).
extension Engine {
    /// Every intent label with its number of examples (all, and made through the API).
    public func listIntents() throws(EngineError) -> [IntentView] {
        let docID = DocumentID.make(name: Self.editorIntents)
        do {
            return try store.intentLabelCounts(documentID: docID).map { IntentView(label: $0.label, total: $0.total, editable: $0.inDocument, examples: nil) }
        } catch {
            throw Engine.storageError(error)
        }
    }

    /// One label with its examples. - Throws: `intent_not_found` (404).
    public func intent(_ label: String) throws(EngineError) -> IntentView {
        let docID = DocumentID.make(name: Self.editorIntents)
        let all: [IntentExample]
        let mine: [IntentExample]
        do {
            all = try store.intentExamples()
            mine = try store.intentExamples(documentID: docID)
        } catch {
            throw Engine.storageError(error)
        }
        let examplesOfLabel = all.filter { $0.label == label }
        let mineOfLabel = mine.filter { $0.label == label }
        guard !examplesOfLabel.isEmpty else { throw EngineError.notFound("intent_not_found", "no examples for the intent '\(label)'") }
        var editable = Set(mineOfLabel.map(\.text))
        let examples = examplesOfLabel.map { e in IntentView.Example(text: e.text, editable: editable.remove(e.text) != nil) }
        return IntentView(label: label, total: examplesOfLabel.count, editable: mineOfLabel.count, examples: examples)
    }

    /// Adds examples to a label (created when new). The intent model retrains in the background
    /// (`retrainIfStale()`). - Throws: `missing_label`, `missing_text` (400).
    public func addIntentExamples(_ input: IntentInput) throws(EngineError) -> IntentView {
        let label = try Self.validLabel(input.label)
        let texts = try Self.validExamples(input)
        try editorLock.withLock { _ throws(EngineError) in
            var current = try editorIntents()
            let known = Set(current.filter { $0.label == label }.map(\.text))
            current += texts.filter { !known.contains($0) }.map { IntentExample(text: $0, label: label) }
            try writeEditorIntents(current)
        }
        return try intent(label)
    }

    /// Replaces the examples of `label` made through the API (imported ones stay).
    public func replaceIntentExamples(_ label: String, _ input: IntentInput) throws(EngineError) -> IntentView {
        if let raw = input.label {
            let given = try Self.validLabel(raw)
            guard given == label else {
                throw EngineError(.conflict, code: "label_mismatch", "the body's label '\(given)' differs from the path's '\(label)'")
            }
        }
        let label = try Self.validLabel(label)
        let texts = try Self.validExamples(input)
        try editorLock.withLock { _ throws(EngineError) in
            var current = try editorIntents()
            current.removeAll { $0.label == label }
            current += texts.map { IntentExample(text: $0, label: label) }
            try writeEditorIntents(current)
        }
        return try intent(label)
    }

    /// Deletes the examples of `label` made through the API; returns how many were deleted and how
    /// many imported examples remain. - Throws: `intent_not_found` (404), `not_editable` (409) when all are imported.
    public func deleteIntent(_ label: String) throws(EngineError) -> (deleted: Int, remaining: Int) {
        try editorLock.withLock { _ throws(EngineError) -> (deleted: Int, remaining: Int) in
            var current = try editorIntents()
            let before = current.count
            current.removeAll { $0.label == label }
            let deleted = before - current.count
            let all = try allIntentExamples()
            let total = all.filter { $0.label == label }.count
            guard total > 0 else { throw EngineError.notFound("intent_not_found", "no examples for the intent '\(label)'") }
            guard deleted > 0 else {
                throw EngineError(.conflict, code: "not_editable", "the intent '\(label)' has only imported examples; re-import their file to change them")
            }
            try writeEditorIntents(current)
            return (deleted, total - deleted)
        }
    }

    func allIntentExamples() throws(EngineError) -> [IntentExample] {
        do { return try store.intentExamples() } catch { throw Engine.storageError(error) }
    }

    func editorIntents() throws(EngineError) -> [IntentExample] {
        do { return try store.intentExamples(documentID: DocumentID.make(name: Self.editorIntents)) } catch { throw Engine.storageError(error) }
    }

    func writeEditorIntents(_ examples: [IntentExample]) throws(EngineError) {
        try writeEditorDocument(Self.editorIntents, format: .intentsJSONL, lines: examples)
    }

    static func validLabel(_ raw: String?) throws(EngineError) -> String {
        guard let raw, case let label = raw.trimmingCharacters(in: .whitespacesAndNewlines), !label.isEmpty else {
            throw EngineError.badRequest("missing_label", "give the intent's 'label'")
        }
        // The length counts the code points as sent, as the spec's maxLength does.
        guard raw.unicodeScalars.count <= 100, !label.contains(where: { $0.isWhitespace || $0 == "/" }) else {
            throw EngineError.badRequest("invalid_label", "a label has up to 100 characters without spaces or '/'; got '\(label)'")
        }
        return label
    }

    /// The input's `examples` and `text`, trimmed, each once: at most 1000 `examples` (and `text`).
    static func validExamples(_ input: IntentInput) throws(EngineError) -> [String] {
        guard (input.examples ?? []).count <= 1000 else { throw EngineError.badRequest("too_many_items", "at most 1000 examples at once") }
        let texts = ((input.examples ?? []) + (input.text.map { [$0] } ?? [])).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard !texts.contains(where: \.isEmpty) else { throw EngineError.badRequest("empty_text", "an example is empty") }
        guard !texts.isEmpty else { throw EngineError.badRequest("missing_text", "give at least one example: 'text' or 'examples'") }
        for t in texts where t.count > maxUtteranceCharacters {
            throw EngineError.badRequest("text_too_long", "an example is longer than \(maxUtteranceCharacters) characters")
        }
        var seen = Set<String>()
        return texts.filter { seen.insert($0).inserted }
    }
}
