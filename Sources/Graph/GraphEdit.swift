/// One editor's change to the graph, as the audit log keeps it.
///
/// The log is replayed in order at every rebuild (entity-level ops with
/// ``GraphEdits/applyToEntities(_:lexicon:)``, relation ops with
/// ``KnowledgeGraph/applying(relationEdits:redirects:)``), so edits survive re-imports of the
/// lexicon and the documents. Each op reads only the fields it needs:
///
/// | op | fields |
/// |---|---|
/// | `create_entity` | `entity_id`, `name`, `type`, optional `aliases` |
/// | `rename_entity` | `entity_id`, `name` (the old name becomes an alias) |
/// | `retype_entity` | `entity_id`, `type` |
/// | `add_alias`, `remove_alias` | `entity_id`, `alias` |
/// | `merge_entities` | `entity_id` (merged away), `target_id` (kept) |
/// | `delete_entity` | `entity_id` |
/// | `create_relation`, `delete_relation` | `subject`, `type`, exactly one of `object` (entity id) or `value` (literal), optional `attribute` |
/// | `accept_term` | `term`, `type`, optional `name` (default: the term) and `entity_id` (default: ``GraphEdits/termEntityID(term:type:)``) |
/// | `reject_term` | `term` |
///
/// JSON keys are snake_case; absent fields are left out.
public struct GraphEdit: Codable, Sendable, Hashable {
    /// What an edit does; raw values are the JSON `op` strings.
    public enum Op: String, Codable, Sendable, Hashable, CaseIterable {
        case createEntity = "create_entity"
        case renameEntity = "rename_entity"
        case retypeEntity = "retype_entity"
        case addAlias = "add_alias"
        case removeAlias = "remove_alias"
        case mergeEntities = "merge_entities"
        case deleteEntity = "delete_entity"
        case createRelation = "create_relation"
        case deleteRelation = "delete_relation"
        case acceptTerm = "accept_term"
        case rejectTerm = "reject_term"

        /// True for the ops ``KnowledgeGraph/applying(relationEdits:redirects:)`` applies.
        public var isRelationOp: Bool { self == .createRelation || self == .deleteRelation }
    }

    /// The operation.
    public var op: Op
    /// The entity the op is about (for `merge_entities`: the one merged away).
    public var entityID: String?
    /// The (new) canonical name.
    public var name: String?
    /// The entity type, or for relation ops the relation type (`has_spec`, `has_feature`, ...).
    public var type: String?
    /// The alias added or removed.
    public var alias: String?
    /// Extra aliases of a created entity.
    public var aliases: [String]?
    /// For `merge_entities`: the entity that is kept.
    public var targetID: String?
    /// For relation ops: the subject entity id.
    public var subject: String?
    /// For relation ops: the object entity id (or use `value`).
    public var object: String?
    /// For relation ops: a literal object value such as "650 km" (or use `object`).
    public var value: String?
    /// For relation ops: the attribute of a `has_spec` relation, e.g. "range".
    public var attribute: String?
    /// For `accept_term` and `reject_term`: the candidate term.
    public var term: String?

    /// Creates an edit; pass the fields `op` needs (see the type documentation).
    public init(op: Op, entityID: String? = nil, name: String? = nil, type: String? = nil, alias: String? = nil,
                aliases: [String]? = nil, targetID: String? = nil, subject: String? = nil, object: String? = nil,
                value: String? = nil, attribute: String? = nil, term: String? = nil) {
        self.op = op; self.entityID = entityID; self.name = name; self.type = type; self.alias = alias
        self.aliases = aliases; self.targetID = targetID; self.subject = subject; self.object = object
        self.value = value; self.attribute = attribute; self.term = term
    }

    /// A `create_relation` or `delete_relation` edit, arguments in reading order: pass `object`
    /// (an entity id) or `value` (a literal).
    public static func relation(_ op: Op, subject: String, type: String, object: String? = nil, value: String? = nil,
                                attribute: String? = nil) -> GraphEdit {
        GraphEdit(op: op, type: type, subject: subject, object: object, value: value, attribute: attribute)
    }

    enum CodingKeys: String, CodingKey {
        case op, entityID = "entity_id", name, type, alias, aliases, targetID = "target_id"
        case subject, object, value, attribute, term
    }

