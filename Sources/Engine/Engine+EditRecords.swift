import Foundation
import Ingestion
import KnowledgeModel
import Storage

/// A record kind editors change through the API: campaigns, QA rules and customer profiles. Like
/// FAQs (see `Engine+Editing`), records made through the API live in one editors' document per kind
/// and every change re-imports it in one transaction; imported records are read-only here (409).
struct EditableKind<T: Codable & Sendable & Identifiable> where T.ID == String {
    let kind: RecordKind
    let document: String
    let format: DocumentFormat
    /// "campaign", "QA rule", "customer".
    let noun: String
    /// The error-code stem: `campaign` → `campaign_not_found`, `campaign_exists`.
    let code: String
}

/// A stored record with where it lives; encodes as the record's own fields plus `document_id` and `editable`.
public struct EditableRecord<T: Codable & Sendable>: Codable, Sendable {
    public var item: T
    public var documentID: String
    /// True for records made through the API.
    public var editable: Bool

    enum Keys: String, CodingKey { case documentID = "document_id", editable }

    init(item: T, documentID: String, editable: Bool) { self.item = item; self.documentID = documentID; self.editable = editable }

    public init(from decoder: any Decoder) throws {
        item = try T(from: decoder)
        let c = try decoder.container(keyedBy: Keys.self)
        documentID = try c.decode(String.self, forKey: .documentID)
        editable = try c.decode(Bool.self, forKey: .editable)
    }

    public func encode(to encoder: any Encoder) throws {
        try item.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(documentID, forKey: .documentID)
        try c.encode(editable, forKey: .editable)
    }
}

extension Engine {
    static let campaignsKind = EditableKind<Campaign>(kind: .campaign, document: "editor/campaigns.jsonl", format: .campaignsJSONL,
                                                      noun: "campaign", code: "campaign")
    static let qaRulesKind = EditableKind<QARule>(kind: .qaRule, document: "editor/qa_rules.jsonl", format: .qaRulesJSONL,
                                                  noun: "QA rule", code: "rule")
    static let customersKind = EditableKind<CustomerProfile>(kind: .customer, document: "editor/customers.jsonl", format: .customersJSONL,
                                                             noun: "customer", code: "customer")

    /// Every record of a kind, by document and file order.
    func listRecords<T>(_ k: EditableKind<T>) throws(EngineError) -> [EditableRecord<T>] {
        let mine = DocumentID.make(name: k.document)
        do {
            return try store.recordJSONWithOwner(kind: k.kind).compactMap { r in
                guard let item = try? RecordCodecPublic.decode(T.self, r.json) else { return nil }
                return EditableRecord(item: item, documentID: r.documentID, editable: r.documentID == mine)
            }
        } catch {
            throw Engine.storageError(error)
        }
    }

    /// One record. - Throws: `<code>_not_found` (404).
    func record<T>(_ k: EditableKind<T>, _ id: String) throws(EngineError) -> EditableRecord<T> {
        guard let r = try listRecords(k).first(where: { $0.item.id == id }) else {
            throw EngineError.notFound("\(k.code)_not_found", "no \(k.noun) with id '\(id)'")
        }
        return r
    }

    /// Adds a (validated) record. - Throws: `<code>_exists` (409).
    func createRecord<T>(_ k: EditableKind<T>, _ item: T) throws(EngineError) -> EditableRecord<T> {
        guard try Self.validID(item.id) != nil else { throw EngineError.badRequest("missing_id", "a \(k.noun) needs an 'id'") }
        try editorLock.withLock { _ throws(EngineError) in
            let all = try listRecords(k)
            if let taken = all.first(where: { $0.item.id == item.id }) {
                throw EngineError(.conflict, code: "\(k.code)_exists", "\(k.noun) id '\(item.id)' is already defined in \(taken.editable ? k.document : taken.documentID)")
            }
            try writeEditorDocument(k.document, format: k.format, lines: all.filter(\.editable).map(\.item) + [item])
        }
        return try record(k, item.id)
    }

    /// Replaces a record made through the API. - Throws: `id_mismatch` (409, RFC 9110 §9.3.4: the body names another record), `<code>_not_found` (404), `not_editable` (409).
    func updateRecord<T>(_ k: EditableKind<T>, _ id: String, _ item: T) throws(EngineError) -> EditableRecord<T> {
        guard item.id == id else { throw EngineError(.conflict, code: "id_mismatch", "the body's id '\(item.id)' differs from the path's '\(id)'") }
        try editorLock.withLock { _ throws(EngineError) in
            let all = try listRecords(k)
            var mine = all.filter(\.editable).map(\.item)
            guard let i = mine.firstIndex(where: { $0.id == id }) else { throw try notEditableRecord(k, id, in: all) }
            mine[i] = item
            try writeEditorDocument(k.document, format: k.format, lines: mine)
        }
        return try record(k, id)
    }

    /// Deletes a record made through the API. - Throws: `<code>_not_found` (404), `not_editable` (409).
    func deleteRecord<T>(_ k: EditableKind<T>, _ id: String) throws(EngineError) {
        try editorLock.withLock { _ throws(EngineError) in
            let all = try listRecords(k)
            var mine = all.filter(\.editable).map(\.item)
            guard let i = mine.firstIndex(where: { $0.id == id }) else { throw try notEditableRecord(k, id, in: all) }
            mine.remove(at: i)
            try writeEditorDocument(k.document, format: k.format, lines: mine)
        }
    }

    private func notEditableRecord<T>(_ k: EditableKind<T>, _ id: String, in all: [EditableRecord<T>]) throws(EngineError) -> EngineError {
        guard let r = all.first(where: { $0.item.id == id }) else { return EngineError.notFound("\(k.code)_not_found", "no \(k.noun) with id '\(id)'") }
        let owner = (try? store.document(id: r.documentID))??.name ?? r.documentID
        return EngineError(.conflict, code: "not_editable", "\(k.noun) '\(id)' belongs to the imported document \(owner); re-import that file to change it")
    }
}

/// Decodes a stored record's JSON (the KnowledgeModel types' own Codable form).
enum RecordCodecPublic {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }
}
