import XCTest
@testable import Graph

/// Normalized fact keys shown as their source writes them.
final class AttributeLabelTests: XCTestCase {
    func testEachPartOfTheKeyTakesTheCaseOfItsSource() {
        XCTAssertEqual(AttributeLabel.restoringCase(of: "price, max rwd", in: "Trim: Max RWD; Price: ¥289,800"), "Price, Max RWD")
        XCTAssertEqual(AttributeLabel.restoringCase(of: "range", in: "Range (CLTC): 650 km\nWheelbase: 3000 mm"), "Range")
        XCTAssertEqual(AttributeLabel.restoringCase(of: "dc fast charge", in: "DC fast charge (10–80%): 18 min"), "DC fast charge")
    }

    func testOnlyWholeWordsAndChangesCount() {
        // "range" inside "Orange" is not the key; the later whole word is.
        XCTAssertEqual(AttributeLabel.restoringCase(of: "range", in: "Colour: Orange\nRange: 650 km"), "Range")
        XCTAssertNil(AttributeLabel.restoringCase(of: "range", in: "Colour: Orange"), "not found: the key stays")
        XCTAssertNil(AttributeLabel.restoringCase(of: "range", in: "range: 650 km"), "same as the key")
        XCTAssertNil(AttributeLabel.restoringCase(of: "续航里程", in: "续航里程：650 km"), "no letters to restore")
        XCTAssertEqual(AttributeLabel.restoringCase(of: "price, pro rwd", in: "Price: ¥259,800"), "Price, pro rwd", "a part not found stays")
    }
}
