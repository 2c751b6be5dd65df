import Engine
import XCTest

/// A bilingual knowledge base says things in both languages: the answer comes in the customer's
/// (the request's `language`, else the question's), when a hit in it comes close to the best.
final class AnswerLanguageTests: XCTestCase {
    static let faqs = """
        {"id":"EN1","question":"How long is the E7 battery warranty?","answer":"The E7 battery is covered for 8 years or 160,000 km."}
        {"id":"ZH1","question":"E7电池质保多久？","answer":"E7动力电池质保8年或16万公里。"}
        {"id":"EN2","question":"How do I book a service?","answer":"Book a service in the app under Service."}
        {"id":"ZH2","question":"怎么预约保养？","answer":"在App的服务页面预约保养。"}
        """

    func testTheAnswerComesInTheAskedLanguage() throws {
        try withImported([("faq.jsonl", Self.faqs)]) { engine in
            _ = try engine.train()
            // Mostly a model code: the hits are close, the language decides.
            let english = try engine.answer(AnswerRequest(question: "E7 电池 warranty", language: "en-US"))
            XCTAssertEqual(english.sources.first?.faqID, "EN1", english.answer ?? "no answer")
            let chinese = try engine.answer(AnswerRequest(question: "E7 电池 warranty", language: "zh-TW"))
            XCTAssertEqual(chinese.sources.first?.faqID, "ZH1", chinese.answer ?? "no answer")
            // Without a language, the question's own: an English question gets the English FAQ.
            XCTAssertEqual(try engine.answer(AnswerRequest(question: "battery warranty E7")).sources.first?.faqID, "EN1")
            XCTAssertEqual(try engine.answer(AnswerRequest(question: "E7的电池保多久")).sources.first?.faqID, "ZH1")
        }
    }

    func testACustomerTurnGetsTheCardInItsLanguageFirst() throws {
        let faqs = Self.faqs + "\n" + #"{"id":"ZH3","question":"E7的OTA升级要多久？","answer":"OTA升级约需40分钟。"}"#
        try withImported([("faq.jsonl", faqs)]) { engine in
            _ = try engine.train()
            // Only the model code and a Chinese particle: the English FAQ scores a little higher.
            let search = try engine.search(SearchRequest(query: "E7呢？", mode: "hybrid"))
            XCTAssertEqual(search.hits.first?.faqID, "EN1", "the premise: without a language the English FAQ leads")
            let conversation = try engine.openConversation(ConversationStart(channel: "call"))
            let result = try engine.addTurn(conversation.id, ConversationTurn(speaker: "customer", text: "E7呢？"))
            XCTAssertEqual(result.cards.first?.source?.faqID, "ZH1", "\(result.cards.map(\.title))")
            // A clearly better hit in the other language stays first: the words decide, not the language.
            XCTAssertEqual(try engine.answer(AnswerRequest(question: "E7 OTA", language: "en")).sources.first?.faqID, "ZH3")
        }
    }

    func testLanguageTagsAreReadByTheirFirstPart() throws {
        try withImported([("faq.jsonl", Self.faqs)]) { engine in
            for tag in ["en", "EN", "en_GB", "zh-Hans", "zh-TW"] {
                XCTAssertNoThrow(try engine.answer(AnswerRequest(question: "how do I book a service", language: tag)), tag)
            }
            for bad in ["fr", "", "english", "-en", "zh-", "en-US-toolongsubtag", " zh", "zh\n", "zh-é"] {
                XCTAssertThrowsError(try engine.answer(AnswerRequest(question: "how do I book a service", language: bad)), bad) { error in
                    XCTAssertEqual((error as? EngineError)?.kind, .badRequest)
                    XCTAssertEqual((error as? EngineError)?.code, "invalid_language")
                }
            }
        }
    }
}
