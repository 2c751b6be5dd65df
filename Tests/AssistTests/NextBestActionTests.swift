import Assist
import Foundation
import KnowledgeModel
import XCTest

final class NextBestActionTests: XCTestCase {
    let now = AssistFixtures.now
    let programs = AssistFixtures.programs

    let owner = CustomerProfile(id: "C1", name: "A", lifecycle: "loyal", vehicles: [
        Vehicle(model: "L5", purchaseDate: "2022-08-20", mileageKm: 38900, lastServiceDate: "2025-12-10", lastServiceKm: 29600),
    ])

    func context(_ customerTurns: [(String, String?, String?)], customer: CustomerProfile?, language: String = "en") -> CallContext {
        var turns: [CallTurn] = []
        for (k, t) in customerTurns.enumerated() {
            turns.append(CallTurn(number: k + 1, speaker: "customer", text: t.0, intent: t.1, sentiment: t.2 ?? "neutral",
                                  sentimentScore: t.2 == "negative" ? -0.8 : 0))
        }
        return CallContext(turns: turns, language: language, channel: "call", customer: customer, now: now)
    }

    func campaign(_ id: String, _ condition: String, value: Double = 100, priority: Int = 3, recovery: Bool = false,
                  from: String = "2026-01-01", to: String = "2026-12-31") -> Campaign {
        Campaign(id: id, name: id, condition: condition, value: value, priority: priority,
                 script: ["en": "offer \(id)", "zh": "优惠 \(id)"], serviceRecovery: recovery, validFrom: from, validTo: to)
    }

    func testVehicleSignals() {
        let s = ProfileSignals.derive(profile: owner, programs: programs, context: context([("hi", nil, nil)], customer: owner))
        let v = try? XCTUnwrap(s.vehicle)
        XCTAssertEqual(v?.kmToService, 700)
        XCTAssertEqual(v?.powertrain, "fuel")
        XCTAssertEqual(v?.inWarranty, false, "4.27 years is past the 4-year basic warranty")
        XCTAssertEqual(v?.ageYears ?? 0, 4.27, accuracy: 0.01)
        XCTAssertEqual(v?.monthsSinceService ?? 0, 11.5, accuracy: 0.1)
        XCTAssertEqual(s.lifecycle, "loyal")
    }

    func testDerivedLifecycleAndNamedVehicle() {
        let two = CustomerProfile(id: "C2", name: "B", vehicles: [
            Vehicle(model: "L5", purchaseDate: "2020-01-01", mileageKm: 90000, lastServiceDate: "2021-01-01", lastServiceKm: 20000),
            Vehicle(model: "E7", purchaseDate: "2021-06-01", mileageKm: 50000),
        ])
        let s = ProfileSignals.derive(profile: two, programs: programs, context: context([("hi", nil, nil)], customer: two))
        XCTAssertEqual(s.vehicle?.model, "E7", "newest purchase")
        XCTAssertEqual(s.lifecycle, "lapsed")
        XCTAssertEqual(s.vehicle?.kmToService, -45000, "never serviced: first service at 5,000 km")
        var c = context([("my L5 makes a noise", "report_fault", nil)], customer: two)
        c.turns[0].entities = [CallEntity(id: "model_l5", name: "L5", type: "model")]
        XCTAssertEqual(ProfileSignals.derive(profile: two, programs: programs, context: c).vehicle?.model, "L5", "named in the call")
        let lead = CustomerProfile(id: "C3", name: "C")
        XCTAssertEqual(ProfileSignals.derive(profile: lead, programs: programs, context: c).lifecycle, "lead")
    }

    func testLearnedTags() {
        var c = context([("how much is the E7 with a discount?", "price_inquiry", nil), ("this is terrible", "complaint", "negative")], customer: owner)
        c.turns[0].entities = [CallEntity(id: "model_e7", name: "E7", type: "model")]
        let s = ProfileSignals.derive(profile: owner, programs: programs, context: c)
        XCTAssertEqual(Set(s.learnedTags), ["interested_in_ev", "price_sensitive", "complained_recently"])
        XCTAssertTrue(s.signals.contains { $0.value == "interested_in_ev" && $0.explanation.contains("E7") })
    }

    func testMissingVehicleMakesVehicleConditionsFalse() {
        let lead = CustomerProfile(id: "C3", name: "C", lifecycle: "lead")
        let c = context([("price?", "price_inquiry", nil)], customer: lead)
        let s = ProfileSignals.derive(profile: lead, programs: programs, context: c)
        let ranked = NextBestActions.rank(campaigns: [campaign("OLD", "vehicle.age_years >= 3 or vehicle.powertrain != 'ev'"),
                                                      campaign("TD", "customer.lifecycle == 'lead' and conversation.intents contains 'price_inquiry'")],
                                          signals: s, context: c, purchaseIntent: 0.5)
        XCTAssertEqual(ranked.map(\.campaignID), ["TD"])
        XCTAssertEqual(ranked.first?.script, "offer TD")
        XCTAssertEqual(ranked.first?.expectedValue, 50)
    }

