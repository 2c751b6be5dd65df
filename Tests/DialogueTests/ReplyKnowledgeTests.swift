import Foundation
import KnowledgeModel
import XCTest
@testable import Dialogue

/// The suggester on the shipped knowledge (`Knowledge/replies`, `Knowledge/transcripts`), and the
/// conversation-level features.
final class ReplyKnowledgeTests: XCTestCase {
    func records<T: Decodable>(_ path: String, as: T.Type) throws -> [T] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        return try text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { try JSONDecoder().decode(T.self, from: Data($0.utf8)) }
    }

    func testShippedScriptsAndTranscriptsGiveFilledSuggestions() throws {
        let scripts = try records("Knowledge/replies/replies.jsonl", as: ReplyScript.self)
        let turns = try records("Knowledge/transcripts/turns.jsonl", as: TranscriptTurn.self)
        let s = ReplySuggester(scripts: scripts, transcript: turns)
        XCTAssertGreaterThan(s.pairCount, 100)
        let out = try s.suggest(ReplyRequest(turns: [ReplyTurn(speaker: .customer, text: "你好，我想预约保养")],
                                             intent: "book_maintenance", slots: ["agent_name": "小李"], limit: 5))
        XCTAssertEqual(out.count, 5)
        let first = try XCTUnwrap(out.first)
        XCTAssertTrue(first.source.hasPrefix("script:"))
        XCTAssertFalse(first.text.contains("{agent_name}"))
        XCTAssertTrue(out.allSatisfy { $0.source.hasPrefix("script:") })      // enough scripts of that intent
        let open = try s.suggest(ReplyRequest(turns: [ReplyTurn(speaker: .customer, text: "你好，我想预约保养")], limit: 5))
        XCTAssertTrue(open.contains { $0.source.hasPrefix("transcript:S") })
        for suggestion in out + open { XCTAssertEqual(suggestion.unfilledSlots.isEmpty, !suggestion.text.contains("{")) }
    }

    func testARepliesAlreadyGivenInTheConversationIsDemoted() throws {
        let pairs = [ReplyPair(session: "a", turn: 4, customer: "在吗", reply: "在的，请问有什么可以帮您"),
                     ReplyPair(session: "b", turn: 4, customer: "在吗", reply: "在的，请问有什么可以帮您"),
                     ReplyPair(session: "c", turn: 4, customer: "在吗", reply: "您好，请讲")]
        let s = ReplySuggester(pairs: pairs)
        let fresh = try s.suggest(ReplyRequest(turns: [ReplyTurn(speaker: .customer, text: "在吗")]))
        XCTAssertEqual(fresh.first?.text, "在的，请问有什么可以帮您")
        let again = try s.suggest(ReplyRequest(turns: [ReplyTurn(speaker: .customer, text: "你好"),
                                                       ReplyTurn(speaker: .agent, text: "在的，请问有什么可以帮您？"),
                                                       ReplyTurn(speaker: .customer, text: "在吗")]))
        XCTAssertEqual(again.first?.text, "您好，请讲")
    }

    func testBM25SimilarityFindsTheSameNeighbour() throws {
        var config = ReplyConfiguration()
        config.similarity = .bm25
        let pairs = [ReplyPair(session: "a", turn: 2, customer: "发票怎么开", reply: "在订单详情页申请电子发票"),
                     ReplyPair(session: "b", turn: 2, customer: "地址能改吗", reply: "发货前可以在订单里修改地址")]
        for c in [config, ReplyConfiguration()] {
            let s = ReplySuggester(pairs: pairs, configuration: c)
            XCTAssertEqual(try s.suggest(ReplyRequest(turns: [ReplyTurn(speaker: .customer, text: "我想改一下地址")])).first?.text,
                           "发货前可以在订单里修改地址", "\(c.similarity)")
        }
    }

    func testEncoderSimilarityTrainsAndFindsTheNeighbour() throws {
        let pairs = [ReplyPair(session: "a", turn: 2, customer: "发票怎么开", reply: "在订单详情页申请电子发票"),
                     ReplyPair(session: "b", turn: 2, customer: "发票在哪里申请", reply: "在订单详情页申请电子发票"),
                     ReplyPair(session: "c", turn: 2, customer: "地址能改吗", reply: "发货前可以在订单里修改地址"),
                     ReplyPair(session: "d", turn: 2, customer: "收货地址写错了", reply: "发货前可以在订单里修改地址")]
        let encoder = try ReplyEncoderTraining.train(pairs: pairs, dimension: 4, epochs: 2)
        var config = ReplyConfiguration()
        config.similarity = .encoder
        let s = ReplySuggester(pairs: pairs, encoder: encoder, configuration: config)
        let out = try s.suggest(ReplyRequest(turns: [ReplyTurn(speaker: .customer, text: "我想改一下地址")]))
        XCTAssertEqual(out.first?.text, "发货前可以在订单里修改地址")
        XCTAssertEqual(out.first?.clusterSize, 2)
    }
}
