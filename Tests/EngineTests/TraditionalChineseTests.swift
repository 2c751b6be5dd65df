import Engine
import Foundation
import XCTest

/// Knowledge written in Simplified Chinese answers questions typed in Traditional: search (each
/// mode), the entities the question names, and the bot answer.
final class TraditionalChineseSearchTests: XCTestCase {
    func testATraditionalQuestionFindsSimplifiedKnowledge() throws {
        let lexicon = """
            {"id":"model_e7","name":"E7","type":"model","aliases":["澜途E7"]}
            {"id":"part_battery","name":"动力电池","type":"part","aliases":["电池"]}
            """
        let faqs = """
            {"id":"F1","question":"E7的续航里程是多少？","answer":"E7的CLTC续航里程为620公里。"}
            {"id":"F2","question":"动力电池的质保期多长？","answer":"动力电池质保8年或16万公里。"}
            {"id":"F3","question":"在哪里可以找到充电桩？","answer":"在App的地图里可以查看附近的充电桩。"}
            {"id":"F4","question":"保养一次要多少钱？","answer":"常规保养约600元。"}
            """
        try withImported([("lexicon.jsonl", lexicon), ("faq.jsonl", faqs)]) { engine in
            _ = try engine.train()
            for mode in ["bm25", "vector", "hybrid"] {
                let traditional = try engine.search(SearchRequest(query: "瀾途E7的續航裡程是多少", mode: mode)).hits
                let simplified = try engine.search(SearchRequest(query: "澜途E7的续航里程是多少", mode: mode)).hits
                XCTAssertEqual(traditional.first?.faqID, "F1", mode)
                XCTAssertEqual(traditional.map(\.score), simplified.map(\.score), "the same terms: \(mode)")
                XCTAssertEqual(try engine.search(SearchRequest(query: "哪裡有充電樁", mode: mode)).hits.first?.faqID, "F3", mode)
            }
            let battery = try engine.search(SearchRequest(query: "動力電池質保多久", mode: "hybrid"))
            XCTAssertEqual(battery.hits.first?.faqID, "F2")
            XCTAssertEqual(Set(battery.entities?.map(\.id) ?? []), ["part_battery"], "the Traditional name links the entity")
            let answer = try engine.answer(AnswerRequest(question: "瀾途E7續航多少公里"))
            XCTAssertFalse(answer.handoff)
            XCTAssertTrue(answer.answer?.contains("620") == true, answer.answer ?? "no answer")
        }
    }

    /// Taiwan words ("保固", "數位鑰匙") find knowledge that uses the mainland word, and name
    /// the entity whose alias uses it.
    func testATaiwanWordFindsTheMainlandWord() throws {
        let lexicon = """
            {"id":"feature_digital_key","name":"数字钥匙","type":"feature","aliases":["手机钥匙"]}
            """
        let faqs = """
            {"id":"F1","question":"动力电池的保修期多长？","answer":"动力电池保修8年或16万公里。"}
            {"id":"F2","question":"数字钥匙怎么分享给家人？","answer":"在App的钥匙页面点分享，输入家人的手机号。"}
            {"id":"F3","question":"刹车有异响怎么办？","answer":"请尽快到服务中心检查刹车片。"}
            {"id":"F4","question":"保养一次要多少钱？","answer":"常规保养约600元。"}
            """
        try withImported([("lexicon.jsonl", lexicon), ("faq.jsonl", faqs)]) { engine in
            _ = try engine.train()
            for mode in ["bm25", "vector", "hybrid"] {
                XCTAssertEqual(try engine.search(SearchRequest(query: "電池保固多久", mode: mode)).hits.first?.faqID, "F1", mode)
                XCTAssertEqual(try engine.search(SearchRequest(query: "煞車有異音", mode: mode)).hits.first?.faqID, "F3", mode)
            }
            let key = try engine.search(SearchRequest(query: "數位鑰匙可以分享嗎", mode: "hybrid"))
            XCTAssertEqual(key.hits.first?.faqID, "F2")
            XCTAssertEqual(Set(key.entities?.map(\.id) ?? []), ["feature_digital_key"], "the Taiwan word links the entity")
            let bm25 = try engine.search(SearchRequest(query: "保固", mode: "bm25"))
            XCTAssertEqual(bm25.hits.first?.faqID, "F1", "保固 alone is the mainland term 保修")
        }
    }
}
