import XCTest
import KnowledgeModel
@testable import Graph

/// The structural extractor's table rows: a row labelled with an entity describes that entity,
/// a value with its own semicolons stays one value, a decimal point does not make a key prose,
/// and a heading entity is the subject of a section of a non-model document.
final class RelationRowSubjectTests: XCTestCase {
    let extractor = RelationExtractor(entityTypes: ["model_e7": "model", "policy_basic": "policy",
                                                    "policy_care": "policy", "dealer_nj": "dealer"])

    func chunk(_ text: String, title: String = "Dealer network") -> Chunk {
        Chunk(id: "doc#1", documentID: "doc", ordinal: 1, title: title, text: text)
    }

    func testRowLabelledWithAnEntityDescribesIt() {
        let text = "Centre: Lanto Nanjing Jianye Centre; City: Nanjing; Phone: 025-8668-3300; Facilities: Sales and service; Delivery centre"
        let c = chunk(text)
        let mentions = testMentions(text, [("Lanto Nanjing Jianye Centre", "dealer_nj")])
        let rs = extractor.relations(chunk: c, mentions: mentions, documentSubjects: [])
        XCTAssertEqual(rs.map(\.subject), ["dealer_nj", "dealer_nj", "dealer_nj"])
        XCTAssertEqual(rs.map { $0.attribute ?? "" }, ["city", "phone", "facilities"])
        XCTAssertEqual(rs.map { $0.literalValue ?? "" }, ["Nanjing", "025-8668-3300", "Sales and service; Delivery centre"])
        XCTAssertEqual(rs.first?.confidence, RelationExtractor.rowSpecConfidence)
    }

    func testRowWithoutEntityLabelStaysAVariantOfTheDocumentSubject() {
        let rs = extractor.structuralRelations(chunk: chunk("Trim: Max RWD; Price: ¥289,800"),
                                               documentSubjects: ["model_e7"], rowEntities: ["lanto nanjing jianye centre": "dealer_nj"])
        XCTAssertEqual(rs.map(\.attribute), ["price, max rwd"])
        XCTAssertEqual(rs.map(\.subject), ["model_e7"])
    }

    func testLooseCellsNeedATableRow() {
        // A single definition followed by a part without a colon is prose, as before.
        XCTAssertTrue(extractor.structuralRelations(chunk: chunk("Tip: charge overnight; it is cheaper"),
                                                    documentSubjects: ["model_e7"]).isEmpty)
    }

    func testDecimalPointInKeyIsNotProse() {
        let rs = extractor.structuralRelations(chunk: chunk("交流慢充0–100%（6.6 kW）: 4.5小时\nNote. This is prose: really"),
                                               documentSubjects: ["model_e7"])
        XCTAssertEqual(rs.map(\.attribute), ["交流慢充0–100%"])
        XCTAssertEqual(rs.map(\.literalValue), ["4.5小时"])
    }

    func testHeadingEntityIsTheSubjectOfNonModelDocuments() {
        let heading = testMentions("Lanto Care+", [("Lanto Care+", "policy_care")])
        XCTAssertEqual(extractor.sectionSubjects(documentSubjects: [], headingMentions: heading), ["policy_care"])
        XCTAssertEqual(extractor.sectionSubjects(documentSubjects: ["policy_basic"], headingMentions: heading), ["policy_care"])
        XCTAssertEqual(extractor.sectionSubjects(documentSubjects: ["model_e7"], headingMentions: heading), ["model_e7"])
        XCTAssertEqual(extractor.sectionSubjects(documentSubjects: ["policy_basic"], headingMentions: []), ["policy_basic"])
        let c = Chunk(id: "w#9", documentID: "w", ordinal: 9, title: "Warranty", sectionPath: ["Lanto Care+"],
                      text: "Extended term: 6 years or 150,000 km")
        let rs = extractor.relations(chunk: c, mentions: [], documentSubjects: ["policy_basic"], headingMentions: heading)
        XCTAssertEqual(rs.filter { $0.type == "has_spec" }.map(\.subject), ["policy_care"])
    }

    /// A two-column table keyed by entities: its header line names what the values are, so
    /// each row entity (or each entity of a comma list) gets that attribute; without a header, or
    /// after a line that ends the table, a row gives nothing beyond the document's own facts.
    func testTwoColumnHeaderNamesTheValuesOfRowsKeyedByEntities() {
        let rows: [String: String] = ["l3": "model_l3", "l5": "model_l5", "x3": "model_x3", "hybrid battery": "part_hb"]
        let table = "Model | Engine oil quantity (litres)\nL3: 4.2 L\nL5, X3: 5.5 L\nAll models: 0W-20"
        let rs = extractor.structuralRelations(chunk: chunk(table), documentSubjects: [], rowEntities: rows)
        XCTAssertEqual(rs.map(\.subject), ["model_l3", "model_l5", "model_x3"])
        XCTAssertEqual(Set(rs.map { $0.attribute ?? "" }), ["engine oil quantity"])
        XCTAssertEqual(rs.map { $0.literalValue ?? "" }, ["4.2 L", "5.5 L", "5.5 L"])
        XCTAssertEqual(rs.first?.confidence, RelationExtractor.rowSpecConfidence)

        // The document's subject still gets each row under its key, as without a header.
        let withSubject = extractor.structuralRelations(chunk: chunk(table), documentSubjects: ["policy_basic"], rowEntities: rows)
        XCTAssertEqual(withSubject.filter { $0.subject == "policy_basic" }.map { $0.attribute ?? "" },
                       ["l3", "l5, x3", "all models"])

        // A spec sheet's row naming an entity is its document's fact only ("Item | Value" is not written).
        let sheet = extractor.structuralRelations(chunk: chunk("Hybrid battery: 1.8 kWh"),
                                                  documentSubjects: ["model_x3"], rowEntities: rows)
        XCTAssertEqual(sheet.map(\.subject), ["model_x3"])
        XCTAssertEqual(sheet.map(\.attribute), ["hybrid battery"])

        let ended = extractor.structuralRelations(chunk: chunk("Model | Price\nPrices include VAT.\nL3: ¥99,800"),
                                                  documentSubjects: [], rowEntities: rows)
        XCTAssertTrue(ended.isEmpty)
    }
}
