import Assist
import Foundation
import KnowledgeModel
import XCTest

/// The per-turn shortcuts of live assist give the answers of the full computation: price talk noted
/// once per turn, campaign windows parsed once, and the signals of a long call.
final class TurnCostAssistTests: XCTestCase {
    let now = AssistFixtures.now
    let programs = AssistFixtures.programs

    let owner = CustomerProfile(id: "C1", name: "A", lifecycle: nil, vehicles: [
        Vehicle(model: "L5", purchaseDate: "2022-08-20", mileageKm: 38900, lastServiceDate: "2025-12-10", lastServiceKm: 29600),
        Vehicle(model: "E7", purchaseDate: "2021-03-02", mileageKm: 58000),
    ])

    /// A long call: customer and agent turns, models named now and then, price talk late.
    func longCall(turns n: Int, priceAt: Int) -> [CallTurn] {
        let l5 = CallEntity(id: "model_l5", name: "L5", type: "model"), e7 = CallEntity(id: "model_e7", name: "E7", type: "model")
        return (1...n).map { k in
            let customer = k % 3 != 0
            let text = k == priceAt ? "Is there a DISCOUNT on the service?" : customer ? "my car makes a noise \(k)" : "let me check \(k)"
            let entities = k % 17 == 0 ? [l5, e7] : k % 11 == 0 ? [e7, l5] : k % 7 == 0 ? [l5] : []
            return CallTurn(number: k, speaker: customer ? "customer" : "agent", text: text,
                            intent: customer ? (k % 5 == 0 ? "book_maintenance" : nil) : nil, intentConfidence: customer ? 0.9 : nil,
                            sentiment: customer ? (k % 13 == 0 ? "negative" : "neutral") : nil,
                            sentimentScore: customer ? (k % 13 == 0 ? -0.7 : 0.1) : nil, entities: entities)
        }
    }

    func derive(_ turns: [CallTurn], rules: ProfileSignalRules = .default) -> ProfileSignals {
        ProfileSignals.derive(profile: owner, programs: programs,
                              context: CallContext(turns: turns, language: "en", channel: "call", customer: owner, now: now), rules: rules)
    }

    func testNotedPriceTalkGivesTheSignalsOfTheFullSearch() {
        for policy in ["mean", "worst_recent", "last"] {
            var rules = ProfileSignalRules.default
            rules.sentimentPolicy = policy
            for priceAt in [1, 4, 150, 199, 400] {
                let plain = longCall(turns: 200, priceAt: priceAt)
                let noted = plain.map { t -> CallTurn in
                    var t = t
                    t.noteFacts(rules)
                    return t
                }
                XCTAssertEqual(derive(noted, rules: rules), derive(plain, rules: rules), "policy \(policy), price talk in turn \(priceAt)")
                let tags = derive(noted, rules: rules).learnedTags
                XCTAssertEqual(tags.contains("price_sensitive"), priceAt <= 200 && priceAt % 3 != 0, "\(priceAt): \(tags)")
            }
        }
    }

    func testFactsNotedWithOtherPriceWordsAreNotTrusted() {
        var other = ProfileSignalRules.default
        other.priceWords = ["noise"]
        let noted = longCall(turns: 50, priceAt: 400).map { t -> CallTurn in
            var t = t
            t.noteFacts(other)
            return t
        }
        XCTAssertTrue(noted[0].facts?.priceTalk ?? false)
        XCTAssertFalse(derive(noted).learnedTags.contains("price_sensitive"), "the default rules' words are searched again")
        XCTAssertTrue(derive(noted, rules: other).learnedTags.contains("price_sensitive"))
    }

    func testATallyKeptTurnByTurnGivesTheSignalsOfItsTurns() {
        for policy in ["mean", "worst_recent", "last"] {
            var rules = ProfileSignalRules.default
            rules.sentimentPolicy = policy
            rules.complaintIntents = ["book_maintenance"]
            rules.minComplaintConfidence = 0.95
            let call = longCall(turns: 120, priceAt: 77)
            var tally = CallTally(rules: rules)
            for (k, turn) in call.enumerated() {
                tally.add(turn)
                guard k % 9 == 0 || k == call.count - 1 else { continue }
                var live = CallContext(turns: Array(call.prefix(k + 1)), language: "en", channel: "call", customer: owner, now: now)
                live.tally = tally
                let full = derive(Array(call.prefix(k + 1)), rules: rules)
                XCTAssertEqual(ProfileSignals.derive(profile: owner, programs: programs, context: live, rules: rules), full, "\(policy), turn \(k + 1)")
            }
        }
    }

