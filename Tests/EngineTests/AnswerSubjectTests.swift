import Foundation
import XCTest
@testable import Engine

/// A FAQ about another entity of the type the question names is no answer to it.
final class AnswerSubjectTests: XCTestCase {
    func testAFAQAboutAnotherModelIsHandedOffNotGiven() throws {
        let lexicon = """
            {"id":"model_e5","name":"E5","type":"model","relations":[{"type":"has_trim","target":"trim_e5_lr"}]}
            {"id":"model_l3","name":"L3","type":"model"}
            {"id":"trim_e5_lr","name":"E5 Long Range","type":"trim"}
            """
        let faqs = """
            {"id":"R5","question":"What is the range of the E5 Long Range?","answer":"The E5 Long Range goes 560 km on a charge."}
            {"id":"P1","question":"Which charging plug do the cars use?","similar":["which plug does the E5 have"],"answer":"Every plug-in model uses GB/T."}
            """
        try withImported([("lexicon.jsonl", lexicon), ("faqs.jsonl", faqs)]) { engine in
            let own = try engine.answer(AnswerRequest(question: "What is the range of the E5?"))
            XCTAssertEqual(own.sources.first?.faqID, "R5")
            XCTAssertFalse(own.handoff)

            // The words fit the FAQ of the E5's trim (half of them), the model does not.
            let other = try engine.answer(AnswerRequest(question: "What is the range of the L3?"))
            XCTAssertEqual(other.sources.first?.faqID, "R5")
            XCTAssertTrue(other.handoff, "\(other)")
            XCTAssertEqual(other.handoffReason, "low_confidence")

            // A general FAQ whose similar wording names a model still answers about another one.
            let plug = try engine.answer(AnswerRequest(question: "Which charging plug does the L3 use?"))
            XCTAssertEqual(plug.sources.first?.faqID, "P1")
            XCTAssertFalse(plug.handoff, "\(plug)")
        }
    }

    /// Words that no chunk holds lower an answer's confidence (a quarter of it is the share of the
    /// question's IDF mass the answer holds), though the encoder, which has no features for
    /// them, finds the same wording as close: an off-topic question that shares a few words with
    /// a FAQ is not that FAQ's paraphrase.
    func testWordsTheKnowledgeLacksLowerTheConfidence() throws {
        let faqs = """
            {"id":"W","question":"How long is the battery warranty?","similar":["battery warranty years","is the battery covered by warranty"],"answer":"Eight years or 160,000 km."}
            {"id":"C","question":"Where can I charge my car?","similar":["public chargers near me","charging stations nearby"],"answer":"At any public fast charger."}
            {"id":"S","question":"How do I book a service appointment?","similar":["schedule maintenance","book my car in for a service"],"answer":"In the app, under Service."}
            """
        try withImported([("faqs.jsonl", faqs)]) { engine in
            _ = try engine.train()
            let on = try engine.answer(AnswerRequest(question: "how long is the battery warranty"))
            let off = try engine.answer(AnswerRequest(question: "how long is the battery warranty for my neighbour's quadcopter drone"))
            XCTAssertEqual(on.sources.first?.faqID, "W")
            XCTAssertEqual(off.sources.first?.faqID, "W")
            XCTAssertFalse(on.handoff, "\(on)")
            XCTAssertLessThan(off.confidence, on.confidence - 0.1, "on \(on.confidence), off \(off.confidence)")
        }
    }
}
