@testable import Graph
import XCTest

/// Word-start containment of folded attribute terms.
final class AttributeTextTests: XCTestCase {
    func testLatinTermsMatchWholeWordsAndPrefixesOnlyWithAStar() {
        XCTAssertTrue(AttributeText.contains("what is the range of the e9", "range"))
        XCTAssertFalse(AttributeText.contains("how do i arrange a visit", "range"))
        XCTAssertFalse(AttributeText.contains("powertrain warranty", "power"))
        XCTAssertTrue(AttributeText.contains("home charger price", "charg*"))
        XCTAssertTrue(AttributeText.contains("range", "range"))
        XCTAssertFalse(AttributeText.contains("ranges", "range"))
        XCTAssertTrue(AttributeText.contains("0-100 km/h in 3.9 s", "0-100"))
        XCTAssertFalse(AttributeText.contains("café range", "caf"))
        XCTAssertTrue(AttributeText.contains("续航range是多少", "range"), "an ideograph is not part of a Latin word")
    }

    func testChineseTermsMatchAnywhere() {
        XCTAssertTrue(AttributeText.contains("e7的续航是多少", "续航"))
        XCTAssertFalse(AttributeText.contains("e7的价格", "续航"))
        XCTAssertFalse(AttributeText.contains("", "续航"))
        XCTAssertFalse(AttributeText.contains("续", "续航"))
        XCTAssertFalse(AttributeText.contains("anything", "*"))
    }
}
