// Records imported from the structured Knowledge/ files (see the formats contract).
// Their Codable form uses the files' snake_case keys through explicit CodingKeys,
// so decode them with a plain JSONDecoder (no key strategy). Collections that a
// file may leave out (tags, aliases, script, ...) decode as empty when absent.

/// A reply template for one intent and conversation stage; `{slot}` placeholders are filled at run time.
public struct ReplyScript: Codable, Sendable, Hashable, Identifiable {
    /// Unique id, e.g. `RPL-001`.
    public var id: String
    /// The intent label this reply answers, e.g. `book_maintenance`.
    public var intent: String
    /// opening | verification | diagnosis | solution | upsell | closing.
    public var stage: String
    /// `zh` or `en`, when given.
    public var lang: String?
    /// The template text with `{slot}` placeholders.
    public var text: String

    /// Creates a reply script.
    public init(id: String, intent: String, stage: String, lang: String? = nil, text: String) {
        self.id = id; self.intent = intent; self.stage = stage; self.lang = lang; self.text = text
    }

    /// The slot names used in `text`, in order of first use, without braces.
    public var slots: [String] {
        var out: [String] = []
        var current: String?
        for ch in text {
            if ch == "{" { current = "" } else if ch == "}" {
                if let name = current, !name.isEmpty, !out.contains(name) { out.append(name) }
                current = nil
            } else if current != nil { current!.append(ch) }
        }
        return out
    }
}

/// The polarity of a sentiment example.
public enum SentimentLabel: String, Codable, Sendable, Hashable, CaseIterable {
    case negative, neutral, positive
}

/// One labelled utterance for the sentiment classifier (JSON field `sentiment` holds the label).
public struct SentimentExample: Codable, Sendable, Hashable {
    /// What the customer said.
    public var text: String
    /// Its polarity.
    public var label: SentimentLabel
    /// `zh` or `en`, when given.
    public var lang: String?

    /// Creates an example.
    public init(text: String, label: SentimentLabel, lang: String? = nil) {
        self.text = text; self.label = label; self.lang = lang
    }

    enum CodingKeys: String, CodingKey { case text, label = "sentiment", lang }
}

/// A typed link from one lexicon entity to another, e.g. `has_trim → trim_e7_max`.
public struct EntityRelationRef: Codable, Sendable, Hashable {
    /// The relation, e.g. `has_trim`.
    public var type: String
    /// The id of the target entity.
    public var target: String

    /// Creates a relation.
    public init(type: String, target: String) { self.type = type; self.target = target }
}

/// A named thing of the domain (model, part, fault, city, ...) with the other names customers use.
public struct LexiconEntity: Codable, Sendable, Hashable, Identifiable {
    /// Unique id, e.g. `model_e7`.
    public var id: String
    /// The canonical name, e.g. `E7`.
    public var name: String
    /// model, trim, part, feature, fault, warning_light, service, policy, campaign, city, dealer, app_function.
    public var type: String
    /// Other names for the same thing, e.g. `澜途E7`, `Lanto E7`.
    public var aliases: [String]
    /// Links to other entities.
    public var relations: [EntityRelationRef]

    /// Creates an entity.
    public init(id: String, name: String, type: String, aliases: [String] = [], relations: [EntityRelationRef] = []) {
        self.id = id; self.name = name; self.type = type; self.aliases = aliases; self.relations = relations
    }

    enum CodingKeys: String, CodingKey { case id, name, type, aliases, relations }

    /// Decodes an entity; `aliases` and `relations` may be absent.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        type = try c.decode(String.self, forKey: .type)
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        relations = try c.decodeIfPresent([EntityRelationRef].self, forKey: .relations) ?? []
    }
}

/// Words that mean the same thing; the first term is the canonical one.
public struct SynonymGroup: Codable, Sendable, Hashable {
    /// The words; the first is canonical.
    public var terms: [String]

    /// Creates a group.
    public init(terms: [String]) { self.terms = terms }

    /// The first term, or nil for an empty group.
    public var canonical: String? { terms.first }
}

/// A relation of an exported or imported graph: kept as it was exported (type, confidence, method,
/// and the ids of the chunks it was read from in the knowledge base that exported it).
public struct DeclaredRelation: Codable, Sendable, Hashable {
    /// The subject entity id.
    public var subject: String
    /// The relation type, e.g. `has_spec`.
    public var type: String
    /// The object entity id; nil for a literal.
    public var object: String?
    /// The literal value; nil for an entity object.
    public var value: String?
    /// The normalized attribute of a `has_spec` relation, e.g. "range" or "price, pro rwd".
    public var attribute: String?
    /// How sure the extraction is, 0...1 (1 for lexicon and edited relations).
    public var confidence: Double
    /// `structure`, `pattern`, `cooccurrence`, `lexicon`, `edit` or `import`.
    public var method: String
    /// Chunk ids (or `lexicon`, `edit`) the relation was read from.
    public var sources: [String]

    /// Creates a relation.
    public init(subject: String, type: String, object: String? = nil, value: String? = nil, attribute: String? = nil,
                confidence: Double = 1, method: String = "import", sources: [String] = []) {
        self.subject = subject; self.type = type; self.object = object; self.value = value
        self.attribute = attribute; self.confidence = confidence; self.method = method; self.sources = sources
    }

    enum CodingKeys: String, CodingKey { case subject, type, object, value, attribute, confidence, method, sources }

    /// Decodes a relation; `confidence` (1), `method` ("import") and `sources` (empty) may be absent.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        subject = try c.decode(String.self, forKey: .subject)
        type = try c.decode(String.self, forKey: .type)
        object = try c.decodeIfPresent(String.self, forKey: .object)
        value = try c.decodeIfPresent(String.self, forKey: .value)
        attribute = try c.decodeIfPresent(String.self, forKey: .attribute)
        confidence = try c.decodeIfPresent(Double.self, forKey: .confidence) ?? 1
        method = try c.decodeIfPresent(String.self, forKey: .method) ?? "import"
        sources = try c.decodeIfPresent([String].self, forKey: .sources) ?? []
    }
}
