import Assist
import XCTest

final class ConditionTests: XCTestCase {
    func env(_ pairs: [ConditionVariable: ConditionValue]) -> ConditionEnvironment { ConditionEnvironment(pairs) }

    func testAndBindsTighterThanOr() throws {
        let c = try CampaignCondition.parse("vehicle.model == 'E7' or vehicle.model == 'L5' and vehicle.age_years > 3")
        guard case .or(_, .and) = c else { return XCTFail("expected a or (b and c), got \(c)") }
        XCTAssertTrue(c.evaluate(env([.vehicleModel: .string("E7"), .vehicleAgeYears: .number(1)])))
        XCTAssertFalse(c.evaluate(env([.vehicleModel: .string("L5"), .vehicleAgeYears: .number(1)])))
    }

    func testParenthesesAndNot() throws {
        let c = try CampaignCondition.parse("not (customer.tags contains 'order_pending') and (now.month >= 11 or now.month <= 2)")
        XCTAssertTrue(c.evaluate(env([.customerTags: .list([]), .nowMonth: .number(12)])))
        XCTAssertFalse(c.evaluate(env([.customerTags: .list(["order_pending"]), .nowMonth: .number(12)])))
        XCTAssertFalse(c.evaluate(env([.customerTags: .list([]), .nowMonth: .number(6)])))
        // not binds tighter than and
        let d = try CampaignCondition.parse("not vehicle.in_warranty and true")
        guard case .and(.not, _) = d else { return XCTFail("expected (not a) and b, got \(d)") }
    }

    func testMembershipAndContains() throws {
        let c = try CampaignCondition.parse("vehicle.model in ['L5','X5', 'E9'] and conversation.intents contains 'financing'")
        XCTAssertTrue(c.evaluate(env([.vehicleModel: .string("X5"), .conversationIntents: .list(["greeting", "financing"])])))
        XCTAssertFalse(c.evaluate(env([.vehicleModel: .string("L3"), .conversationIntents: .list(["financing"])])))
    }

    func testNumbersAndBooleans() throws {
        let c = try CampaignCondition.parse("vehicle.km_to_service < -1.5 and vehicle.in_warranty == true and purchase_intent >= .6")
        XCTAssertTrue(c.evaluate(env([.vehicleKmToService: .number(-200), .vehicleInWarranty: .bool(true), .purchaseIntent: .number(0.7)])))
        XCTAssertFalse(c.evaluate(env([.vehicleKmToService: .number(-200), .vehicleInWarranty: .bool(false), .purchaseIntent: .number(0.7)])))
        XCTAssertTrue(try CampaignCondition.parse("conversation.complained").evaluate(env([.conversationComplained: .bool(true)])))
    }

    func testMissingValuesAreFalseNeverCrash() throws {
        let empty = ConditionEnvironment()
        for source in ["vehicle.age_years >= 3", "vehicle.powertrain != 'ev'", "vehicle.model in ['E7']",
                       "customer.tags contains 'vip'", "vehicle.in_warranty", "vehicle.in_warranty == false"] {
            XCTAssertFalse(try CampaignCondition.parse(source).evaluate(empty), source)
        }
        XCTAssertTrue(try CampaignCondition.parse("not (vehicle.age_years >= 3)").evaluate(empty))
    }

    func testErrorsCarryOffsets() {
        func error(_ s: String) -> ConditionError? {
            do { _ = try CampaignCondition.parse(s); return nil } catch { return error }
        }
        XCTAssertEqual(error("vehicle.colour == 'red'"), ConditionError(offset: 0, "unknown variable 'vehicle.colour'"))
        XCTAssertEqual(error("vehicle.age_years >= 3 and vehicle.age_years >= ")?.offset, 48)
        XCTAssertEqual(error("vehicle.age_years >= 3 and vehicle.age_years >= ")?.message, "expected a value after '>=', found 'end of condition'")
        XCTAssertEqual(error("(vehicle.age_years >= 3")?.offset, 23)
        XCTAssertEqual(error("vehicle.model == 'E7")?.offset, 17)
        XCTAssertEqual(error("vehicle.model = 'E7'")?.offset, 14)
        XCTAssertEqual(error("vehicle.model == 3")?.offset, 17)
        XCTAssertEqual(error("conversation.intents == 'x'")?.offset, 0)
        XCTAssertEqual(error("vehicle.model in ['E7' 'E9']")?.offset, 23)
        XCTAssertEqual(error("vehicle.age_years >= 3 and")?.offset, 26)
        XCTAssertEqual(error("")?.message, "empty condition")
        XCTAssertEqual(error("vehicle.age_years >= 3 vehicle.model == 'E7'")?.offset, 23)
        XCTAssertEqual(ConditionError(offset: 27, "expected a value after '>='").description, "offset 27: expected a value after '>='")
    }

    func testEveryVariableParses() throws {
        for v in ConditionVariable.allCases {
            let source: String
            switch v.type {
            case .list: source = "\(v.rawValue) contains 'x'"
            case .number: source = "\(v.rawValue) >= 1"
            case .bool: source = "\(v.rawValue) == true"
            case .string: source = "\(v.rawValue) == 'x'"
            }
            XCTAssertNoThrow(try CampaignCondition.parse(source), source)
        }
    }

    func testExplainListsOnlyHeldBranches() throws {
        let c = try CampaignCondition.parse("vehicle.model == 'E7' and (conversation.intents contains 'charging_problem' or conversation.intents contains 'ota_update')")
        let e = env([.vehicleModel: .string("E7"), .conversationIntents: .list(["ota_update"])])
        XCTAssertEqual(c.explain(e).map(\.text), ["vehicle.model == 'E7'", "conversation.intents contains 'ota_update'"])
        XCTAssertEqual(c.explain(env([.vehicleModel: .string("L3")])), [])
        XCTAssertEqual(c.clauses(e).map(\.held), [true, false, true])
    }

    func testShippedCampaignConditionsParse() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Knowledge/campaigns/campaigns.jsonl")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw XCTSkip("no \(url.path)") }
        for line in text.split(separator: "\n") {
            let c = try JSONDecoder().decode(CampaignStub.self, from: Data(line.utf8))
            XCTAssertNoThrow(try CampaignCondition.parse(c.condition), c.id)
        }
    }

    struct CampaignStub: Decodable { var id: String; var condition: String }
}
