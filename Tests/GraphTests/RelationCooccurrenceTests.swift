import XCTest
import KnowledgeModel
@testable import Graph

/// Sentence co-occurrence counts, NPMI-scored `related_to` relations and their provenance.
final class RelationCooccurrenceTests: XCTestCase {
    func chunk(_ id: String, _ text: String) -> Chunk {
        Chunk(id: id, documentID: "doc", ordinal: 0, title: "t", text: text)
    }

    let names = [("E7", "model_e7"), ("wallbox", "part_wallbox"), ("E9", "model_e9"), ("hotline", "service_hotline")]

    /// E7 and wallbox always together; E9 and hotline each appear alone too.
    func statistics() -> CooccurrenceStatistics {
        var stats = CooccurrenceStatistics(provenanceLimit: 2)
        let texts = [
            "The E7 comes with a free wallbox. Call the hotline.",
            "Every E7 owner gets a wallbox installed.",
            "The E7 wallbox is 11 kW. The E9 is larger.",
            "Ask the hotline about the E9. The hotline is open 24/7.",
            "The E9 seats seven and the hotline knows it.",
        ]
        for (i, t) in texts.enumerated() {
            stats.add(chunk: chunk("doc#\(i)", t), mentions: testMentions(t, names))
        }
        return stats
    }

    func testCountsPerSentence() {
        let s = statistics()
        XCTAssertEqual(s.sentenceCount, 8)
        XCTAssertEqual(s.entityCounts["model_e7"], 3)
        XCTAssertEqual(s.pairCounts[.init("part_wallbox", "model_e7")], 3)
        XCTAssertEqual(s.pairCounts[.init("model_e9", "service_hotline")], 2)
        XCTAssertNil(s.pairCounts[.init("model_e7", "service_hotline")])   // different sentences
        XCTAssertEqual(s.chunks("model_e7", "part_wallbox"), ["doc#0", "doc#1"])  // first two only
    }

    func testRelatedToUsesNPMIAndThresholds() {
        let rs = statistics().relatedTo(minCount: 2, minPMI: 0)
        XCTAssertEqual(rs.map { "\($0.subject) \($0.object)" }, ["model_e7 part_wallbox", "model_e9 service_hotline"])
        XCTAssertEqual(rs[0].type, "related_to")
        XCTAssertEqual(rs[0].method, "cooccurrence")
        XCTAssertEqual(rs[0].chunkID, "doc#0")
        XCTAssertEqual(rs[0].confidence, 1.0, accuracy: 1e-9)           // always together
        XCTAssertGreaterThan(rs[1].confidence, 0)
        XCTAssertLessThan(rs[1].confidence, 1)
        XCTAssertEqual(statistics().relatedTo(minCount: 3).count, 1)
        XCTAssertTrue(statistics().relatedTo(minCount: 2, minPMI: 5).isEmpty)
    }

    func testTypedRelationsSuppressRelatedTo() {
        let typed = ExtractedRelation(subject: "part_wallbox", type: "includes", object: "model_e7",
                                      confidence: 0.85, chunkID: "x", method: "pattern")
        let rs = statistics().relatedTo(minCount: 2, existing: [typed])
        XCTAssertEqual(rs.map(\.subject), ["model_e9"])
    }

    func testSentenceRangesAreUTF16() {
        let text = "澜途E7配备大屏。The E9 is big."
        let ranges = SentenceRanges.ranges(in: text)
        XCTAssertEqual(ranges.count, 2)
        XCTAssertEqual(SentenceRanges.substring(text, ranges[1].lowerBound, ranges[1].upperBound), "The E9 is big.")
        XCTAssertEqual(SentenceRanges.substring(text, 0, 4), "澜途E7")
    }

    func testRepeatedMentionsCountOncePerSentence() {
        var s = CooccurrenceStatistics()
        let text = "E7 and E7 and wallbox and wallbox."
        s.add(chunk: chunk("c#0", text), mentions: testMentions(text, names))
        s.add(chunk: chunk("c#0", text), mentions: testMentions(text, names))
        XCTAssertEqual(s.sentenceCount, 2)
        XCTAssertEqual(s.entityCounts["model_e7"], 2)
        XCTAssertEqual(s.pairCounts[.init("model_e7", "part_wallbox")], 2)
        XCTAssertEqual(s.chunks("part_wallbox", "model_e7"), ["c#0"])     // provenance without repeats
    }

    func testEmptyAndNegativeAssociation() {
        XCTAssertTrue(CooccurrenceStatistics().relatedTo(minCount: 1).isEmpty)
        var s = CooccurrenceStatistics()
        s.addSentence(entityIDs: ["a", "b"], chunkID: "c1")
        for i in 0..<4 { s.addSentence(entityIDs: ["a"], chunkID: "a\(i)"); s.addSentence(entityIDs: ["b"], chunkID: "b\(i)") }
        // p(a) = p(b) = 5/9 and p(a,b) = 1/9: less often together than chance.
        XCTAssertLessThan(s.npmi("a", "b") ?? 1, 0)
        XCTAssertNil(s.npmi("a", "zzz"))
        XCTAssertTrue(s.relatedTo(minCount: 1, minPMI: 0).isEmpty)
        XCTAssertEqual(s.relatedTo(minCount: 1, minPMI: -10).first?.confidence, 0)   // clamped
    }
}