    func testHardRuleCannotBeOverridden() {
        let campaigns = [campaign("PKG", "vehicle.km_to_service < 1500", value: 9999, priority: 1),
                         campaign("ANY", "true", priority: 1),
                         campaign("COMPLAINED", "conversation.complained == true", priority: 1),
                         campaign("GOODWILL", "conversation.complained == true or conversation.sentiment == 'negative'", value: 500, priority: 5, recovery: true)]
        for turns in [[("you broke my car", "complaint", "neutral")], [("I'm scared, the light is red", "warning_light", "negative")]] {
            let c = context(turns.map { ($0.0, Optional($0.1), Optional($0.2)) }, customer: owner)
            let s = ProfileSignals.derive(profile: owner, programs: programs, context: c)
            XCTAssertEqual(NextBestActions.rank(campaigns: campaigns, signals: s, context: c, purchaseIntent: 1).map(\.campaignID), ["GOODWILL"])
        }
        let calm = context([("when is my service due", "book_maintenance", nil)], customer: owner)
        let s = ProfileSignals.derive(profile: owner, programs: programs, context: calm)
        XCTAssertEqual(NextBestActions.rank(campaigns: campaigns, signals: s, context: calm, purchaseIntent: 1).map(\.campaignID), ["PKG", "ANY"])
    }

    func testValidityWindow() {
        let c = context([("hi", nil, nil)], customer: owner)
        let s = ProfileSignals.derive(profile: owner, programs: programs, context: c)
        let campaigns = [campaign("PAST", "true", to: "2026-11-24"), campaign("LASTDAY", "true", to: "2026-11-25"),
                         campaign("FUTURE", "true", from: "2026-11-26"), campaign("FIRSTDAY", "true", from: "2026-11-25")]
        XCTAssertEqual(Set(NextBestActions.rank(campaigns: campaigns, signals: s, context: c, purchaseIntent: 1).map(\.campaignID)),
                       ["LASTDAY", "FIRSTDAY"])
    }

    func testOrderAndReasonAndLanguage() {
        let c = context([("charging is slow", "charging_problem", nil)], customer: owner, language: "zh")
        let s = ProfileSignals.derive(profile: owner, programs: programs, context: c)
        let campaigns = [campaign("LOW", "conversation.intents contains 'charging_problem'", value: 50, priority: 4),
                         campaign("HIGH", "vehicle.model == 'L5' and vehicle.km_to_service < 1500", value: 10, priority: 2),
                         campaign("RICH", "vehicle.model == 'L5'", value: 500, priority: 2)]
        let ranked = NextBestActions.rank(campaigns: campaigns, signals: s, context: c, purchaseIntent: 0.5)
        XCTAssertEqual(ranked.map(\.campaignID), ["RICH", "HIGH", "LOW"])
        XCTAssertEqual(NextBestActions.rank(campaigns: campaigns, signals: s, context: c, purchaseIntent: 0.5, order: .valueThenPriority).map(\.campaignID),
                       ["RICH", "LOW", "HIGH"])
        XCTAssertEqual(ranked[1].reason, "vehicle.model == 'L5' (L5); vehicle.km_to_service < 1500 (700)")
        XCTAssertEqual(ranked[1].script, "优惠 HIGH")
        XCTAssertEqual(ranked[2].reason, "conversation.intents contains 'charging_problem'")
    }

    func testDeterminism() {
        let c = context([("price of the E7?", "price_inquiry", nil), ("and financing?", "financing", "positive")], customer: owner)
        let s = ProfileSignals.derive(profile: owner, programs: programs, context: c)
        let campaigns = (0..<20).map { campaign("C\($0)", "conversation.intents contains 'financing'", value: 100, priority: 3) }
        let first = NextBestActions.rank(campaigns: campaigns, signals: s, context: c, purchaseIntent: 0.4)
        for _ in 0..<5 {
            XCTAssertEqual(NextBestActions.rank(campaigns: campaigns.reversed(), signals: s, context: c, purchaseIntent: 0.4), first)
        }
        let examples = (0..<40).map { k in (features: ["bias": 1.0, "intent:financing": Double(k % 3 == 0 ? 1 : 0)], sale: k % 3 == 0) }
        let a = PurchaseIntentModel.train(examples: examples), b = PurchaseIntentModel.train(examples: examples.reversed())
        XCTAssertEqual(a.source, .learned)
        XCTAssertEqual(a.weights["intent:financing"] ?? 0, b.weights["intent:financing"] ?? 0, accuracy: 1e-9)
    }

    func testPurchaseIntentFallsBackToRulesWithFewSales() {
        let few = [(features: ["bias": 1.0], sale: true)] + (0..<50).map { _ in (features: ["bias": 1.0], sale: false) }
        let m = PurchaseIntentModel.train(examples: few)
        XCTAssertEqual(m.source, .rules)
        let lead = CustomerProfile(id: "L", name: "L", lifecycle: "lead")
        var c = context([("E7 price?", "price_inquiry", nil), ("book a test drive", "test_drive", "positive")], customer: lead)
        c.turns[0].entities = [CallEntity(id: "model_e7", name: "E7", type: "model")]
        let hot = m.score(ProfileSignals.derive(profile: lead, programs: programs, context: c)).probability
        let cold = m.score(ProfileSignals.derive(profile: owner, programs: programs, context: context([("hi", nil, nil)], customer: owner))).probability
        XCTAssertGreaterThan(hot, 0.6)
        XCTAssertLessThan(cold, 0.3)
    }
}
