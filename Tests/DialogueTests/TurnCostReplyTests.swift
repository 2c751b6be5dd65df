import Foundation
import XCTest
@testable import Dialogue

/// The reply suggester's per-turn shortcuts give the answers of the full computation: clusters
/// ranked by size once (not per suggestion), slots filled in the kept suggestions only, and the
/// white-space test of turns.
final class TurnCostReplyTests: XCTestCase {
    func pairs(_ n: Int, offset: Int = 0) -> [ReplyPair] {
        let replies = ["Let me check that for you.", "Your order {order} has shipped.", "好的，请稍等", "Anything else?",
                       "The service costs {price}.", "Let me check that for you!", "再见"]
        return (0..<n).map { k in
            let i = k + offset
            return ReplyPair(session: "s\(i / 6)", turn: 1 + 2 * (i % 12), previous: i % 6 == 0 ? nil : "previous \(i)",
                             customer: "question \(i % 9) about the car", reply: replies[(i * i + 3 * i) % replies.count])
        }
    }

    /// The ranking as it was computed on every suggestion before.
    func reference(_ index: ReplyTranscriptIndex, k: Int) -> (all: [Int], buckets: [[Int]]) {
        let all = index.clusters.clusters
        let overall = all.indices.sorted { all[$0].count != all[$1].count ? all[$0].count > all[$1].count : $0 < $1 }.prefix(k).map { $0 }
        let buckets = (0..<ReplyTranscriptIndex.bucketCount).map { b in
            index.bucketCounts[b].sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(k).map(\.key)
        }
        return (overall, buckets)
    }

    func testPopularClustersRankedOnceMatchTheFullSort() {
        var index = ReplyTranscriptIndex(pairs: pairs(60), lexical: false, vectors: true, analyzer: ReplySuggester().analyzer)
        for round in 0..<3 {
            for k in [0, 1, 3, 10, 100] {
                let want = reference(index, k: k)
                XCTAssertEqual(index.popularClusters(k), want.all, "round \(round), k \(k)")
                for b in 0..<ReplyTranscriptIndex.bucketCount {
                    XCTAssertEqual(index.popularClusters(k, bucket: b), want.buckets[b], "round \(round), k \(k), bucket \(b)")
                }
            }
            for p in pairs(7, offset: 60 + 7 * round) { index.add(p, analyzer: ReplySuggester().analyzer) }   // added replies re-rank
        }
    }

    func testSuggestionsFillSlotsOfTheKeptRepliesOnly() throws {
        let suggester = ReplySuggester(scripts: [], pairs: pairs(60))
        let turns = [ReplyTurn(speaker: .customer, text: "question 1 about the car")]
        let found = try suggester.suggest(ReplyRequest(turns: turns, intent: nil, stage: nil, slots: ["order": "A-7"], limit: 7))
        XCTAssertFalse(found.isEmpty)
        for s in found {
            let filled = ReplySlots.fill(s.template, with: ["order": "A-7"])
            XCTAssertEqual(s.text, filled.text)
            XCTAssertEqual(s.unfilledSlots, filled.unfilled)
        }
        XCTAssertTrue(found.contains { $0.unfilledSlots == ["price"] } || !found.contains { $0.template.contains("{price}") })
    }

    func testFillWithoutPlaceholdersKeepsTheTemplate() {
        for t in ["", "plain text", "好的，请稍等", "closing } only"] {
            let r = ReplySlots.fill(t, with: ["a": "b"])
            XCTAssertEqual(r.text, t)
            XCTAssertEqual(r.unfilled, [])
        }
        XCTAssertEqual(ReplySlots.fill("{a} and {b}", with: ["a": "x"]).text, "x and {b}")
    }

    func testSlotNamesAreTrimmedAsByTheWhiteSpaceSet() {
        for name in ["model", " model", "model\t", "\u{3000}city\u{A0}", "a b", "é", "x\u{2003}", "", " ", "\n model \n"] {
            XCTAssertEqual(ReplySlots.trimmed(name), name.trimmingCharacters(in: .whitespaces), name.debugDescription)
        }
        XCTAssertEqual(ReplySlots.fill("{ model } in {city}", with: ["model": "E7"]).text, "E7 in {city}")
    }

    func testHasTextAgreesWithTheWhiteSpaceProperty() {
        for t in ["", " ", "\t\n\r\u{0B}\u{0C}", "\u{1C}", "\u{85}", "\u{A0}\u{3000}", " a ", "　好", "\u{2028}x", "\u{200B}", "\u{3000}", "\u{3000}\u{3001}", "\u{205F}é", "\u{1F600}"] {
            XCTAssertEqual(ReplySuggester.hasText(t), t.unicodeScalars.contains { !$0.properties.isWhitespace }, t.debugDescription)
        }
    }
}
