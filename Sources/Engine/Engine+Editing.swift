import Foundation
import Ingestion
import KnowledgeModel
import Storage
import Synchronization
import TextAnalysis

/// A FAQ as `POST /v1/faqs` and `PUT /v1/faqs/{id}` take it (also what a gap cluster suggests).
public struct FAQInput: Codable, Sendable {
    /// Optional on create (generated when absent); must equal the path's id on update when given.
    public var id: String?
    public var question: String
    public var similar: [String]?
    /// May be empty while the answer is being written (search still finds the question).
    public var answer: String?
    public var tags: [String]?

    public init(id: String? = nil, question: String, similar: [String]? = nil, answer: String? = nil, tags: [String]? = nil) {
        self.id = id; self.question = question; self.similar = similar; self.answer = answer; self.tags = tags
    }
}

/// A stored FAQ with where it lives.
public struct FAQView: Codable, Sendable {
    public var id: String
    public var question: String
    public var similar: [String]
    public var answer: String
    public var tags: [String]
    public var documentID: String
    public var documentName: String?
    /// True for FAQs made through the API (editable there); imported FAQs change by re-importing their file.
    public var editable: Bool

    enum CodingKeys: String, CodingKey {
        case id, question, similar, answer, tags, documentID = "document_id", documentName = "document_name", editable
    }
}

/// `GET /v1/faqs` response.
public struct FAQList: Codable, Sendable {
    public var total: Int
    public var faqs: [FAQView]
}

/// `POST /v1/intents` body: examples for one label (`text` for a single one).
public struct IntentInput: Codable, Sendable {
    public var label: String?
    public var text: String?
    public var examples: [String]?

    public init(label: String? = nil, text: String? = nil, examples: [String]? = nil) {
        self.label = label; self.text = text; self.examples = examples
    }
}

/// An intent label with its examples.
public struct IntentView: Codable, Sendable {
    public var label: String
    public var total: Int
    /// Examples made through the API (the rest are imported).
    public var editable: Int
    public var examples: [Example]?

    public struct Example: Codable, Sendable {
        public var text: String
        public var editable: Bool
    }
}

/// A reply script with where it lives.
public struct ReplyView: Codable, Sendable {
    public var id: String
    public var intent: String
    public var stage: String
    public var lang: String?
    public var text: String
    public var slots: [String]
    public var documentID: String
    public var editable: Bool

    enum CodingKeys: String, CodingKey { case id, intent, stage, lang, text, slots, documentID = "document_id", editable }
}

/// `POST /v1/replies` and `PUT /v1/replies/{id}` body.
public struct ReplyInput: Codable, Sendable {
    public var id: String?
    public var intent: String
    public var stage: String
    public var lang: String?
    public var text: String

    public init(id: String? = nil, intent: String, stage: String, lang: String? = nil, text: String) {
        self.id = id; self.intent = intent; self.stage = stage; self.lang = lang; self.text = text
    }
}

/// A synonym group; its id is derived from its canonical (first) term.
public struct SynonymView: Codable, Sendable {
    public var id: String
    public var terms: [String]
    public var documentID: String
    public var editable: Bool

    enum CodingKeys: String, CodingKey { case id, terms, documentID = "document_id", editable }
}

/// `POST /v1/synonyms` and `PUT /v1/synonyms/{id}` body.
public struct SynonymInput: Codable, Sendable {
    public var terms: [String]

    public init(terms: [String]) { self.terms = terms }
}

/// Serializes editors' read-modify-write of their documents.
private let editorLock = Mutex<Void>(())

