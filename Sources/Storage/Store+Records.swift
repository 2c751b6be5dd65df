import Foundation
import GRDB
import KnowledgeModel

extension Store {
    /// The JSON of every stored record of one kind, in document and file order.
    public func recordJSON(kind: RecordKind) throws(StorageError) -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT json FROM records WHERE kind = ? ORDER BY document_id, ordinal", arguments: [kind.rawValue])
        }
    }

    /// Every stored record of one kind, decoded as `T`.
    public func records<T: Decodable>(kind: RecordKind, as type: T.Type) throws(StorageError) -> [T] {
        let decoder = RecordCodec.decoder
        return try recordJSON(kind: kind).compactMap { try? decoder.decode(T.self, from: Data($0.utf8)) }
    }

    /// Names and aliases of lexicon entities plus synonym terms: the words the analyzer
    /// should keep whole in Chinese text.
    public func lexiconWords() throws(StorageError) -> [String] {
        struct Names: Decodable { var name: String?; var aliases: [String]?; var terms: [String]? }
        var words: [String] = []
        for kind in [RecordKind.entity, .synonyms] {
            for n in try records(kind: kind, as: Names.self) {
                if let name = n.name { words.append(name) }
                words.append(contentsOf: n.aliases ?? [])
                words.append(contentsOf: n.terms ?? [])
            }
        }
        return words
    }
}
