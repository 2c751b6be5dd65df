import Foundation

/// GraphML for a ``GraphDocument`` (Gephi, yEd, Cytoscape, NetworkX read it).
///
/// Nodes carry `kind` (`entity` or `value`), `name`, `type` and `aliases` (a JSON array in a
/// string); edges carry `type`, `attribute`, `value`, `confidence`, `method` and `sources` (a JSON
/// array in a string). A literal value becomes a node of kind `value` with id `value:<text>`,
/// shared by every relation with that value. The reader finds fields by the keys' `attr.name`
/// (so files whose key ids differ still read), honours key defaults, ignores unknown keys and
/// elements, and rejects a file that is not GraphML or references an undeclared node.
public enum GraphML {
    static let namespace = "http://graphml.graphdrawing.org/xmlns"

    /// The keys written, as (id, for, attr.name, attr.type).
    static let keys: [(String, String, String, String)] = [
        ("n_kind", "node", "kind", "string"),
        ("n_name", "node", "name", "string"),
        ("n_type", "node", "type", "string"),
        ("n_aliases", "node", "aliases", "string"),
        ("e_type", "edge", "type", "string"),
        ("e_attribute", "edge", "attribute", "string"),
        ("e_value", "edge", "value", "string"),
        ("e_confidence", "edge", "confidence", "double"),
        ("e_method", "edge", "method", "string"),
        ("e_sources", "edge", "sources", "string"),
    ]

    /// Writes the document (sorted first): entity nodes by id, then value nodes by text, then edges.
    public static func write(_ document: GraphDocument) -> String {
        let doc = document.sorted()
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"\(namespace)\">\n"
        for (id, domain, name, type) in keys {
            out += "  <key id=\"\(id)\" for=\"\(domain)\" attr.name=\"\(name)\" attr.type=\"\(type)\"/>\n"
        }
        out += "  <graph id=\"knowledge\" edgedefault=\"directed\">\n"
        for e in doc.entities {
            out += "    <node id=\"\(XMLEscape.attribute(e.id))\">"
            out += data("n_kind", "entity") + data("n_name", e.name) + data("n_type", e.type)
            out += data("n_aliases", jsonArray(e.aliases)) + "</node>\n"
        }
        for value in Set(doc.relations.compactMap(\.value)).sorted() {
            out += "    <node id=\"\(XMLEscape.attribute(ExtractedRelation.valuePrefix + value))\">"
            out += data("n_kind", "value") + data("n_name", value) + "</node>\n"
        }
        for (i, r) in doc.relations.enumerated() {
            let target = r.object ?? ExtractedRelation.valuePrefix + (r.value ?? "")
            out += "    <edge id=\"e\(i)\" source=\"\(XMLEscape.attribute(r.subject))\" target=\"\(XMLEscape.attribute(target))\">"
            out += data("e_type", r.type)
            if let a = r.attribute { out += data("e_attribute", a) }
            if let v = r.value { out += data("e_value", v) }
            out += data("e_confidence", "\(r.confidence)") + data("e_method", r.method)
            out += data("e_sources", jsonArray(r.sources)) + "</edge>\n"
        }
        out += "  </graph>\n</graphml>\n"
        return out
    }

