import Engine
import Foundation
import XCTest

/// FAQs, intents, reply scripts and synonyms edited through the engine: live at once, validated,
/// imported items protected, kept across a restart.
final class EditingTests: XCTestCase {
    var dir: URL!
    var engine: Engine!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("editing-tests-\(UUID().uuidString)")
        engine = try quietEngine(dir.appendingPathComponent("data"))
        let imported = #"{"id":"F1","question":"How long is the warranty?","answer":"Four years or 120,000 km."}"#
        _ = try engine.importData(name: "faqs/warranty.jsonl", data: Data(imported.utf8), format: nil)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func code(_ body: () throws -> Any) -> String? {
        do { _ = try body(); return nil } catch { return error.engineCode }
    }

    func testFAQRoundTripIsLiveInSearch() throws {
        let created = try engine.createFAQ(FAQInput(question: "Can I tow a trailer with the E7?", similar: ["E7 towing capacity"],
                                                    answer: "Yes, up to 1,500 kg braked.", tags: ["towing"]))
        XCTAssertTrue(created.id.hasPrefix("faq-"))
        XCTAssertTrue(created.editable)
        XCTAssertEqual(created.documentName, Engine.editorFAQs)
        XCTAssertEqual(try engine.search(SearchRequest(query: "towing capacity")).hits.first?.faqID, created.id, "searchable at once")

        let given = try engine.createFAQ(FAQInput(id: "ED-2", question: "Is there a roof rack?", answer: "Yes, as an accessory."))
        XCTAssertEqual(given.id, "ED-2")
        XCTAssertEqual(try engine.listFAQs().total, 3)
        XCTAssertEqual(try engine.listFAQs(query: "roof").faqs.map(\.id), ["ED-2"])

        let updated = try engine.updateFAQ(created.id, FAQInput(question: "Can the E7 pull a caravan?", answer: "Yes, up to 1,500 kg braked."))
        XCTAssertEqual(updated.question, "Can the E7 pull a caravan?")
        XCTAssertEqual(try engine.search(SearchRequest(query: "caravan")).hits.first?.faqID, created.id)
        XCTAssertTrue(try engine.search(SearchRequest(query: "trailer")).hits.allSatisfy { $0.faqID != created.id }, "the old wording is gone")
        XCTAssertEqual(try engine.faq("ED-2").question, "Is there a roof rack?", "other editor FAQs are kept")

        try engine.deleteFAQ(created.id)
        XCTAssertTrue(try engine.search(SearchRequest(query: "caravan")).hits.isEmpty)
        XCTAssertEqual(code { try self.engine.faq(created.id) }, "faq_not_found")
        try engine.deleteFAQ("ED-2")
        XCTAssertNil(try engine.documents().first { $0.name == Engine.editorFAQs }, "an empty editor document is removed")
        XCTAssertEqual(try engine.listFAQs().total, 1)
    }

    func testFAQErrors() throws {
        XCTAssertEqual(code { try self.engine.createFAQ(FAQInput(question: "  ")) }, "missing_question")
        XCTAssertEqual(code { try self.engine.createFAQ(FAQInput(id: "bad id!", question: "q")) }, "invalid_id")
        XCTAssertEqual(code { try self.engine.createFAQ(FAQInput(id: "F1", question: "Another?")) }, "faq_exists")
        XCTAssertEqual(code { try self.engine.updateFAQ("F1", FAQInput(question: "Changed?")) }, "not_editable")
        XCTAssertEqual(code { try self.engine.deleteFAQ("F1") }, "not_editable")
        XCTAssertEqual(code { try self.engine.updateFAQ("nope", FAQInput(question: "q")) }, "faq_not_found")
        XCTAssertEqual(code { try self.engine.deleteFAQ("nope") }, "faq_not_found")
        _ = try engine.createFAQ(FAQInput(id: "E1", question: "q1", answer: "a"))
        XCTAssertEqual(code { try self.engine.createFAQ(FAQInput(id: "E1", question: "q2")) }, "faq_exists")
        XCTAssertEqual(code { try self.engine.updateFAQ("E1", FAQInput(id: "E2", question: "q")) }, "id_mismatch")
        XCTAssertEqual(try engine.faq("F1").editable, false)
    }