/// Editing FAQs, intents, reply scripts and synonyms through the API.
///
/// Items made through the API live in one document per kind (`editor/faqs.jsonl`, ...). Every
/// change rewrites that document through `importData`: one transaction, the snapshot updated
/// incrementally (the changed FAQs re-indexed and re-encoded, the graph facts read again), so a
/// change is searchable when the call returns. Imported items are read-only here (409): they
/// change by re-importing their file. Synonyms change how text is analyzed, so a synonym change
/// rebuilds the indexes on the next query.
extension Engine {
    public static let editorFAQs = "editor/faqs.jsonl"
    public static let editorIntents = "editor/intents.jsonl"
    public static let editorReplies = "editor/replies.jsonl"
    public static let editorSynonyms = "editor/synonyms.jsonl"
    static let maxEditorText = 5000

    // MARK: FAQs

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
            throw EngineError.badRequest("id_mismatch", "the body's id '\(given)' differs from the path's '\(id)'")
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

    private func editorFAQs() throws(EngineError) -> [FAQ] {
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

    private func writeEditorFAQs(_ faqs: [FAQ]) throws(EngineError) {
        struct Line: Encodable { var id: String; var question: String; var similar: [String]; var answer: String; var tags: [String] }
        try writeEditorDocument(Self.editorFAQs, format: .faqJSONL,
                                lines: faqs.map { Line(id: $0.id, question: $0.question, similar: $0.similar, answer: $0.answer, tags: $0.tags) })
    }

    private func ownerOfFAQ(_ id: String) throws(EngineError) -> String? {
        do {
            guard let docID = try store.faqOwner(id) else { return nil }
            return try store.document(id: docID)?.name ?? docID
        } catch {
            throw Engine.storageError(error)
        }
    }

    private func faqView(_ f: FAQ, documentID: String, names: [String: String]) -> FAQView {
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

    /// A given id (trimmed), nil when absent; letters, digits and `-_.:` up to 100 characters.
    static func validID(_ raw: String?) throws(EngineError) -> String? {
        guard let id = raw?.trimmingCharacters(in: .whitespaces), !id.isEmpty else { return nil }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_.:"))
        guard id.count <= 100, id.unicodeScalars.allSatisfy({ allowed.contains($0) }) else {
            throw EngineError.badRequest("invalid_id", "an id has up to 100 letters, digits, '-', '_', '.' or ':'; got '\(id)'")
        }
        return id
    }

    // MARK: Intents

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
        let texts = try Self.validExamples((input.examples ?? []) + (input.text.map { [$0] } ?? []))
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
        if let given = input.label?.trimmingCharacters(in: .whitespaces), !given.isEmpty, given != label {
            throw EngineError.badRequest("label_mismatch", "the body's label '\(given)' differs from the path's '\(label)'")
        }
        let label = try Self.validLabel(label)
        let texts = try Self.validExamples((input.examples ?? []) + (input.text.map { [$0] } ?? []))
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

    private func allIntentExamples() throws(EngineError) -> [IntentExample] {
        do { return try store.intentExamples() } catch { throw Engine.storageError(error) }
    }

    private func editorIntents() throws(EngineError) -> [IntentExample] {
        do { return try store.intentExamples(documentID: DocumentID.make(name: Self.editorIntents)) } catch { throw Engine.storageError(error) }
    }

    private func writeEditorIntents(_ examples: [IntentExample]) throws(EngineError) {
        try writeEditorDocument(Self.editorIntents, format: .intentsJSONL, lines: examples)
    }

    static func validLabel(_ raw: String?) throws(EngineError) -> String {
        guard let label = raw?.trimmingCharacters(in: .whitespaces), !label.isEmpty else {
            throw EngineError.badRequest("missing_label", "give the intent's 'label'")
        }
        guard label.count <= 100, !label.contains(where: { $0.isWhitespace || $0 == "/" }) else {
            throw EngineError.badRequest("invalid_label", "a label has up to 100 characters without spaces or '/'; got '\(label)'")
        }
        return label
    }

    static func validExamples(_ raw: [String]) throws(EngineError) -> [String] {
        let texts = raw.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard !texts.contains(where: \.isEmpty) else { throw EngineError.badRequest("empty_text", "an example is empty") }
        guard !texts.isEmpty else { throw EngineError.badRequest("missing_text", "give at least one example: 'text' or 'examples'") }
        guard texts.count <= 1000 else { throw EngineError.badRequest("too_many_items", "at most 1000 examples at once") }
        for t in texts where t.count > maxUtteranceCharacters {
            throw EngineError.badRequest("text_too_long", "an example is longer than \(maxUtteranceCharacters) characters")
        }
        var seen = Set<String>()
        return texts.filter { seen.insert($0).inserted }
    }

    // MARK: Reply scripts

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
            throw EngineError.badRequest("id_mismatch", "the body's id '\(given)' differs from the path's '\(id)'")
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

    private func replyOwner(_ id: String) throws(EngineError) -> String? {
        guard let r = try listReplies().first(where: { $0.id == id }) else { return nil }
        return (try? store.document(id: r.documentID))??.name ?? r.documentID
    }

    private func writeEditorReplies(_ scripts: [ReplyScript]) throws(EngineError) {
        try writeEditorDocument(Self.editorReplies, format: .repliesJSONL, lines: scripts)
    }

    static func script(_ v: ReplyView) -> ReplyScript { ReplyScript(id: v.id, intent: v.intent, stage: v.stage, lang: v.lang, text: v.text) }

    static func validReply(_ input: ReplyInput) throws(EngineError) -> ReplyScript {
        let intent = try validLabel(input.intent)
        let stage = input.stage.trimmingCharacters(in: .whitespaces)
        guard !stage.isEmpty else { throw EngineError.badRequest("missing_stage", "a reply script needs a 'stage' (opening, diagnosis, solution, closing, ...)") }
        let text = input.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw EngineError.badRequest("missing_text", "a reply script needs a non-empty 'text'") }
        guard text.count <= maxUtteranceCharacters else { throw EngineError.badRequest("text_too_long", "text is longer than \(maxUtteranceCharacters) characters") }
        let lang = input.lang?.trimmingCharacters(in: .whitespaces).lowercased()
        if let lang, !lang.isEmpty, !["zh", "en"].contains(lang) { throw EngineError.badRequest("invalid_lang", "lang must be zh or en; got '\(lang)'") }
        return ReplyScript(id: try validID(input.id) ?? "", intent: intent, stage: stage, lang: lang?.isEmpty == true ? nil : lang, text: text)
    }

    // MARK: Synonyms

    /// Every synonym group. Ids are `syn-` + a hash of the canonical (first) term.
    public func listSynonyms() throws(EngineError) -> [SynonymView] {
        let mine = DocumentID.make(name: Self.editorSynonyms)
        do {
            return try store.recordJSONWithOwner(kind: .synonyms).compactMap { r in
                guard let g = try? JSONDecoder().decode(SynonymGroup.self, from: Data(r.json.utf8)), let first = g.canonical else { return nil }
                return SynonymView(id: Self.synonymID(first), terms: g.terms, documentID: r.documentID, editable: r.documentID == mine)
            }
        } catch {
            throw Engine.storageError(error)
        }
    }

    /// One synonym group. - Throws: `synonyms_not_found` (404).
    public func synonyms(_ id: String) throws(EngineError) -> SynonymView {
        guard let g = try listSynonyms().first(where: { $0.id == id }) else { throw EngineError.notFound("synonyms_not_found", "no synonym group with id '\(id)'") }
        return g
    }

    /// Creates a synonym group. Changes how text is analyzed: the indexes are rebuilt on the next query.
    /// - Throws: `empty_terms` (400), `synonyms_exist` (409) when a group with the same canonical term exists.
    public func createSynonyms(_ input: SynonymInput) throws(EngineError) -> SynonymView {
        let terms = try Self.validTerms(input.terms)
        let id = Self.synonymID(terms[0])
        try editorLock.withLock { _ throws(EngineError) in
            let all = try listSynonyms()
            if all.contains(where: { $0.id == id }) {
                throw EngineError(.conflict, code: "synonyms_exist", "a synonym group for '\(terms[0])' already exists (id \(id))")
            }
            try writeEditorSynonyms(all.filter(\.editable).map(\.terms) + [terms])
        }
        return try synonyms(id)
    }

    /// Replaces a synonym group made through the API (its id changes when the first term does).
    public func updateSynonyms(_ id: String, _ input: SynonymInput) throws(EngineError) -> SynonymView {
        let terms = try Self.validTerms(input.terms)
        let newID = Self.synonymID(terms[0])
        try editorLock.withLock { _ throws(EngineError) in
            let all = try listSynonyms()
            var mine = all.filter(\.editable)
            guard let i = mine.firstIndex(where: { $0.id == id }) else {
                throw try notEditable("synonym group", id, owner: all.first { $0.id == id }.map { $0.documentID })
            }
            if newID != id, all.contains(where: { $0.id == newID }) {
                throw EngineError(.conflict, code: "synonyms_exist", "a synonym group for '\(terms[0])' already exists (id \(newID))")
            }
            mine[i].terms = terms
            try writeEditorSynonyms(mine.map(\.terms))
        }
        return try synonyms(newID)
    }

    /// Deletes a synonym group made through the API.
    public func deleteSynonyms(_ id: String) throws(EngineError) {
        try editorLock.withLock { _ throws(EngineError) in
            let all = try listSynonyms()
            var mine = all.filter(\.editable)
            guard let i = mine.firstIndex(where: { $0.id == id }) else {
                throw try notEditable("synonym group", id, owner: all.first { $0.id == id }.map { $0.documentID })
            }
            mine.remove(at: i)
            try writeEditorSynonyms(mine.map(\.terms))
        }
    }

    static func synonymID(_ canonical: String) -> String {
        "syn-" + SHA256.hex(Normalizer.normalize(canonical)).prefix(10)
    }

    private func writeEditorSynonyms(_ groups: [[String]]) throws(EngineError) {
        try writeEditorDocument(Self.editorSynonyms, format: .synonymsJSONL, lines: groups.map { SynonymGroup(terms: $0) })
    }

    static func validTerms(_ raw: [String]) throws(EngineError) -> [String] {
        var seen = Set<String>()
        let terms = raw.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty && seen.insert($0).inserted }
        guard terms.count >= 2 else { throw EngineError.badRequest("empty_terms", "a synonym group needs at least two different terms") }
        guard terms.count <= 100, terms.allSatisfy({ $0.count <= 100 }) else {
            throw EngineError.badRequest("too_many_items", "at most 100 terms of up to 100 characters")
        }
        return terms
    }

