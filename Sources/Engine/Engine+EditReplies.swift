import Foundation
import Ingestion
import KnowledgeModel
import Storage
import Synchronization
import TextAnalysis

/// Reply scripts made and changed through `/v1/replies` (see `Engine+Editing`).
extension Engine {
    /// Every reply script, by document and file order.
    public func listReplies() throws(EngineError) -> [ReplyView] {
        let mine = DocumentID.make(name: Self.editorReplies)
        do {
            return try store.recordJSONWithOwner(kind: .reply).compactMap { r in
                guard let s = try? JSONDecoder().decode(ReplyScript.self, from: Data(r.json.utf8)) else { return nil }
                return ReplyView(id: s.id, intent: s.intent, stage: s.stage, lang: s.lang, text: s.text, slots: s.slots,
                                 documentID: r.documentID, editable: r.documentID == mine)
            }
        } catch {
            throw Engine.storageError(error)
        }
    }

    /// One reply script. - Throws: `reply_not_found` (404).
    public func reply(_ id: String) throws(EngineError) -> ReplyView {
        guard let r = try listReplies().first(where: { $0.id == id }) else { throw EngineError.notFound("reply_not_found", "no reply script with id '\(id)'") }
        return r
    }

    /// Creates a reply script (suggested from the next request on). - Throws: 400 for bad input, 409 `reply_exists`.
    public func createReply(_ input: ReplyInput) throws(EngineError) -> ReplyView {
        var script = try Self.validReply(input)
        try editorLock.withLock { _ throws(EngineError) in
            let all = try listReplies()
            if script.id.isEmpty {
                repeat { script.id = "RPL-" + UUID().uuidString.prefix(8) } while all.contains { $0.id == script.id }
            } else if let taken = all.first(where: { $0.id == script.id }) {
                throw EngineError(.conflict, code: "reply_exists", "reply id '\(script.id)' is already defined in \(taken.editable ? Self.editorReplies : taken.documentID)")
            }
            try writeEditorReplies(all.filter(\.editable).map(Self.script) + [script])
        }
        return try reply(script.id)
    }

    /// Replaces a reply script made through the API. - Throws: `reply_not_found` (404), `not_editable` (409).
    public func updateReply(_ id: String, _ input: ReplyInput) throws(EngineError) -> ReplyView {
        if let given = input.id?.trimmingCharacters(in: .whitespaces), !given.isEmpty, given != id {
            throw EngineError(.conflict, code: "id_mismatch", "the body's id '\(given)' differs from the path's '\(id)'")
        }
        var script = try Self.validReply(input)
        script.id = id
        try editorLock.withLock { _ throws(EngineError) in
            var mine = try listReplies().filter(\.editable).map(Self.script)
            guard let i = mine.firstIndex(where: { $0.id == id }) else { throw try notEditable("reply script", id, owner: replyOwner(id)) }
            mine[i] = script
            try writeEditorReplies(mine)
        }
        return try reply(id)
    }

    /// Deletes a reply script made through the API. - Throws: `reply_not_found` (404), `not_editable` (409).
    public func deleteReply(_ id: String) throws(EngineError) {
        try editorLock.withLock { _ throws(EngineError) in
            var mine = try listReplies().filter(\.editable).map(Self.script)
            guard let i = mine.firstIndex(where: { $0.id == id }) else { throw try notEditable("reply script", id, owner: replyOwner(id)) }
            mine.remove(at: i)
            try writeEditorReplies(mine)
        }
    }

    func replyOwner(_ id: String) throws(EngineError) -> String? {
        guard let r = try listReplies().first(where: { $0.id == id }) else { return nil }
        return (try? store.document(id: r.documentID))??.name ?? r.documentID
    }

    func writeEditorReplies(_ scripts: [ReplyScript]) throws(EngineError) {
        try writeEditorDocument(Self.editorReplies, format: .repliesJSONL, lines: scripts)
    }

    static func script(_ v: ReplyView) -> ReplyScript { ReplyScript(id: v.id, intent: v.intent, stage: v.stage, lang: v.lang, text: v.text) }

    static func validReply(_ input: ReplyInput) throws(EngineError) -> ReplyScript {
        let intent = try validLabel(input.intent)
        let stage = input.stage.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !stage.isEmpty else { throw EngineError.badRequest("missing_stage", "a reply script needs a 'stage' (opening, diagnosis, solution, closing, ...)") }
        let text = input.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw EngineError.badRequest("missing_text", "a reply script needs a non-empty 'text'") }
        guard text.count <= maxUtteranceCharacters else { throw EngineError.badRequest("text_too_long", "text is longer than \(maxUtteranceCharacters) characters") }
        let lang = input.lang?.trimmingCharacters(in: .whitespaces).lowercased()
        if let lang, !lang.isEmpty, !["zh", "en"].contains(lang) { throw EngineError.badRequest("invalid_lang", "lang must be zh or en; got '\(lang)'") }
        return ReplyScript(id: try validID(input.id) ?? "", intent: intent, stage: stage, lang: lang?.isEmpty == true ? nil : lang, text: text)
    }
}
