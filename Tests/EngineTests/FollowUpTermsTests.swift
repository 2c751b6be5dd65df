import XCTest
@testable import Engine

/// Which questions point back to the previous one (`Engine.refersBack`).
final class FollowUpTermsTests: XCTestCase {
    func testQuestionsThatReferBack() {
        for q in ["and how far can it go?", "What's its range?", "do they come in red", "它多少钱？", "这款有四驱吗", "续航呢？", "那价格呢?"] {
            XCTAssertTrue(Engine.refersBack(q), q)
        }
    }

    func testQuestionsThatStartANewTopic() {
        // "itinerary" holds "it" but is no pronoun; a long question ending in 呢 asks anew.
        for q in ["How far can the Borealis go?", "itinerary for the test drive", "北辰多少钱？", "保养周期一般是多久呢？", "呢绒座椅怎么清洗"] {
            XCTAssertFalse(Engine.refersBack(q), q)
        }
    }
}
