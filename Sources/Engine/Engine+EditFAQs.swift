import Foundation
import Ingestion
import KnowledgeModel
import Storage
import Synchronization
import TextAnalysis

/// FAQs made and changed through `/v1/faqs` (see `Engine+Editing`).
extension Engine {
    /// FAQs by id; `query` keeps those whose question, similar questions or answer contain it.
    public func listFAQs(query: String? = nil, limit: Int = 100, offset: Int = 0) throws(EngineError) -> FAQList {
        guard (1...1000).contains(limit) else { throw EngineError.badRequest("invalid_limit", "limit must be between 1 and 1000") }
        guard offset >= 0 else { throw EngineError.badRequest("invalid_offset", "offset must not be negative") }
        let names = try documentNamesByID()
        var all: [(faq: FAQ, documentID: String)]
        do { all = try store.faqsWithOwner() } catch { throw Engine.storageError(error) }
        if let q = query?.trimmingCharacters(in: .whitespaces), !q.isEmpty {
            let needle = Normalizer.normalize(q)
            all = all.filter { f in ([f.faq.question, f.faq.answer] + f.faq.similar).contains { Normalizer.normalize($0).contains(needle) } }
        }
        let page = all.dropFirst(offset).prefix(limit).map { faqView($0.faq, documentID: $0.documentID, names: names) }
        return FAQList(total: all.count, faqs: Array(page))
    }

    /// One FAQ. - Throws: `faq_not_found` (404).
    public func faq(_ id: String) throws(EngineError) -> FAQView {
        let names = try documentNamesByID()
        let all: [(faq: FAQ, documentID: String)]
        do { all = try store.faqsWithOwner() } catch { throw Engine.storageError(error) }
        guard let found = all.first(where: { $0.faq.id == id }) else { throw EngineError.notFound("faq_not_found", "no FAQ with id '\(id)'") }
        return faqView(found.faq, documentID: found.documentID, names: names)
    }

    /// Creates a FAQ, searchable when this returns.
    /// - Throws: 400 for bad input (`missing_question`, `invalid_id`, `text_too_long`), 409 `faq_exists` when the id is taken.
    public func createFAQ(_ input: FAQInput) throws(EngineError) -> FAQView {
        var faq = try Self.validFAQ(input)
        try editorLock.withLock { _ throws(EngineError) in
            var current = try editorFAQs()
            if faq.id.isEmpty {
                repeat { faq.id = "faq-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(10) } while try ownerOfFAQ(faq.id) != nil
            } else if let owner = try ownerOfFAQ(faq.id) {
                throw EngineError(.conflict, code: "faq_exists", "FAQ id '\(faq.id)' is already defined in \(owner)")
            }
            current.append(faq)
            try writeEditorFAQs(current)
        }
        return try self.faq(faq.id)
    }

    /// Replaces a FAQ made through the API. - Throws: `faq_not_found` (404), `not_editable` (409) for an imported FAQ.
    public func updateFAQ(_ id: String, _ input: FAQInput) throws(EngineError) -> FAQView {
        if let given = input.id?.trimmingCharacters(in: .whitespaces), !given.isEmpty, given != id {
            throw EngineError(.conflict, code: "id_mismatch", "the body's id '\(given)' differs from the path's '\(id)'")
        }
        var faq = try Self.validFAQ(input)
        faq.id = id
        try editorLock.withLock { _ throws(EngineError) in
            var current = try editorFAQs()
            guard let i = current.firstIndex(where: { $0.id == id }) else { throw try notEditable("FAQ", id, owner: ownerOfFAQ(id)) }
            current[i] = faq
            try writeEditorFAQs(current)
        }
        return try self.faq(id)
    }

    /// Deletes a FAQ made through the API. - Throws: `faq_not_found` (404), `not_editable` (409).
    public func deleteFAQ(_ id: String) throws(EngineError) {
        try editorLock.withLock { _ throws(EngineError) in
            var current = try editorFAQs()
            guard let i = current.firstIndex(where: { $0.id == id }) else { throw try notEditable("FAQ", id, owner: ownerOfFAQ(id)) }
            current.remove(at: i)
            try writeEditorFAQs(current)
        }
    }

    func editorFAQs() throws(EngineError) -> [FAQ] {
        guard let doc = try editorDocument(Self.editorFAQs) else { return [] }
        do {
            // In the editors' order: their chunks' order in the document.
            let order = try store.chunks(documentID: doc.id).compactMap(\.faqID)
            let faqs = Dictionary(try store.faqsWithOwner().filter { $0.documentID == doc.id }.map { ($0.faq.id, $0.faq) }, uniquingKeysWith: { a, _ in a })
            return order.compactMap { faqs[$0] }
        } catch {
            throw Engine.storageError(error)
        }
    }

    func writeEditorFAQs(_ faqs: [FAQ]) throws(EngineError) {
        struct Line: Encodable { var id: String; var question: String; var similar: [String]; var answer: String; var tags: [String] }
        try writeEditorDocument(Self.editorFAQs, format: .faqJSONL,
                                lines: faqs.map { Line(id: $0.id, question: $0.question, similar: $0.similar, answer: $0.answer, tags: $0.tags) })
    }

    func ownerOfFAQ(_ id: String) throws(EngineError) -> String? {
        do {
            guard let docID = try store.faqOwner(id) else { return nil }
            return try store.document(id: docID)?.name ?? docID
        } catch {
            throw Engine.storageError(error)
        }
    }

    func faqView(_ f: FAQ, documentID: String, names: [String: String]) -> FAQView {
        FAQView(id: f.id, question: f.question, similar: f.similar, answer: f.answer, tags: f.tags, documentID: documentID,
                documentName: names[documentID], editable: names[documentID] == Self.editorFAQs)
    }

    static func validFAQ(_ input: FAQInput) throws(EngineError) -> FAQ {
        let question = input.question.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !question.isEmpty else { throw EngineError.badRequest("missing_question", "a FAQ needs a non-empty 'question'") }
        let id = try validID(input.id)
        let similar = (input.similar ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty && $0 != question }
        let answer = (input.answer ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let tags = (input.tags ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        for t in [question, answer] + similar + tags where t.count > maxEditorText {
            throw EngineError.badRequest("text_too_long", "a FAQ's texts must be at most \(maxEditorText) characters")
        }
        guard similar.count <= 200, tags.count <= 50 else { throw EngineError.badRequest("too_many_items", "at most 200 similar questions and 50 tags") }
        return FAQ(id: id ?? "", question: question, similar: Array(NSOrderedSet(array: similar).array as? [String] ?? similar), answer: answer, tags: tags)
    }

    /// A given id as sent (not trimmed), nil when absent or empty; ASCII letters, digits and `-_.:`, up to 100.
    static func validID(_ raw: String?) throws(EngineError) -> String? {
        guard let id = raw, !id.isEmpty else { return nil }
        // ASCII only, as the spec's pattern says (ids go into URL paths).
        guard id.count <= 100, id.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.:".unicodeScalars.contains($0)) }) else {
            throw EngineError.badRequest("invalid_id", "an id has up to 100 letters, digits, '-', '_', '.' or ':'; got '\(id)'")
        }
        return id
    }
}
