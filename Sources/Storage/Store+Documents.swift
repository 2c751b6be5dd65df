import Foundation
import GRDB
import KnowledgeModel

/// What `Store.replace(_:)` did with a parsed file.
public enum ReplaceStatus: String, Codable, Sendable {
    case created, updated, unchanged
}

extension Store {
    /// Stores a parsed file, replacing the document of the same name and everything
    /// it produced (chunks, FAQs, examples, records) in one transaction.
    /// A file whose fingerprint equals the stored one is left alone (`.unchanged`), unless an
    /// older version of the importers read the stored one (`Document.readerVersion`).
    /// `graph` holds the graph facts read from the file's chunks; they are stored in the same
    /// transaction, and relations only the old version of the document supported are dropped.
    /// - Throws: `StorageError.conflict` when an FAQ or record id is already owned by
    ///   another document; nothing is written then.
    @discardableResult
    public func replace(_ parsed: ParsedFile, graph: StoredGraphFacts? = nil) throws(StorageError) -> ReplaceStatus {
        try write { db in
            let doc = parsed.document
            let old = try Row.fetchOne(db, sql: "SELECT id, fingerprint, reader_version FROM documents WHERE name = ?", arguments: [doc.name])
            if let old, (old["fingerprint"] as String) == doc.fingerprint, (old["id"] as String) == doc.id,
               (old["reader_version"] as Int) >= doc.readerVersion {
                return .unchanged
            }
            try checkOwnership(db, parsed)
            if let old { try db.execute(sql: "DELETE FROM documents WHERE id = ?", arguments: [old["id"] as String]) }
            try bumpGeneration(db)
            try insertDocument(db, doc)
            try insertChunks(db, parsed.chunks)
            try insertFAQs(db, parsed.faqs, documentID: doc.id)
            for ex in parsed.intentExamples {
                try db.execute(sql: "INSERT INTO intent_examples (document_id, text, label) VALUES (?, ?, ?)",
                               arguments: [doc.id, ex.text, ex.label])
            }
            for (i, rec) in RecordCodec.rows(of: parsed).enumerated() {
                try db.execute(sql: "INSERT INTO records (kind, id, document_id, ordinal, json) VALUES (?, ?, ?, ?, ?)",
                               arguments: [rec.kind.rawValue, rec.id, doc.id, i, rec.json])
            }
            if let graph { try Self.insertFacts(db, graph) }
            if old != nil { try Self.dropUnsupportedRelations(db) }
            return old == nil ? .created : .updated
        }
    }

    private func checkOwnership(_ db: Database, _ parsed: ParsedFile) throws {
        let docID = parsed.document.id
        for faq in parsed.faqs {
            if let owner = try String.fetchOne(db, sql: "SELECT d.name FROM faqs f JOIN documents d ON d.id = f.document_id WHERE f.id = ? AND f.document_id != ?", arguments: [faq.id, docID]) {
                throw StorageError.conflict("\(parsed.document.name): FAQ id \(faq.id) is already defined in \(owner)")
            }
        }
        for rec in RecordCodec.rows(of: parsed) {
            if let owner = try String.fetchOne(db, sql: "SELECT d.name FROM records r JOIN documents d ON d.id = r.document_id WHERE r.kind = ? AND r.id = ? AND r.document_id != ?", arguments: [rec.kind.rawValue, rec.id, docID]) {
                throw StorageError.conflict("\(parsed.document.name): \(rec.kind.rawValue) id \(rec.id) is already defined in \(owner)")
            }
        }
    }