    func testIntentsRepliesAndSynonyms() throws {
        let added = try engine.addIntentExamples(IntentInput(label: "towing", examples: ["can I tow a trailer", "towing capacity of the E7"]))
        XCTAssertEqual(added.total, 2)
        _ = try engine.addIntentExamples(IntentInput(label: "charging", text: "how long to charge"))
        XCTAssertEqual(try engine.listIntents().map(\.label), ["charging", "towing"])
        let replaced = try engine.replaceIntentExamples("towing", IntentInput(examples: ["max trailer weight"]))
        XCTAssertEqual(replaced.examples?.map(\.text), ["max trailer weight"])
        XCTAssertEqual(code { try self.engine.addIntentExamples(IntentInput(label: "x")) }, "missing_text")
        XCTAssertEqual(code { try self.engine.addIntentExamples(IntentInput(text: "hello")) }, "missing_label")
        XCTAssertEqual(code { try self.engine.intent("unknown") }, "intent_not_found")
        XCTAssertEqual(try engine.deleteIntent("towing").deleted, 1)
        XCTAssertEqual(code { try self.engine.intent("towing") }, "intent_not_found")

        let script = try engine.createReply(ReplyInput(id: "RE-1", intent: "towing", stage: "solution", lang: "en",
                                                       text: "The {model} can tow up to 1,500 kg."))
        XCTAssertEqual(script.slots, ["model"])
        let suggest = SuggestRequest(turns: [ConversationTurn(speaker: "customer", text: "how much can it tow")], intent: "towing")
        XCTAssertEqual(try engine.suggestReplies(suggest).suggestions.first?.source, "script:RE-1", "a new script is suggested at once")
        _ = try engine.updateReply("RE-1", ReplyInput(intent: "towing", stage: "solution", lang: "en", text: "Up to 1,500 kg braked."))
        XCTAssertEqual(try engine.suggestReplies(suggest).suggestions.first?.text, "Up to 1,500 kg braked.")
        XCTAssertEqual(code { try self.engine.createReply(ReplyInput(id: "RE-1", intent: "towing", stage: "x", text: "t")) }, "reply_exists")
        XCTAssertEqual(code { try self.engine.createReply(ReplyInput(intent: "towing", stage: "", text: "t")) }, "missing_stage")
        try engine.deleteReply("RE-1")
        XCTAssertEqual(code { try self.engine.reply("RE-1") }, "reply_not_found")

        let group = try engine.createSynonyms(SynonymInput(terms: ["trailer", "caravan", "camper"]))
        XCTAssertEqual(try engine.listSynonyms().map(\.id), [group.id])
        XCTAssertEqual(code { try self.engine.createSynonyms(SynonymInput(terms: ["trailer", "x"])) }, "synonyms_exist")
        XCTAssertEqual(code { try self.engine.createSynonyms(SynonymInput(terms: ["alone"])) }, "empty_terms")
        let renamed = try engine.updateSynonyms(group.id, SynonymInput(terms: ["trailer", "caravan"]))
        XCTAssertEqual(renamed.terms, ["trailer", "caravan"])
        XCTAssertGreaterThan(try engine.search(SearchRequest(query: "warranty")).hits.count, 0, "the indexes rebuild after a lexicon change")
        try engine.deleteSynonyms(group.id)
        XCTAssertEqual(code { try self.engine.synonyms(group.id) }, "synonyms_not_found")
    }

    func testEditsSurviveARestart() throws {
        let faq = try engine.createFAQ(FAQInput(question: "Does the E7 have a heat pump?", answer: "Yes, standard on every trim."))
        _ = try engine.addIntentExamples(IntentInput(label: "heat_pump", text: "is there a heat pump"))
        engine = nil
        let reopened = try quietEngine(dir.appendingPathComponent("data"))
        XCTAssertEqual(try reopened.faq(faq.id).answer, "Yes, standard on every trim.")
        XCTAssertEqual(try reopened.search(SearchRequest(query: "heat pump")).hits.first?.faqID, faq.id)
        XCTAssertEqual(try reopened.intent("heat_pump").editable, 1)
        _ = try reopened.updateFAQ(faq.id, FAQInput(question: "Is a heat pump fitted?", answer: "Yes."))
        XCTAssertEqual(try reopened.listFAQs().total, 2)
    }
}