    func testATallyReadsEveryTurnFoldedInNotOnlyTheContextsTurns() {
        let complaint = CallTurn(number: 1, speaker: "customer", text: "I want to complain", intent: "complaint", intentConfidence: 0.9,
                                 sentiment: "negative", sentimentScore: -0.9,
                                 entities: [CallEntity(id: "model_e7", name: "E7", type: "model")])
        let rest = (2...30).map { CallTurn(number: $0, speaker: $0 % 2 == 0 ? "agent" : "customer", text: "ok \($0)") }
        var tally = CallTally(rules: .default)
        for t in [complaint] + rest { tally.add(t) }
        var context = CallContext(turns: Array(rest.suffix(10)), language: "en", channel: "call", customer: owner, now: now)
        XCTAssertFalse(ProfileSignals.derive(profile: owner, programs: programs, context: context).conversation.complained)
        context.tally = tally
        let s = ProfileSignals.derive(profile: owner, programs: programs, context: context)
        XCTAssertTrue(s.conversation.complained)
        XCTAssertEqual(s.conversation.entities, ["model_e7"])
        XCTAssertEqual(s.vehicle?.model, "E7", "named in turn 1")
        XCTAssertEqual(s.conversation.sentiment, "negative")
        XCTAssertTrue(s.learnedTags.contains("interested_in_ev"), "the E7 is an EV: \(s.learnedTags)")
    }

    func testATallyKeptUnderOtherRulesIsNotTrusted() {
        var other = ProfileSignalRules.default
        other.complaintIntents = ["book_maintenance"]
        let call = longCall(turns: 40, priceAt: 400)
        var context = CallContext(turns: call, language: "en", channel: "call", customer: owner, now: now)
        context.tally = CallTally(turns: call, rules: other)
        XCTAssertTrue(ProfileSignals.derive(profile: owner, programs: programs, context: context, rules: other).conversation.complained)
        XCTAssertEqual(ProfileSignals.derive(profile: owner, programs: programs, context: context), derive(call))
        XCTAssertFalse(derive(call).conversation.complained)
    }

    func testTheVehicleIsTheOwnedModelNamedLast() {
        let call = longCall(turns: 34, priceAt: 400)
        XCTAssertEqual(derive(call).vehicle?.model, "E7", "turn 34 names L5 then E7: the later one")
        XCTAssertEqual(derive(Array(call.prefix(33))).vehicle?.model, "L5", "turn 33 names E7 then L5")
        XCTAssertEqual(derive(Array(call.prefix(32))).vehicle?.model, "L5", "turn 28 names L5")
        let unnamed = call.map { t -> CallTurn in
            var t = t
            t.entities = []
            return t
        }
        XCTAssertEqual(derive(unnamed).vehicle?.model, "L5", "the newest purchase")
    }

    func testCompiledCampaignGatesAsTheCampaign() {
        let signals = derive(longCall(turns: 10, priceAt: 400)).conversation
        var complained = signals
        complained.complained = true
        for (from, to) in [("2026-01-01", "2026-12-31"), ("2026-11-26", "2026-12-31"), ("2026-01-01", "2026-11-24"),
                           ("2026-11-25", "2026-11-25"), ("not a day", "2026-13-40"), (nil, nil)] as [(String?, String?)] {
            for recovery in [false, true] {
                let c = Campaign(id: "X", name: "X", condition: "true", value: 1, priority: 1, script: [:], serviceRecovery: recovery,
                                 validFrom: from, validTo: to)
                guard let compiled = CampaignBook([c]).campaigns.first else { return XCTFail("condition 'true' parses") }
                for conversation in [signals, complained] {
                    XCTAssertEqual(CampaignGate.check(compiled, now: now, conversation: conversation),
                                   CampaignGate.check(c, now: now, conversation: conversation), "\(from ?? "-")…\(to ?? "-")")
                }
            }
        }
    }
}
