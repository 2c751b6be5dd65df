import KnowledgeModel
import Foundation

/// The graph as a plain document: what every export format (JSON, GraphML, Neo4j CSV) writes
/// and reads. Literal values live in a relation's `value`, entity objects in its `object`.
public struct GraphDocument: Codable, Sendable, Hashable {
    /// One entity.
    public struct Entity: Codable, Sendable, Hashable {
        /// Unique id, e.g. `model_e7`.
        public var id: String
        /// The canonical name.
        public var name: String
        /// model, trim, feature, ...
        public var type: String
        /// Other names.
        public var aliases: [String]

        /// Creates an entity.
        public init(id: String, name: String, type: String, aliases: [String] = []) {
            self.id = id; self.name = name; self.type = type; self.aliases = aliases
        }

        enum CodingKeys: String, CodingKey { case id, name, type, aliases }

        /// Decodes an entity; `aliases` may be absent.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            name = try c.decode(String.self, forKey: .name)
            type = try c.decode(String.self, forKey: .type)
            aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        }
    }

    /// One relation: `subject —type→ object` (an entity id) or `subject —type→ value` (a literal).
    public typealias Relation = DeclaredRelation

    /// The entities.
    public var entities: [Entity]
    /// The relations.
    public var relations: [Relation]

    /// Creates a document.
    public init(entities: [Entity] = [], relations: [Relation] = []) {
        self.entities = entities; self.relations = relations
    }

    /// The document in its canonical order: entities by id, relations by subject, type, object,
    /// attribute (then method, sources, confidence, to break ties).
    public func sorted() -> GraphDocument {
        GraphDocument(
            entities: entities.sorted { $0.id < $1.id },
            relations: relations.sorted {
                let (a, b) = ($0.sortKey, $1.sortKey)
                return a != b ? a.lexicographicallyPrecedes(b) : $0.confidence < $1.confidence
            })
    }

    /// Checks the document can become a graph: entity ids unique, non-empty and not starting with
    /// `value:`; each relation has an object or a value (not both) and a known subject and object;
    /// confidences finite; no empty attribute, alias or source strings (they have no CSV form).
    public func validate() throws(GraphFormatError) {
        var ids = Set<String>()
        for e in entities {
            guard !e.id.isEmpty else { throw GraphFormatError(.document, "an entity has an empty id") }
            guard !e.id.hasPrefix(ExtractedRelation.valuePrefix) else {
                throw GraphFormatError(.document, "entity id \"\(e.id)\" starts with \"\(ExtractedRelation.valuePrefix)\", which marks literal values")
            }
            guard ids.insert(e.id).inserted else { throw GraphFormatError(.document, "entity id \"\(e.id)\" appears twice") }
            guard !e.aliases.contains("") else { throw GraphFormatError(.document, "entity \"\(e.id)\" has an empty alias") }
        }
        for (i, r) in relations.enumerated() {
            let where_ = "relation \(i + 1) (\(r.subject) —\(r.type)→ \(r.object ?? r.value ?? "?"))"
            guard ids.contains(r.subject) else { throw GraphFormatError(.document, "\(where_) has unknown subject \"\(r.subject)\"") }
            switch (r.object, r.value) {
            case (nil, nil): throw GraphFormatError(.document, "\(where_) has neither an object nor a value")
            case (.some, .some): throw GraphFormatError(.document, "\(where_) has both an object and a value")
            case (.some(let o), nil):
                guard ids.contains(o) else { throw GraphFormatError(.document, "\(where_) has unknown object \"\(o)\"") }
            case (nil, .some): break
            }
            guard r.attribute != "" else { throw GraphFormatError(.document, "\(where_) has an empty attribute (leave it out instead)") }
            guard r.confidence.isFinite else { throw GraphFormatError(.document, "\(where_) has a confidence that is not a finite number") }
            guard !r.sources.contains("") else { throw GraphFormatError(.document, "\(where_) has an empty source") }
        }
    }
}

