import KnowledgeModel
import TextAnalysis

/// The lexicon after the entity-level edits of a log, and what the replay noticed.
public struct EntityEditOutcome: Sendable, Hashable {
    /// The entities: the lexicon's in their order (edited), then created ones in log order.
    public var entities: [LexiconEntity]
    /// Normalized candidate terms editors rejected (``GraphEdits/normalizedTerm(_:)``), to hide
    /// from term discovery.
    public var rejectedTerms: Set<String>
    /// Edits that did not apply, with the reason; the caller keeps them in the log.
    public var skipped: [SkippedGraphEdit]
    /// Merged-away entity id → the id it was merged into (followed to the end of merge chains).
    /// Pass it to ``KnowledgeGraph/applying(relationEdits:redirects:)`` so that relation edits
    /// naming a merged-away entity land on the kept one.
    public var redirects: [String: String]
    /// Where each resulting entity comes from: `lexicon`, `edit` (create_entity) or `term` (accept_term).
    public var origins: [String: String]
}

/// Replays the entity-level part of the edit log over the lexicon (pure functions; the log
/// itself is never changed).
public enum GraphEdits {
    /// Applies the entity-level edits in order: create, rename (the old name is kept as an alias),
    /// retype, add/remove alias, merge (the source's name and aliases become the target's aliases,
    /// relation refs to the source point at the target, the source is removed), delete (the
    /// entity and every relation ref to it), accept_term (a new entity from a candidate term) and
    /// reject_term. Relation ops are left for ``KnowledgeGraph/applying(relationEdits:redirects:)``.
    ///
    /// An edit that is malformed or no longer applies (its entity is gone after a re-import, the
    /// alias is already there, ...) is skipped with its reason; this never traps.
    ///
    /// After a merge the extraction attributes mentions of the merged-away names to the target by
    /// itself, since those names are now the target's aliases.
    public static func applyToEntities(_ edits: [GraphEdit], lexicon: [LexiconEntity]) -> EntityEditOutcome {
        var table = EntityTable(lexicon)
        var rejected = Set<String>()
        var skipped: [SkippedGraphEdit] = []
        for (index, edit) in edits.enumerated() where !edit.op.isRelationOp {
            do throws(GraphEditError) {
                try edit.validate()
                try apply(edit, to: &table, rejected: &rejected)
            } catch {
                skipped.append(SkippedGraphEdit(index: index, reason: error))
            }
        }
        let entities = table.entities
        var origins: [String: String] = [:]
        for e in entities { origins[e.id] = table.origins[e.id] ?? "lexicon" }
        return EntityEditOutcome(entities: entities, rejectedTerms: rejected, skipped: skipped,
                                 redirects: table.redirects, origins: origins)
    }

    static func apply(_ edit: GraphEdit, to table: inout EntityTable, rejected: inout Set<String>) throws(GraphEditError) {
        // validate() has checked that the fields each op reads are present.
        let id = edit.entityID ?? ""
        switch edit.op {
        case .createEntity:
            guard table.byID[id] == nil else { throw GraphEditError(.duplicateEntity, "an entity with id \"\(id)\" already exists") }
            let name = trimmed(edit.name)
            let aliases = uniqueForms(edit.aliases ?? [], excluding: [name])
            table.insert(LexiconEntity(id: id, name: name, type: trimmed(edit.type), aliases: aliases), origin: "edit")
        case .renameEntity:
            var e = try table.existing(id)
            let name = trimmed(edit.name)
            if e.name != name {
                if !e.aliases.contains(where: { same($0, e.name) }) { e.aliases.append(e.name) }
                e.aliases.removeAll { $0 == name }
                e.name = name
            }
            table.byID[id] = e
        case .retypeEntity:
            var e = try table.existing(id)
            e.type = trimmed(edit.type)
            table.byID[id] = e
        case .addAlias:
            var e = try table.existing(id)
            let alias = trimmed(edit.alias)
            guard !([e.name] + e.aliases).contains(where: { same($0, alias) }) else {
                throw GraphEditError(.duplicateAlias, "\"\(alias)\" is already a name or alias of \(id)")
            }
            e.aliases.append(alias)
            table.byID[id] = e
        case .removeAlias:
            var e = try table.existing(id)
            let alias = trimmed(edit.alias)
            let before = e.aliases.count
            e.aliases.removeAll { same($0, alias) }
            guard e.aliases.count < before else { throw GraphEditError(.unknownAlias, "\"\(alias)\" is not an alias of \(id)") }
            table.byID[id] = e
        case .mergeEntities:
            try table.merge(id, into: edit.targetID ?? "")
        case .deleteEntity:
            _ = try table.existing(id)
            table.remove(id)
            table.rewriteRefs { $0 == id ? nil : $0 }
        case .acceptTerm:
            let term = trimmed(edit.term)
            let type = trimmed(edit.type)
            let newID = edit.entityID.map(trimmed) ?? termEntityID(term: term, type: type)
            guard table.byID[newID] == nil else {
                throw GraphEditError(.duplicateEntity, "an entity with id \"\(newID)\" already exists")
            }
            if let owner = table.entities.first(where: { e in ([e.name] + e.aliases).contains { same($0, term) } }) {
                throw GraphEditError(.duplicateEntity, "\"\(term)\" already names entity \(owner.id)")
            }
            let name = edit.name.map(trimmed) ?? term
            table.insert(LexiconEntity(id: newID, name: name, type: type, aliases: same(name, term) ? [] : [term]), origin: "term")
            rejected.remove(normalizedTerm(term))
        case .rejectTerm:
            rejected.insert(normalizedTerm(trimmed(edit.term)))
        case .createRelation, .deleteRelation:
            break
        }
    }

