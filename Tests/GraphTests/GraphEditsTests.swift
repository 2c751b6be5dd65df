import Foundation
import Graph
import KnowledgeModel
import XCTest

final class GraphEditsTests: XCTestCase {
    let lexicon = [
        LexiconEntity(id: "model_e7", name: "E7", type: "model", aliases: ["澜途E7"],
                      relations: [EntityRelationRef(type: "has_trim", target: "trim_e7_max"),
                                  EntityRelationRef(type: "has_feature", target: "feature_fota")]),
        LexiconEntity(id: "trim_e7_max", name: "E7 Max", type: "trim"),
        LexiconEntity(id: "feature_ota", name: "OTA", type: "feature", aliases: ["远程升级"]),
        LexiconEntity(id: "feature_fota", name: "FOTA", type: "feature", aliases: ["固件升级"],
                      relations: [EntityRelationRef(type: "related_to", target: "feature_ota"),
                                  EntityRelationRef(type: "applies_to", target: "model_e7")]),
    ]

    func apply(_ edits: [GraphEdit], to lexicon: [LexiconEntity]? = nil) -> EntityEditOutcome {
        GraphEdits.applyToEntities(edits, lexicon: lexicon ?? self.lexicon)
    }

    func entity(_ id: String, in outcome: EntityEditOutcome) -> LexiconEntity? {
        outcome.entities.first { $0.id == id }
    }

    // MARK: validation

    func testValidateReportsMissingAndContradictoryFields() {
        func code(_ edit: GraphEdit) -> GraphEditError.Code? {
            do { try edit.validate(); return nil } catch { return error.code }
        }
        XCTAssertEqual(code(GraphEdit(op: .createEntity, entityID: "x", name: "X")), .missingField)
        XCTAssertEqual(code(GraphEdit(op: .renameEntity, entityID: "x", name: "  ")), .missingField)
        XCTAssertEqual(code(GraphEdit(op: .addAlias, entityID: "x")), .missingField)
        XCTAssertEqual(code(GraphEdit(op: .mergeEntities, entityID: "x", targetID: "x")), .mergeIntoSelf)
        XCTAssertEqual(code(GraphEdit(op: .createRelation, type: "t", subject: "a")), .missingField)
        XCTAssertEqual(code(GraphEdit(op: .createRelation, type: "t", subject: "a", object: "b", value: "1")), .conflictingFields)
        XCTAssertEqual(code(GraphEdit(op: .acceptTerm, term: "heat pump")), .missingField)
        XCTAssertEqual(code(GraphEdit(op: .createEntity, entityID: "value:x", name: "X", type: "t")), .invalidField)
        XCTAssertNil(code(GraphEdit(op: .createRelation, type: "has_spec", subject: "a", value: "", attribute: "range")))
        XCTAssertNil(code(GraphEdit(op: .rejectTerm, term: "的话")))
    }

    func testValidateAgainstKnownEntities() {
        let ids: Set<String> = ["model_e7", "feature_ota"]
        XCTAssertThrowsError(try GraphEdit(op: .deleteEntity, entityID: "nope").validate(knownEntityIDs: ids)) {
            XCTAssertEqual(($0 as? GraphEditError)?.code, .unknownEntity)
        }
        XCTAssertThrowsError(try GraphEdit(op: .createEntity, entityID: "model_e7", name: "E7", type: "model").validate(knownEntityIDs: ids)) {
            XCTAssertEqual(($0 as? GraphEditError)?.code, .duplicateEntity)
        }
        XCTAssertThrowsError(try GraphEdit(op: .createRelation, type: "has_feature", subject: "model_e7", object: "ghost").validate(knownEntityIDs: ids)) {
            XCTAssertEqual(($0 as? GraphEditError)?.code, .unknownEntity)
        }
        XCTAssertNoThrow(try GraphEdit(op: .mergeEntities, entityID: "feature_ota", targetID: "model_e7").validate(knownEntityIDs: ids))
    }