    // MARK: The editors' documents

    private func editorDocument(_ name: String) throws(EngineError) -> Document? {
        do { return try store.document(named: name) } catch { throw Engine.storageError(error) }
    }

    /// Rewrites an editors' document (deleting it when nothing is left) through the normal import path.
    private func writeEditorDocument<T: Encodable>(_ name: String, format: DocumentFormat, lines: [T]) throws(EngineError) {
        if lines.isEmpty {
            if try editorDocument(name) != nil { _ = try deleteDocument(name) }
            return
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        for line in lines {
            do { data.append(try encoder.encode(line)) } catch { throw EngineError(.internal, code: "internal", "encoding \(name) failed: \(error)") }
            data.append(0x0A)
        }
        _ = try importData(name: name, data: data, format: format)
    }

    private func documentNamesByID() throws(EngineError) -> [String: String] {
        do { return Dictionary(try store.documents().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }) } catch { throw Engine.storageError(error) }
    }

    private func notEditable(_ what: String, _ id: String, owner: String?) -> EngineError {
        guard let owner else {
            let code = what == "FAQ" ? "faq_not_found" : what == "reply script" ? "reply_not_found" : "synonyms_not_found"
            return EngineError.notFound(code, "no \(what) with id '\(id)'")
        }
        return EngineError(.conflict, code: "not_editable", "\(what) '\(id)' belongs to the imported document \(owner); re-import that file to change it")
    }
}