    /// The entity id an accepted term gets: `term_<type>_<slug>`, where the slug is the term's
    /// normalized ASCII letters and digits joined by `_`; a term with other characters (Chinese,
    /// accents) gets a stable 64-bit FNV-1a hash of its normalized form instead or appended, so
    /// the id is the same on every machine and every run.
    public static func termEntityID(term: String, type: String) -> String {
        let t = slug(type)
        return "term_\(t.isEmpty ? "entity" : t)_\(slug(term, hashWhenLossy: true))"
    }

    /// The form candidate terms are compared in: normalized (NFKC, case-folded) and trimmed.
    public static func normalizedTerm(_ term: String) -> String {
        Normalizer.normalize(term).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func slug(_ text: String, hashWhenLossy: Bool = false) -> String {
        let normalized = normalizedTerm(text)
        var parts: [String] = []
        var current = ""
        var lossy = false
        for s in normalized.unicodeScalars {
            if s.isASCII, s.properties.isAlphabetic || ("0"..."9").contains(s) {
                current.unicodeScalars.append(s)
            } else {
                if !current.isEmpty { parts.append(current); current = "" }
                if !s.isASCII { lossy = true }
            }
        }
        if !current.isEmpty { parts.append(current) }
        var out = parts.joined(separator: "_")
        if hashWhenLossy && (lossy || out.isEmpty) {
            out += (out.isEmpty ? "" : "_") + "h" + fnv1a64Hex(normalized)
        }
        return out
    }

    /// FNV-1a (64-bit) of the UTF-8 bytes, as 16 lower-case hex digits.
    static func fnv1a64Hex(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func trimmed(_ s: String?) -> String { (s ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    /// Two names are the same when their normalized forms are (the matcher normalizes too).
    static func same(_ a: String, _ b: String) -> Bool { a == b || Normalizer.normalize(a) == Normalizer.normalize(b) }

    static func uniqueForms(_ forms: [String], excluding: [String]) -> [String] {
        var out: [String] = []
        for f in forms.map({ trimmed($0) }) where !f.isEmpty && !(excluding + out).contains(where: { same($0, f) }) {
            out.append(f)
        }
        return out
    }
}

/// The entities being edited: by id, with their first position kept.
struct EntityTable {
    var order: [String] = []
    var byID: [String: LexiconEntity] = [:]
    var origins: [String: String] = [:]
    var redirects: [String: String] = [:]

    init(_ lexicon: [LexiconEntity]) {
        for e in lexicon { insert(e, origin: "lexicon") }
    }

    /// The entities in order, each once.
    var entities: [LexiconEntity] {
        var seen = Set<String>()
        return order.compactMap { id in seen.insert(id).inserted ? byID[id] : nil }
    }

    mutating func insert(_ e: LexiconEntity, origin: String) {
        if byID[e.id] == nil { order.append(e.id) }
        byID[e.id] = e
        origins[e.id] = origin
        redirects[e.id] = nil
    }

    mutating func remove(_ id: String) {
        byID[id] = nil
        origins[id] = nil
    }

    func existing(_ id: String) throws(GraphEditError) -> LexiconEntity {
        if let e = byID[id] { return e }
        if let to = redirects[id] { throw GraphEditError(.unknownEntity, "entity \(id) was merged into \(to)") }
        throw GraphEditError(.unknownEntity, "no entity with id \"\(id)\"")
    }

    /// Rewrites every relation ref's target (nil drops the ref), then drops self-loops and repeats.
    mutating func rewriteRefs(_ map: (String) -> String?) {
        for id in order {
            guard var e = byID[id] else { continue }
            var seen = Set<EntityRelationRef>()
            let refs = e.relations.compactMap { r -> EntityRelationRef? in
                guard let t = map(r.target), t != e.id else { return nil }
                let out = EntityRelationRef(type: r.type, target: t)
                return seen.insert(out).inserted ? out : nil
            }
            if refs != e.relations { e.relations = refs; byID[id] = e }
        }
    }

    mutating func merge(_ sourceID: String, into targetID: String) throws(GraphEditError) {
        let source = try existing(sourceID)
        var target = try existing(targetID)
        target.aliases += GraphEdits.uniqueForms([source.name] + source.aliases, excluding: [target.name] + target.aliases)
        target.relations += source.relations
        byID[targetID] = target
        remove(sourceID)
        rewriteRefs { $0 == sourceID ? targetID : $0 }
        for (from, to) in redirects where to == sourceID { redirects[from] = targetID }
        redirects[sourceID] = targetID
    }
}