    /// Checks that the edit carries the fields its op needs (non-blank) and nothing contradictory.
    /// It does not look at any graph: see ``validate(knownEntityIDs:)`` for that.
    public func validate() throws(GraphEditError) {
        func require(_ field: String?, _ key: String) throws(GraphEditError) {
            guard let field, !field.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw GraphEditError(.missingField, "\(op.rawValue) needs a non-empty \(key)")
            }
        }
        switch op {
        case .createEntity:
            try require(entityID, "entity_id"); try require(name, "name"); try require(type, "type")
            if let id = entityID, id.hasPrefix(ExtractedRelation.valuePrefix) {
                throw GraphEditError(.invalidField, "entity_id may not start with \"\(ExtractedRelation.valuePrefix)\" (reserved for literal values)")
            }
        case .renameEntity:
            try require(entityID, "entity_id"); try require(name, "name")
        case .retypeEntity:
            try require(entityID, "entity_id"); try require(type, "type")
        case .addAlias, .removeAlias:
            try require(entityID, "entity_id"); try require(alias, "alias")
        case .mergeEntities:
            try require(entityID, "entity_id"); try require(targetID, "target_id")
            if entityID == targetID {
                throw GraphEditError(.mergeIntoSelf, "merge_entities cannot merge \(entityID ?? "") into itself")
            }
        case .deleteEntity:
            try require(entityID, "entity_id")
        case .createRelation, .deleteRelation:
            try require(subject, "subject"); try require(type, "type")
            switch (object, value) {
            case (nil, nil):
                throw GraphEditError(.missingField, "\(op.rawValue) needs an object (entity id) or a value (literal)")
            case (.some, .some):
                throw GraphEditError(.conflictingFields, "\(op.rawValue) takes an object or a value, not both")
            case (.some(let o), nil):
                try require(o, "object")
            case (nil, .some):
                break   // an empty literal is still a literal
            }
        case .acceptTerm:
            try require(term, "term"); try require(type, "type")
            if let id = entityID, id.hasPrefix(ExtractedRelation.valuePrefix) {
                throw GraphEditError(.invalidField, "entity_id may not start with \"\(ExtractedRelation.valuePrefix)\" (reserved for literal values)")
            }
        case .rejectTerm:
            try require(term, "term")
        }
    }

    /// ``validate()`` plus the checks against the current entity ids that an API should make before
    /// appending the edit to the log: the entities it names exist (`unknown_entity`) and a created
    /// entity does not (`duplicate_entity`).
    public func validate(knownEntityIDs ids: Set<String>) throws(GraphEditError) {
        try validate()
        func known(_ id: String?) throws(GraphEditError) {
            if let id, !ids.contains(id) { throw GraphEditError(.unknownEntity, "no entity with id \"\(id)\"") }
        }
        switch op {
        case .createEntity:
            if let id = entityID, ids.contains(id) { throw GraphEditError(.duplicateEntity, "an entity with id \"\(id)\" already exists") }
        case .renameEntity, .retypeEntity, .addAlias, .removeAlias, .deleteEntity:
            try known(entityID)
        case .mergeEntities:
            try known(entityID); try known(targetID)
        case .createRelation, .deleteRelation:
            try known(subject); try known(object)
        case .acceptTerm:
            let id = entityID ?? GraphEdits.termEntityID(term: term ?? "", type: type ?? "")
            if ids.contains(id) { throw GraphEditError(.duplicateEntity, "an entity with id \"\(id)\" already exists") }
        case .rejectTerm:
            break
        }
    }
}

/// Why an edit is malformed or no longer applies. `code` is stable (API error codes, skip reasons);
/// `message` says what is wrong in words.
public struct GraphEditError: Error, Codable, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of problems; raw values are the codes an API shows.
    public enum Code: String, Codable, Sendable, Hashable, CaseIterable {
        /// A field the op needs is absent or blank.
        case missingField = "missing_field"
        /// A field has a value the op cannot use.
        case invalidField = "invalid_field"
        /// Fields that exclude each other are both given (object and value).
        case conflictingFields = "conflicting_fields"
        /// An entity the edit names does not exist (any more).
        case unknownEntity = "unknown_entity"
        /// The entity to create exists already.
        case duplicateEntity = "duplicate_entity"
        /// `merge_entities` with the same id on both sides.
        case mergeIntoSelf = "merge_into_self"
        /// The alias to add is already a name or alias of the entity.
        case duplicateAlias = "duplicate_alias"
        /// The alias to remove is not an alias of the entity.
        case unknownAlias = "unknown_alias"
        /// `delete_relation` matched no relation.
        case unknownRelation = "unknown_relation"
    }

    /// What kind of problem.
    public var code: Code
    /// What is wrong, in words.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) { self.code = code; self.message = message }

    /// `<code>: <message>`.
    public var description: String { "\(code.rawValue): \(message)" }
}

/// An edit of the log that was not applied, and why (it is kept in the log: a later re-import may
/// make it apply again).
public struct SkippedGraphEdit: Codable, Sendable, Hashable {
    /// The edit's position in the list given.
    public var index: Int
    /// Why it was skipped.
    public var reason: GraphEditError

    /// Creates a record.
    public init(index: Int, reason: GraphEditError) { self.index = index; self.reason = reason }
}
