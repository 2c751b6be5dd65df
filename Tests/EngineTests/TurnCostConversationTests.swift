import Assist
import Dialogue
import Foundation
import TestSupport
import XCTest
@testable import Engine

/// A long live conversation (longer than `ConversationStore.keptTurns`) gives on every customer
/// turn what the full computation gives: reply suggestions over the kept turns (slot mentions
/// noted per turn), next-best actions and learned tags over every turn of the call (its tally,
/// price talk noted per turn), and the sentiment trend, shown for the last
/// `TurnResult.Mood.trendWindow` turns, escalating on all.
final class TurnCostConversationTests: TemporaryDirectoryTestCase {
    func importKnowledge(_ engine: Engine) throws {
        var intents: [String] = []
        for (label, texts) in [("book_maintenance", ["I want to book a service", "book my car in for maintenance", "schedule a service appointment", "我想预约保养"]),
                               ("range_question", ["how far can it go", "what is the range", "range on a full charge", "续航多少"]),
                               ("complaint", ["I want to complain", "your service is terrible", "this is unacceptable", "我要投诉"])] {
            for t in texts { intents.append(#"{"text":"\#(t)","label":"\#(label)"}"#) }
        }
        var sentiment: [String] = []
        for (label, texts) in [("negative", ["terrible service", "I am very angry", "this is awful", "太差了"]),
                               ("positive", ["great, thank you", "very happy with it", "excellent service", "太好了，谢谢"]),
                               ("neutral", ["what time is it", "my car is an E7", "I live in Hangzhou", "明天可以吗"])] {
            for t in texts { sentiment.append(#"{"text":"\#(t)","sentiment":"\#(label)"}"#) }
        }
        let files = [
            ("lexicon.jsonl", """
                {"id":"model_e7","name":"E7","type":"model","aliases":["澜途E7"]}
                {"id":"model_e9","name":"E9","type":"model"}
                {"id":"city_hz","name":"Hangzhou","type":"city","aliases":["杭州"]}
                """),
            ("customers.jsonl", #"{"id":"C1","name":"Emma","city":"Hangzhou","tags":[],"vehicles":[{"model":"E7","purchase_date":"2019-05-01","mileage_km":90000},{"model":"E9","purchase_date":"2024-05-01","mileage_km":9000}]}"#),
            ("programs.jsonl", """
                {"model":"E7","powertrain":"ev","service_interval_km":20000,"service_interval_months":24,"first_service_km":5000,"first_service_months":6,"warranty_years":4,"warranty_km":120000}
                {"model":"E9","powertrain":"phev","service_interval_km":10000,"service_interval_months":12,"first_service_km":5000,"first_service_months":6,"warranty_years":4,"warranty_km":120000}
                """),
            ("campaigns.jsonl", """
                {"id":"CMP-EV","name":"EV check","condition":"customer.tags contains 'interested_in_ev'","value":300,"priority":2,"script":{"en":"Free EV check.","zh":"免费检测"}}
                {"id":"CMP-PRICE","name":"Price match","condition":"customer.tags contains 'price_sensitive' and vehicle.model == 'E7'","value":500,"priority":2,"script":{"en":"We match prices."}}
                {"id":"CMP-OLD","name":"Old window","condition":"true","value":900,"priority":1,"valid_to":"2020-01-01","script":{"en":"never"}}
                {"id":"CMP-SORRY","name":"Goodwill","condition":"conversation.complained == true","value":200,"priority":1,"service_recovery":true,"script":{"en":"A voucher."}}
                """),
            ("replies.jsonl", """
                {"id":"R1","intent":"book_maintenance","stage":"discovery","lang":"en","text":"Sure {customer_name}, the {model} service in {city} at {nearest_dealer}? {campaign_name}"}
                {"id":"R2","intent":"range_question","stage":"discovery","lang":"en","text":"The {model} goes far."}
                """),
            ("turns.jsonl", """
                {"session":"S1","turn":1,"speaker":"customer","text":"how far can my E7 go","ts":0}
                {"session":"S1","turn":2,"speaker":"agent","text":"About 600 km on a full charge.","ts":5}
                {"session":"S2","turn":1,"speaker":"customer","text":"I want to book a service in Hangzhou","ts":0}
                {"session":"S2","turn":2,"speaker":"agent","text":"Which day suits you?","ts":5}
                """),
            ("intents.jsonl", intents.joined(separator: "\n")), ("sentiment.jsonl", sentiment.joined(separator: "\n")),
        ]
        for (name, content) in files { _ = try engine.importData(name: name, data: Data(content.utf8), format: nil) }
        try engine.train()
    }

    /// The turn texts: models, the city, price talk, moods, in both languages.
    let customerTexts = ["I want to book a service for my E7", "what is the range of the E9", "this is awful", "太差了，我要投诉",
                         "is there a discount", "I live in 杭州", "great, thank you", "澜途E7续航多少", "明天可以吗", "terrible service"]
    let agentTexts = ["Let me check that.", "Which day suits you?", "I understand."]

    /// The turns as the full computation reads them: facts not noted.
    func plain(_ turns: [CallTurn]) -> [CallTurn] {
        turns.map { t in
            CallTurn(number: t.number, speaker: t.speaker, text: t.text, ts: t.ts, intent: t.intent, intentConfidence: t.intentConfidence,
                     sentiment: t.sentiment, sentimentScore: t.sentimentScore, entities: t.entities)
        }
    }

    func testALongConversationGivesTheFullComputationsAnswersOnEveryTurn() throws {
        let engine = try quietEngine(dir.appendingPathComponent("data"))
        try importKnowledge(engine)
        let id = try engine.openConversation(ConversationStart(channel: "call", customerID: "C1", agentID: "A1")).id
        var turns: [ConversationTurn] = []
        var results: [(turn: Int, customer: Bool, score: Double?)] = []
        var everyCall: [CallTurn] = []
        let kept = ConversationStore.keptTurns
        var checked = 0
        for k in 0..<(kept + 60) {
            if k == kept - 20 {
                // A lexicon change rebuilds the snapshot: the mentions noted with the old linker are found
                // again ("discount" in earlier turns now names a campaign, and later turns do not say it).
                _ = try engine.importData(name: "lexicon.jsonl", data: Data("""
                    {"id":"model_e7","name":"E7","type":"model","aliases":["澜途E7"]}
                    {"id":"model_e9","name":"E9","type":"model"}
                    {"id":"city_hz","name":"Hangzhou","type":"city","aliases":["杭州"]}
                    {"id":"cmp_spring","name":"Spring offer","type":"campaign","aliases":["discount"]}
                    """.utf8), format: nil)
            }
            let customer = k % 4 != 3
            var text = customer ? customerTexts[(k * 7) % customerTexts.count] : agentTexts[k % agentTexts.count]
            if k >= kept - 20 && text.contains("discount") { text = "is it cheaper elsewhere" }
            let turn = ConversationTurn(speaker: customer ? "customer" : "agent", text: text)
            let r = try engine.addTurn(id, turn)
            turns = Array((turns + [turn]).suffix(kept))
            results = Array((results + [(r.turn, customer, r.sentiment?.score)]).suffix(kept))
            everyCall.append(try XCTUnwrap(engine.conversations.get(id)?.calls.last))
            guard customer, k % 3 == 0 || k > kept - 25 else { continue }
            checked += 1

            let scores = results.filter(\.customer).compactMap(\.score)
            let mood = try XCTUnwrap(r.sentiment)
            XCTAssertEqual(mood.trend, Array(scores.suffix(TurnResult.Mood.trendWindow)), "turn \(r.turn)")
            XCTAssertLessThanOrEqual(mood.trend.count, TurnResult.Mood.trendWindow)
            XCTAssertEqual(mood.escalate, scores.count >= 2 && SentimentTrend().analyze(scores).escalate, "turn \(r.turn)")

            let intent = r.intent.flatMap { $0.outOfScope ? nil : $0.intent }
            let full = try engine.suggestReplies(SuggestRequest(turns: turns, intent: intent, slots: [:], customerID: "C1"))
            XCTAssertEqual(r.suggestions.map(\.text), full.suggestions.map(\.text), "turn \(r.turn)")
            XCTAssertEqual(r.suggestions.map(\.source), full.suggestions.map(\.source), "turn \(r.turn)")
            XCTAssertEqual(r.suggestions.map(\.score), full.suggestions.map(\.score), "turn \(r.turn)")

            let conversation = try XCTUnwrap(engine.conversations.get(id))
            XCTAssertEqual(conversation.calls.count, min(k + 1, kept))
            XCTAssertEqual(conversation.tally?.turnCount, k + 1)
            let calls = plain(everyCall)
            let context = CallContext(turns: calls, language: Engine.language(of: calls), channel: "call",
                                      customer: conversation.profile, agentID: "A1")
            let (actions, purchase, signals) = try engine.nextBestActions(context)
            XCTAssertEqual(r.actions, Array(actions.prefix(3)), "turn \(r.turn)")
            XCTAssertEqual(r.purchaseIntent, purchase.probability, "turn \(r.turn)")
            XCTAssertEqual(r.learnedTags, signals.learnedTags, "turn \(r.turn)")
            XCTAssertEqual(r.lifecycle, signals.lifecycle, "turn \(r.turn)")
        }
        XCTAssertGreaterThan(checked, 60)
        XCTAssertTrue(try engine.addTurn(id, ConversationTurn(speaker: "customer", text: "I want to book a service for my E7"))
            .suggestions.contains { $0.text.contains("discount") }, "the campaign named in an earlier turn fills its slot")
        let last = try engine.conversation(id)
        XCTAssertEqual(last.turns.count, kept)
        XCTAssertTrue(last.turns.allSatisfy { ($0.sentiment?.trend.count ?? 0) <= TurnResult.Mood.trendWindow })
    }

    func testScoresOfTurnsNoLongerKeptLeaveTheTrend() throws {
        let engine = try quietEngine(dir.appendingPathComponent("data"))
        try importKnowledge(engine)
        let id = try engine.openConversation(ConversationStart(channel: "call")).id
        for _ in 0..<3 { _ = try engine.addTurn(id, ConversationTurn(speaker: "customer", text: "terrible service")) }
        for _ in 0..<ConversationStore.keptTurns { _ = try engine.addTurn(id, ConversationTurn(speaker: "agent", text: "I understand.")) }
        let r = try engine.addTurn(id, ConversationTurn(speaker: "customer", text: "great, thank you"))
        XCTAssertEqual(r.sentiment?.trend.count, 1, "the earlier customer turns are no longer kept")
        XCTAssertEqual(r.sentiment?.escalate, false)
    }

    func testAModelNamedBeforeTheKeptTurnsIsStillTheCallsVehicle() throws {
        let engine = try quietEngine(dir.appendingPathComponent("data"))
        try importKnowledge(engine)
        let id = try engine.openConversation(ConversationStart(channel: "call", customerID: "C1")).id
        let first = try engine.addTurn(id, ConversationTurn(speaker: "customer", text: "how far can my E7 go"))
        XCTAssertEqual(first.entities.map(\.id), ["model_e7"])
        for _ in 0..<ConversationStore.keptTurns { _ = try engine.addTurn(id, ConversationTurn(speaker: "agent", text: "I understand.")) }
        let r = try engine.addTurn(id, ConversationTurn(speaker: "customer", text: "is there a discount"))
        let conversation = try XCTUnwrap(engine.conversations.get(id))
        XCTAssertFalse(conversation.calls.contains { $0.number == first.turn }, "turn 1 is no longer kept")
        XCTAssertEqual(conversation.tally?.turnCount, ConversationStore.keptTurns + 2)
        // The price match is for the E7: the customer owns an E7 and a newer E9, and named the E7 in turn 1.
        XCTAssertTrue(r.actions.contains { $0.campaignID == "CMP-PRICE" }, "\(r.actions.map(\.campaignID))")
    }

    func testASlotNamedOnlyInATurnNoLongerKeptIsUnfilledAgain() throws {
        let engine = try quietEngine(dir.appendingPathComponent("data"))
        try importKnowledge(engine)
        let id = try engine.openConversation(ConversationStart(channel: "call")).id
        var turns = [ConversationTurn(speaker: "customer", text: "I live in 杭州")]
        _ = try engine.addTurn(id, turns[0])
        func book() throws -> (live: [String], full: [String]) {
            let ask = ConversationTurn(speaker: "customer", text: "I want to book a service")
            let live = try engine.addTurn(id, ask)
            turns = Array((turns + [ask]).suffix(ConversationStore.keptTurns))
            let intent = live.intent.flatMap { $0.outOfScope ? nil : $0.intent }
            let full = try engine.suggestReplies(SuggestRequest(turns: turns, intent: intent, slots: [:], customerID: nil))
            return (live.suggestions.map(\.text), full.suggestions.map(\.text))
        }
        func agent(_ n: Int) throws {
            for _ in 0..<n {
                let t = ConversationTurn(speaker: "agent", text: "I understand.")
                _ = try engine.addTurn(id, t)
                turns = Array((turns + [t]).suffix(ConversationStore.keptTurns))
            }
        }
        try agent(100)
        let named = try book()
        XCTAssertEqual(named.live, named.full)
        XCTAssertTrue(named.live.contains { $0.contains("in 杭州") }, "\(named.live)")
        try agent(ConversationStore.keptTurns - 102)
        let dropped = try book()
        XCTAssertEqual(turns.first?.text, "I understand.", "turn 1 is no longer kept")
        XCTAssertEqual(dropped.live, dropped.full)
        XCTAssertTrue(dropped.live.contains { $0.contains("in {city}") }, "\(dropped.live)")
    }

    func testTheLanguageOfACallIsItsCustomerTextsJoined() {
        func call(_ texts: [(String, String)]) -> [CallTurn] {
            texts.enumerated().map { CallTurn(number: $0.offset + 1, speaker: $0.element.0, text: $0.element.1) }
        }
        XCTAssertNil(Engine.language(of: []))
        XCTAssertNil(Engine.language(of: call([("agent", "hello there")])))
        XCTAssertEqual(Engine.language(of: call([("customer", "我想预约保养"), ("agent", "which day suits you for the service"), ("customer", "明天")])), "zh")
        XCTAssertEqual(Engine.language(of: call([("customer", "book my E7"), ("agent", "好的"), ("customer", "tomorrow please")])), "en")
        XCTAssertNil(Engine.language(of: call([("customer", ""), ("customer", "")])))
    }
}