    /// Reads a GraphML file into a validated document in canonical order.
    public static func read(_ text: String) throws(GraphFormatError) -> GraphDocument {
        let root: XMLElementNode
        do {
            root = try MiniXMLParser.parse(text)
        } catch {
            throw GraphFormatError(.graphml, "malformed XML: \(error.message)", line: error.line)
        }
        guard root.localName == "graphml" else {
            throw GraphFormatError(.graphml, "not GraphML: the root element is <\(root.name)>, expected <graphml>", line: root.line)
        }
        let keys = Keys(root)
        guard let graph = root.children(named: "graph").first else {
            throw GraphFormatError(.graphml, "the file has no <graph> element", line: root.line)
        }
        var nodes: [String: Node] = [:]
        var entities: [GraphDocument.Entity] = []
        for n in graph.children(named: "node") {
            guard let id = n.attributes["id"] else { throw GraphFormatError(.graphml, "a <node> has no id", line: n.line) }
            guard nodes[id] == nil else { throw GraphFormatError(.graphml, "node id \"\(id)\" appears twice", line: n.line) }
            let fields = keys.values(of: n, domain: "node")
            if fields["kind"] == "value" {
                let text = fields["name"] ?? (id.hasPrefix(ExtractedRelation.valuePrefix) ? String(id.dropFirst(ExtractedRelation.valuePrefix.count)) : id)
                nodes[id] = .value(text)
            } else {
                nodes[id] = .entity
                entities.append(GraphDocument.Entity(id: id, name: fields["name"] ?? id, type: fields["type"] ?? "unknown",
                                                     aliases: try array(fields["aliases"], "aliases of node \"\(id)\"", line: n.line)))
            }
        }
        var relations: [GraphDocument.Relation] = []
        for e in graph.children(named: "edge") {
            guard let source = e.attributes["source"], let target = e.attributes["target"] else {
                throw GraphFormatError(.graphml, "an <edge> lacks its source or target", line: e.line)
            }
            for end in [source, target] where nodes[end] == nil {
                throw GraphFormatError(.graphml, "edge \(source) → \(target) references unknown node \"\(end)\"", line: e.line)
            }
            guard case .entity = nodes[source] else {
                throw GraphFormatError(.graphml, "edge \(source) → \(target) starts at a value node", line: e.line)
            }
            let fields = keys.values(of: e, domain: "edge")
            var relation = GraphDocument.Relation(subject: source, type: fields["type"] ?? "related_to",
                                                  attribute: fields["attribute"], method: fields["method"] ?? "import",
                                                  sources: try array(fields["sources"], "sources of edge \(source) → \(target)", line: e.line))
            if case .value(let text) = nodes[target] { relation.value = fields["value"] ?? text } else { relation.object = target }
            if let c = fields["confidence"] {
                guard let v = Double(c.trimmingCharacters(in: .whitespaces)), v.isFinite else {
                    throw GraphFormatError(.graphml, "edge \(source) → \(target) has confidence \"\(c)\", not a number", line: e.line)
                }
                relation.confidence = v
            }
            relations.append(relation)
        }
        let document = GraphDocument(entities: entities, relations: relations)
        try document.validate()
        return document.sorted()
    }

    private enum Node { case entity, value(String) }

    /// The declared keys: id → (domain, attr.name, default).
    private struct Keys {
        var byID: [String: (domain: String, name: String, fallback: String?)] = [:]

        init(_ root: XMLElementNode) {
            for k in root.children(named: "key") {
                guard let id = k.attributes["id"] else { continue }
                byID[id] = (k.attributes["for"] ?? "all", k.attributes["attr.name"] ?? id, k.children(named: "default").first?.text)
            }
        }

        /// The element's data values by attr.name (defaults of its domain first).
        func values(of element: XMLElementNode, domain: String) -> [String: String] {
            var out: [String: String] = [:]
            for key in byID.values where key.domain == domain || key.domain == "all" {
                if let d = key.fallback { out[key.name] = d }
            }
            for d in element.children(named: "data") {
                guard let id = d.attributes["key"], let key = byID[id], key.domain == domain || key.domain == "all" else { continue }
                out[key.name] = d.text
            }
            return out
        }
    }

    private static func data(_ key: String, _ value: String) -> String {
        "<data key=\"\(key)\">\(XMLEscape.text(value))</data>"
    }

    static func jsonArray(_ items: [String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let data = try? encoder.encode(items) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    private static func array(_ text: String?, _ what: String, line: Int) throws(GraphFormatError) -> [String] {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [] }
        guard let items = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else {
            throw GraphFormatError(.graphml, "\(what) is not a JSON array of strings: \(text.prefix(60))", line: line)
        }
        return items
    }
}