    func testEditJSONUsesSnakeCaseAndOmitsAbsentFields() throws {
        let edit = GraphEdit(op: .mergeEntities, entityID: "feature_fota", targetID: "feature_ota")
        let json = String(decoding: try JSONEncoder().encode(edit), as: UTF8.self)
        XCTAssertTrue(json.contains("\"op\":\"merge_entities\""), json)
        XCTAssertTrue(json.contains("\"entity_id\":\"feature_fota\""), json)
        XCTAssertTrue(json.contains("\"target_id\":\"feature_ota\""), json)
        XCTAssertFalse(json.contains("name"), json)
        let decoded = try JSONDecoder().decode(GraphEdit.self, from: Data(#"{"op":"accept_term","term":"热泵","type":"feature"}"#.utf8))
        XCTAssertEqual(decoded, GraphEdit(op: .acceptTerm, type: "feature", term: "热泵"))
        XCTAssertThrowsError(try JSONDecoder().decode(GraphEdit.self, from: Data(#"{"op":"explode"}"#.utf8)))
    }

    // MARK: entity ops

    func testCreateEntityAndDuplicateIsSkipped() {
        let out = apply([
            GraphEdit(op: .createEntity, entityID: "feature_heat_pump", name: "Heat pump", type: "feature", aliases: ["热泵", "Heat pump", " "]),
            GraphEdit(op: .createEntity, entityID: "model_e7", name: "E7 again", type: "model"),
        ])
        XCTAssertEqual(entity("feature_heat_pump", in: out), LexiconEntity(id: "feature_heat_pump", name: "Heat pump", type: "feature", aliases: ["热泵"]))
        XCTAssertEqual(out.entities.last?.id, "feature_heat_pump")
        XCTAssertEqual(out.origins["feature_heat_pump"], "edit")
        XCTAssertEqual(out.origins["model_e7"], "lexicon")
        XCTAssertEqual(out.skipped.map { $0.index }, [1])
        XCTAssertEqual(out.skipped.first?.reason.code, .duplicateEntity)
        XCTAssertEqual(entity("model_e7", in: out)?.name, "E7")
    }

    func testRenameKeepsTheOldNameAsAlias() {
        let out = apply([GraphEdit(op: .renameEntity, entityID: "model_e7", name: "澜途E7")])
        let e = entity("model_e7", in: out)
        XCTAssertEqual(e?.name, "澜途E7")
        XCTAssertEqual(e?.aliases, ["E7"], "the new name leaves the aliases, the old one joins them")
        XCTAssertTrue(out.skipped.isEmpty)
    }

    func testRetype() {
        let out = apply([GraphEdit(op: .retypeEntity, entityID: "trim_e7_max", type: "variant")])
        XCTAssertEqual(entity("trim_e7_max", in: out)?.type, "variant")
    }

    func testAddAndRemoveAliasWithSkips() {
        let out = apply([
            GraphEdit(op: .addAlias, entityID: "feature_ota", alias: "Over-the-air"),
            GraphEdit(op: .addAlias, entityID: "feature_ota", alias: "ota"),          // the name, case-folded
            GraphEdit(op: .removeAlias, entityID: "feature_ota", alias: "远程升级"),
            GraphEdit(op: .removeAlias, entityID: "feature_ota", alias: "never there"),
        ])
        XCTAssertEqual(entity("feature_ota", in: out)?.aliases, ["Over-the-air"])
        XCTAssertEqual(out.skipped.map { $0.index }, [1, 3])
        XCTAssertEqual(out.skipped.map { $0.reason.code }, [.duplicateAlias, .unknownAlias])
    }

    func testMergeMovesNamesAndRewritesRelationRefs() throws {
        let out = apply([GraphEdit(op: .mergeEntities, entityID: "feature_fota", targetID: "feature_ota")])
        XCTAssertNil(entity("feature_fota", in: out))
        let ota = try XCTUnwrap(entity("feature_ota", in: out))
        XCTAssertEqual(ota.aliases, ["远程升级", "FOTA", "固件升级"])
        // FOTA's own refs move to OTA; its ref to OTA would be a self-loop and is dropped.
        XCTAssertEqual(ota.relations, [EntityRelationRef(type: "applies_to", target: "model_e7")])
        // Refs pointing at FOTA now point at OTA.
        XCTAssertEqual(entity("model_e7", in: out)?.relations,
                       [EntityRelationRef(type: "has_trim", target: "trim_e7_max"), EntityRelationRef(type: "has_feature", target: "feature_ota")])
        XCTAssertEqual(out.redirects, ["feature_fota": "feature_ota"])
        XCTAssertTrue(out.skipped.isEmpty)
    }

    func testMergeChainsRedirectToTheLastTargetAndLaterEditsOfTheSourceAreSkipped() {
        let lexicon = self.lexicon + [LexiconEntity(id: "feature_ota2", name: "OTA 2.0", type: "feature")]
        let out = apply([
            GraphEdit(op: .mergeEntities, entityID: "feature_fota", targetID: "feature_ota"),
            GraphEdit(op: .mergeEntities, entityID: "feature_ota", targetID: "feature_ota2"),
            GraphEdit(op: .addAlias, entityID: "feature_fota", alias: "x"),
            GraphEdit(op: .mergeEntities, entityID: "model_e7", targetID: "model_e7"),
        ], to: lexicon)
        XCTAssertEqual(out.redirects, ["feature_fota": "feature_ota2", "feature_ota": "feature_ota2"])
        XCTAssertEqual(entity("feature_ota2", in: out)?.aliases, ["OTA", "远程升级", "FOTA", "固件升级"])
        XCTAssertEqual(out.skipped.map { $0.reason.code }, [.unknownEntity, .mergeIntoSelf])
        XCTAssertTrue(out.skipped[0].reason.message.contains("merged into feature_ota"), out.skipped[0].reason.message)
    }

    func testDeleteRemovesTheEntityAndEveryRefToIt() {
        let out = apply([GraphEdit(op: .deleteEntity, entityID: "feature_ota")])
        XCTAssertNil(entity("feature_ota", in: out))
        XCTAssertEqual(entity("feature_fota", in: out)?.relations, [EntityRelationRef(type: "applies_to", target: "model_e7")])
        XCTAssertEqual(out.entities.count, 3)
    }

    func testAcceptTermMakesDeterministicIDs() {
        XCTAssertEqual(GraphEdits.termEntityID(term: "Heat  Pump", type: "feature"), "term_feature_heat_pump")
        XCTAssertEqual(GraphEdits.termEntityID(term: "能量回收", type: "feature"), "term_feature_h95f385a886d03bd2")
        XCTAssertEqual(GraphEdits.termEntityID(term: "e-Pedal 单踏板", type: "feature"), "term_feature_e_pedal_hcc5b13c6a7eed2f9")
        XCTAssertEqual(GraphEdits.termEntityID(term: "ＡＢＣ", type: "Part"), "term_part_abc", "width and case are normalized")

        let out = apply([
            GraphEdit(op: .rejectTerm, term: "能量回收"),
            GraphEdit(op: .acceptTerm, type: "feature", term: "能量回收"),
            GraphEdit(op: .acceptTerm, name: "Heat pump", type: "feature", term: "heat pump"),
            GraphEdit(op: .acceptTerm, type: "feature", term: "能量回收"),      // again: exists
            GraphEdit(op: .acceptTerm, type: "feature", term: "远程升级"),      // already an alias of OTA
            GraphEdit(op: .rejectTerm, term: " 的话 "),
        ])
        XCTAssertEqual(entity("term_feature_h95f385a886d03bd2", in: out),
                       LexiconEntity(id: "term_feature_h95f385a886d03bd2", name: "能量回收", type: "feature"))
        XCTAssertEqual(entity("term_feature_heat_pump", in: out)?.aliases, [], "the name equals the term up to case")
        XCTAssertEqual(out.origins["term_feature_heat_pump"], "term")
        XCTAssertEqual(out.rejectedTerms, ["的话"], "accepting a term takes back its rejection")
        XCTAssertEqual(out.skipped.map { $0.index }, [3, 4])
        XCTAssertEqual(out.skipped.map { $0.reason.code }, [.duplicateEntity, .duplicateEntity])
        XCTAssertTrue(out.skipped[1].reason.message.contains("feature_ota"))
    }

    func testEditsThatNoLongerApplyAfterAReimportAreSkippedNotFatal() {
        let log = [
            GraphEdit(op: .renameEntity, entityID: "feature_fota", name: "Firmware OTA"),
            GraphEdit(op: .addAlias, entityID: "model_e7", alias: "Lanto E7"),
            GraphEdit(op: .mergeEntities, entityID: "feature_fota", targetID: "feature_ota"),
            GraphEdit(op: .deleteEntity, entityID: "feature_fota"),
            GraphEdit(op: .createRelation, type: "has_feature", subject: "model_e7", object: "feature_fota"),
            GraphEdit(op: .addAlias),   // malformed
        ]
        // The lexicon file no longer has FOTA.
        let reimported = lexicon.filter { $0.id != "feature_fota" }
        let out = apply(log, to: reimported)
        XCTAssertEqual(out.skipped.map { $0.index }, [0, 2, 3, 5], "relation ops are not entity-level and are not reported here")
        XCTAssertEqual(out.skipped.map { $0.reason.code }, [.unknownEntity, .unknownEntity, .unknownEntity, .missingField])
        XCTAssertEqual(entity("model_e7", in: out)?.aliases, ["澜途E7", "Lanto E7"])
        // Replayed over the full lexicon, the same log applies (the delete then finds nothing).
        let full = apply(log)
        XCTAssertEqual(full.skipped.map { $0.index }, [3, 5])
        XCTAssertEqual(entity("feature_ota", in: full)?.aliases, ["远程升级", "Firmware OTA", "固件升级", "FOTA"])
    }

    // MARK: relation ops

    func chunk(_ id: String, title: String, _ text: String) -> Chunk {
        Chunk(id: id, documentID: "d-\(id)", ordinal: 0, title: title, sectionPath: [], text: text)
    }

    let chunks: [Chunk] = [
        Chunk(id: "c1", documentID: "d1", ordinal: 0, title: "E7 Spec Sheet", sectionPath: [], text: "Range (CLTC): 650 km\nSeats: 5"),
        Chunk(id: "c2", documentID: "d2", ordinal: 0, title: "Updates", sectionPath: [], text: "The E7 is equipped with FOTA. FOTA requires OTA."),
    ]

    /// The rebuild every snapshot does: entity edits → build → relation edits.
    func rebuild(_ log: [GraphEdit], lexicon: [LexiconEntity]? = nil) -> (EntityEditOutcome, RelationEditOutcome) {
        let entities = GraphEdits.applyToEntities(log, lexicon: lexicon ?? self.lexicon)
        let graph = KnowledgeGraph.build(lexicon: entities.entities, chunks: chunks, matcher: EntityMatcher(entities: entities.entities))
        return (entities, graph.applyingRelationEdits(log, redirects: entities.redirects))
    }

    func testCreateRelationAddsAnEditEdgeOrConfirmsAnExtractedOne() throws {
        let (_, out) = rebuild([
            GraphEdit(op: .createRelation, type: "has_spec", subject: "trim_e7_max", value: "710 km", attribute: "Range (CLTC)"),
            GraphEdit(op: .createRelation, type: "has_spec", subject: "model_e7", value: "650 km", attribute: "range"),
            GraphEdit(op: .createRelation, type: "has_feature", subject: "model_e7", object: "ghost"),
        ])
        let trim = try XCTUnwrap(out.graph.facts(of: "trim_e7_max", matching: "range").first)
        XCTAssertEqual([trim.subject, trim.type, trim.object, trim.attribute, trim.method], ["trim_e7_max", "has_spec", "value:710 km", "range", "edit"])
        XCTAssertEqual(trim.confidence, 1)
        XCTAssertEqual(trim.sources, ["edit"])
        let e7 = try XCTUnwrap(out.graph.facts(of: "model_e7", matching: "range").first)
        XCTAssertEqual(e7.sources, ["c1", "edit"], "the extracted edge is confirmed, its chunks kept")
        XCTAssertEqual(e7.confidence, 1)
        XCTAssertEqual(e7.method, "edit")
        XCTAssertEqual(out.graph.facts(of: "model_e7", matching: "range").count, 1)
        XCTAssertEqual(out.skipped.map { $0.index }, [2])
        XCTAssertEqual(out.skipped.first?.reason.code, .unknownEntity)
    }

    func testDeleteRelationRemovesExtractedEdgesAtEveryRebuild() {
        let log = [
            GraphEdit(op: .deleteRelation, type: "has_spec", subject: "model_e7", value: "5"),
            GraphEdit(op: .deleteRelation, type: "has_trim", subject: "model_e7", object: "trim_e7_max"),
            GraphEdit(op: .deleteRelation, type: "has_spec", subject: "model_e7", value: "650 km", attribute: "seats"),
        ]
        let (_, out) = rebuild(log)
        XCTAssertTrue(out.graph.facts(of: "model_e7", matching: "seats").isEmpty)
        XCTAssertEqual(out.graph.facts(of: "model_e7", matching: "range").count, 1, "the attribute must match when given")
        XCTAssertFalse(out.graph.relations(of: "model_e7").contains { $0.type == "has_trim" })
        XCTAssertEqual(out.skipped.map { $0.index }, [2])
        XCTAssertEqual(out.skipped.first?.reason.code, .unknownRelation)
        // Create after delete restores; delete after create removes: the log order decides.
        let (_, again) = rebuild(log + [.relation(.createRelation, subject: "model_e7", type: "has_trim", object: "trim_e7_max")])
        XCTAssertTrue(again.graph.relations(of: "model_e7").contains { $0.type == "has_trim" && $0.method == "edit" })
    }

    func testMergeAttributesLaterExtractionAndRelationEditsToTheTarget() {
        let log = [
            GraphEdit(op: .mergeEntities, entityID: "feature_fota", targetID: "feature_ota"),
            GraphEdit(op: .createRelation, type: "covered_by", subject: "feature_fota", object: "model_e7"),
        ]
        let (entities, out) = rebuild(log)
        let g = out.graph
        XCTAssertNil(g.entities["feature_fota"])
        XCTAssertTrue(out.skipped.isEmpty, "\(out.skipped)")
        // "The E7 is equipped with FOTA" now reads as OTA, found through the moved alias.
        XCTAssertTrue(g.relations(of: "model_e7").contains { $0.type == "has_feature" && $0.object == "feature_ota" && $0.sources.contains("c2") })
        XCTAssertTrue(g.relations(of: "feature_ota").contains { $0.type == "covered_by" && $0.method == "edit" })
        XCTAssertFalse(g.edges.contains { $0.subject == "feature_fota" || $0.object == "feature_fota" })
        XCTAssertEqual(entities.redirects["feature_fota"], "feature_ota")
    }

    func testDeleteCascadesToEveryEdgeOfTheEntity() {
        let (_, out) = rebuild([GraphEdit(op: .deleteEntity, entityID: "feature_fota")])
        XCTAssertNil(out.graph.entities["feature_fota"])
        XCTAssertFalse(out.graph.edges.contains { $0.subject == "feature_fota" || $0.object == "feature_fota" })
        XCTAssertFalse(out.graph.edges.isEmpty)
        // Applying relation edits to a graph drops edges whose entities are gone.
        let (_, base) = rebuild([])
        let doc = base.graph.exportDocument()
        let pruned = GraphDocument(entities: doc.entities.filter { $0.id != "feature_fota" },
                                   relations: doc.relations.filter { $0.subject != "feature_fota" && $0.object != "feature_fota" })
        XCTAssertEqual(try KnowledgeGraph(document: pruned).applying(relationEdits: []).edges.count, pruned.relations.count)
    }
}
