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
let editorLock = Mutex<Void>(())

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

    // MARK: The editors' documents

    func editorDocument(_ name: String) throws(EngineError) -> Document? {
        do { return try store.document(named: name) } catch { throw Engine.storageError(error) }
    }

    /// Rewrites an editors' document (deleting it when nothing is left) through the normal import path.
    func writeEditorDocument<T: Encodable>(_ name: String, format: DocumentFormat, lines: [T]) throws(EngineError) {
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

    func documentNamesByID() throws(EngineError) -> [String: String] {
        do { return Dictionary(try store.documents().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }) } catch { throw Engine.storageError(error) }
    }

    func notEditable(_ what: String, _ id: String, owner: String?) -> EngineError {
        guard let owner else {
            let code = what == "FAQ" ? "faq_not_found" : what == "reply script" ? "reply_not_found" : "synonyms_not_found"
            return EngineError.notFound(code, "no \(what) with id '\(id)'")
        }
        return EngineError(.conflict, code: "not_editable", "\(what) '\(id)' belongs to the imported document \(owner); re-import that file to change it")
    }
}
