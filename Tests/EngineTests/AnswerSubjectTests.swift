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
}