    private func insertDocument(_ db: Database, _ doc: Document) throws {
        try db.execute(sql: """
            INSERT INTO documents (id, name, title, format, fingerprint, byte_count, imported_at, tags, reader_version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [doc.id, doc.name, doc.title, doc.format.rawValue, doc.fingerprint,
                             doc.byteCount, doc.importedAt, JSONColumn.encode(doc.tags), doc.readerVersion])
    }

    private func insertChunks(_ db: Database, _ chunks: [Chunk]) throws {
        let stmt = try db.makeStatement(sql: """
            INSERT INTO chunks (id, document_id, ordinal, kind, title, section_path, text, faq_id, question, similar, tags)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for c in chunks {
            try stmt.execute(arguments: [c.id, c.documentID, c.ordinal, c.kind.rawValue, c.title,
                                         JSONColumn.encode(c.sectionPath), c.text, c.faqID, c.question,
                                         JSONColumn.encode(c.similarQuestions), JSONColumn.encode(c.tags)])
        }
    }

    private func insertFAQs(_ db: Database, _ faqs: [FAQ], documentID: String) throws {
        for f in faqs {
            try db.execute(sql: "INSERT INTO faqs (id, document_id, question, similar, answer, tags) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [f.id, documentID, f.question, JSONColumn.encode(f.similar), f.answer, JSONColumn.encode(f.tags)])
        }
    }

    /// Deletes a document and everything it produced. Returns false when there was none.
    @discardableResult
    public func deleteDocument(id: String) throws(StorageError) -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM documents WHERE id = ?", arguments: [id])
            let deleted = db.changesCount > 0
            if deleted {
                try Self.dropUnsupportedRelations(db)
                try bumpGeneration(db)
            }
            return deleted
        }
    }

    /// All documents, by name.
    public func documents() throws(StorageError) -> [Document] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM documents ORDER BY name").map(Self.document) }
    }

    /// The document with this id, or nil.
    public func document(id: String) throws(StorageError) -> Document? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM documents WHERE id = ?", arguments: [id]).map(Self.document) }
    }

    /// The document with this name, or nil.
    public func document(named name: String) throws(StorageError) -> Document? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM documents WHERE name = ?", arguments: [name]).map(Self.document) }
    }

    /// Every chunk of the knowledge base, in document and ordinal order.
    public func allChunks() throws(StorageError) -> [Chunk] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM chunks ORDER BY document_id, ordinal").map(Self.chunk) }
    }

    /// The chunks of one document, in order.
    public func chunks(documentID: String) throws(StorageError) -> [Chunk] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM chunks WHERE document_id = ? ORDER BY ordinal", arguments: [documentID]).map(Self.chunk)
        }
    }

    /// Every FAQ, by id.
    public func faqs() throws(StorageError) -> [FAQ] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM faqs ORDER BY id").map { r in
                FAQ(id: r["id"], question: r["question"], similar: JSONColumn.decode(r["similar"]),
                    answer: r["answer"], tags: JSONColumn.decode(r["tags"]))
            }
        }
    }

    /// Every intent example, in import order.
    public func intentExamples() throws(StorageError) -> [IntentExample] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT text, label FROM intent_examples ORDER BY rowid").map { r in
                IntentExample(text: r["text"], label: r["label"])
            }
        }
    }

    static func document(_ r: Row) -> Document {
        Document(id: r["id"], name: r["name"], title: r["title"],
                 format: DocumentFormat(rawValue: r["format"]) ?? .text,
                 fingerprint: r["fingerprint"], byteCount: r["byte_count"],
                 importedAt: r["imported_at"], tags: JSONColumn.decode(r["tags"]), readerVersion: r["reader_version"])
    }

    static func chunk(_ r: Row) -> Chunk {
        Chunk(id: r["id"], documentID: r["document_id"], ordinal: r["ordinal"],
              kind: ChunkKind(rawValue: r["kind"]) ?? .passage, title: r["title"],
              sectionPath: JSONColumn.decode(r["section_path"]), text: r["text"],
              faqID: r["faq_id"], question: r["question"],
              similarQuestions: JSONColumn.decode(r["similar"]), tags: JSONColumn.decode(r["tags"]))
    }
}

/// Lists of strings are stored as JSON text.
enum JSONColumn {
    static func encode(_ list: [String]) -> String {
        guard let data = try? JSONEncoder().encode(list) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    private static let decoder = JSONDecoder()

    static func decode(_ text: String?) -> [String] {
        guard let text, text != "[]", let list = try? decoder.decode([String].self, from: Data(text.utf8)) else { return [] }
        return list
    }
}