/// A graph export or import that failed, with the format and (when known) the line.
public struct GraphFormatError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is.
    public enum Format: String, Sendable, Hashable {
        case json
        case graphml
        case neo4jCSV = "neo4j_csv"
        /// The document itself (after parsing): unknown ids, duplicates, ...
        case document
    }

    /// The format being read or written.
    public var format: Format
    /// What is wrong, in words.
    public var message: String
    /// The 1-based line of the input, when the problem is tied to one.
    public var line: Int?

    /// Creates an error.
    public init(_ format: Format, _ message: String, line: Int? = nil) {
        self.format = format; self.message = message; self.line = line
    }

    /// `<format>[ line N]: <message>`.
    public var description: String {
        "\(format.rawValue)\(line.map { " line \($0)" } ?? ""): \(message)"
    }
}

extension KnowledgeGraph {
    /// The graph as a document in canonical order (empty aliases and sources left out).
    public func exportDocument() -> GraphDocument {
        let entities = self.entities.values.map {
            GraphDocument.Entity(id: $0.id, name: $0.name, type: $0.type, aliases: $0.aliases.filter { !$0.isEmpty })
        }
        let relations = edges.map { e in
            GraphDocument.Relation(subject: e.subject, type: e.type,
                                   object: e.literalValue == nil ? e.object : nil, value: e.literalValue,
                                   attribute: e.attribute == "" ? nil : e.attribute, confidence: e.confidence, method: e.method,
                                   sources: e.sources.filter { !$0.isEmpty })
        }
        return GraphDocument(entities: entities, relations: relations).sorted()
    }

    /// The graph a document describes (after ``GraphDocument/validate()``); relations keep their order.
    public init(document: GraphDocument) throws(GraphFormatError) {
        try document.validate()
        var entities: [String: Entity] = [:]
        for e in document.entities { entities[e.id] = Entity(id: e.id, name: e.name, type: e.type, aliases: e.aliases) }
        let edges = document.relations.map { r in
            Edge(subject: r.subject, type: r.type, object: r.object ?? ExtractedRelation.valuePrefix + (r.value ?? ""),
                 attribute: r.attribute, confidence: r.confidence, method: r.method, sources: r.sources)
        }
        self.init(entities: entities, edges: edges)
    }
}

/// The JSON form of a ``GraphDocument``: `{"entities": [...], "relations": [...]}`, snake_case
/// keys, sorted keys, canonical order, absent optionals left out.
public enum GraphJSON {
    /// Encodes the document (sorted first) as pretty-printed UTF-8 JSON.
    public static func encode(_ document: GraphDocument) throws(GraphFormatError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(document.sorted())
        } catch {
            throw GraphFormatError(.json, "cannot encode the graph: \(error)")
        }
    }

    /// Decodes and validates a document; the result is in canonical order.
    public static func decode(_ data: Data) throws(GraphFormatError) -> GraphDocument {
        let document: GraphDocument
        do {
            document = try JSONDecoder().decode(GraphDocument.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw GraphFormatError(.json, "missing key \"\(key.stringValue)\" at \(path(context.codingPath))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw GraphFormatError(.json, "wrong type at \(path(context.codingPath)): \(context.debugDescription)")
        } catch let DecodingError.valueNotFound(_, context) {
            throw GraphFormatError(.json, "null value at \(path(context.codingPath))")
        } catch {
            throw GraphFormatError(.json, "not a graph JSON document: \(error)")
        }
        try document.validate()
        return document.sorted()
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}

extension DeclaredRelation {
    /// The key relations sort by: subject, type, object (a literal as `value:<text>`), attribute.
    var sortKey: [String] {
        [subject, type, object ?? ExtractedRelation.valuePrefix + (value ?? ""), attribute ?? "", method, sources.joined(separator: "\u{1}")]
    }
}
