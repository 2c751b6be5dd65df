import Foundation
import Ingestion
import KnowledgeModel
import Storage
import Synchronization
import TextAnalysis

/// Synonym groups made and changed through `/v1/synonyms` (see `Engine+Editing`).
extension Engine {
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
    /// - Throws: `empty_term`, `empty_terms` (400), `synonyms_exist` (409) when a group with the same canonical term exists.
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

    func writeEditorSynonyms(_ groups: [[String]]) throws(EngineError) {
        try writeEditorDocument(Self.editorSynonyms, format: .synonymsJSONL, lines: groups.map { SynonymGroup(terms: $0) })
    }

    static func validTerms(_ raw: [String]) throws(EngineError) -> [String] {
        // The spec's `uniqueItems`: a term sent twice is an editor's slip worth saying; terms
        // that differ only in surrounding white space are merged below.
        // The spec's `minLength: 1`: an empty term is a slip too.
        guard !raw.contains("") else { throw EngineError.badRequest("empty_term", "a term is empty") }
        var sent = Set<String>()
        if let twice = raw.first(where: { !sent.insert($0).inserted }) {
            throw EngineError.badRequest("duplicate_terms", "the terms must be different; '\(twice)' is given twice")
        }
        var seen = Set<String>()
        let terms = raw.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty && seen.insert($0).inserted }
        guard terms.count >= 2 else { throw EngineError.badRequest("empty_terms", "a synonym group needs at least two different terms") }
        guard terms.count <= 100, terms.allSatisfy({ $0.count <= 100 }) else {
            throw EngineError.badRequest("too_many_items", "at most 100 terms of up to 100 characters")
        }
        return terms
    }
}
