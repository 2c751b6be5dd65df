import Foundation
import XCTest
@testable import TextAnalysis

final class SpellingVocabularyTests: XCTestCase {
    func vocabulary(_ texts: String...) -> SpellingVocabulary {
        var v = SpellingVocabulary()
        for t in texts { v.add(t) }
        return v
    }

    func testEachKindOfEditIsMendedAndTheMostFrequentWordWins() {
        let v = vocabulary("The battery warranty covers the battery.", "Charging at a supercharger; charging cables.")
        XCTAssertEqual(v.closest(to: "warrenty"), "warranty")      // replaced letter
        XCTAssertEqual(v.closest(to: "batery"), "battery")         // dropped letter
        XCTAssertEqual(v.closest(to: "batteery"), "battery")       // inserted letter
        XCTAssertEqual(v.closest(to: "chargnig"), "charging")      // swapped neighbours
        XCTAssertNil(v.closest(to: "bttry"), "two edits away")
        XCTAssertEqual(v.occurrences(of: "battery"), 2)
        // Two words one edit away: the more frequent one, then the first in alphabetical order.
        let w = vocabulary("cable cable table")
        XCTAssertEqual(w.closest(to: "gable"), "cable")
        XCTAssertEqual(vocabulary("cable table").closest(to: "gable"), "cable")
    }

    func testOnlyUnknownLongWordsChangeAndTheRestOfTheTextStays() throws {
        let v = vocabulary("warranty battery charging Lanto")
        let fixed = try XCTUnwrap(v.corrected("Does the warrenty cover my E7 batery? 续航 warrenty!", isKnown: { _ in false }))
        XCTAssertEqual(fixed.text, "Does the warranty cover my E7 battery? 续航 warranty!")
        XCTAssertEqual(fixed.corrections.map(\.correction), ["warranty", "battery", "warranty"])
        // Known words, words under five letters, codes touching digits and words the caller knows stay.
        XCTAssertNil(v.corrected("the lanto batry x3warrenty", isKnown: { _ in false }))
        XCTAssertNil(v.corrected("warrenty", isKnown: { $0 == "warrenty" }))
        // Chinese around an English word is a boundary; a letter of another script is not.
        XCTAssertEqual(v.corrected("E7的warrenty多久？batery，", isKnown: { _ in false })?.text, "E7的warranty多久？battery，")
        XCTAssertNil(v.corrected("warrentyé éwarrenty", isKnown: { _ in false }))
        XCTAssertNil(SpellingVocabulary().corrected("warrenty", isKnown: { _ in false }), "an empty vocabulary mends nothing")
        // Past the first eight unknown words nothing more is looked for.
        let long = Array(repeating: "zzzzzq", count: 8).joined(separator: " ") + " warrenty"
        XCTAssertNil(v.corrected(long, isKnown: { _ in false }))
        XCTAssertEqual(v.corrected("warrenty " + long, isKnown: { _ in false })?.corrections.count, 1)
    }

    func testRemovedTextNoLongerCounts() {
        var v = vocabulary("warranty warranty", "warranty")
        v.remove("warranty warranty")
        XCTAssertEqual(v.occurrences(of: "warranty"), 1)
        v.remove("warranty")
        XCTAssertEqual(v.count, 0)
        XCTAssertNil(v.closest(to: "warrenty"))
    }

    func testAWordListKeepsRealWordsAndSkipsPossessives() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("words-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try "Catch\ncatch's\nwatch\nab\n".write(to: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(WordList.words(at: file.path), ["catch", "watch"])
        XCTAssertNil(WordList.words(at: file.path + ".missing"))
    }
}
