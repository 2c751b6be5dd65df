import XCTest
@testable import Engine

final class SessionStoreTests: XCTestCase {
    func testSessionsExpireAndTheOldestAreDroppedOverCapacity() {
        let store = SessionStore(ttl: 60, capacity: 10)
        store.update("a", now: 0) { $0.record([("model_e7", "model")]) }
        XCTAssertEqual(store.context("a", now: 59).entities.map(\.id), ["model_e7"])
        XCTAssertTrue(store.context("a", now: 61).entities.isEmpty, "expired after the ttl")
        store.update("a", now: 61) { $0.record([]) }
        XCTAssertEqual(store.context("a", now: 61).turns, 1, "an expired session starts again")
        for i in 0..<20 { store.update("s\(i)", now: 100 + Double(i)) { $0.record([]) } }
        XCTAssertLessThanOrEqual(store.count, 10)
        XCTAssertEqual(store.context("s19", now: 120).turns, 1, "the newest sessions are kept")
    }

    func testCarriedEntitiesAreTheNewestOfEachTypeNotNamedAgain() {
        var c = SessionContext()
        c.record([("model_e7", "model"), ("city_bj", "city")])
        c.record([("model_e9", "model")])
        let types = ["model_e7": "model", "model_e9": "model", "city_bj": "city", "city_sh": "city"]
        XCTAssertEqual(c.carried(into: [], types: types).map(\.id), ["model_e9", "city_bj"])
        XCTAssertEqual(c.carried(into: ["city_sh"], types: types).map(\.id), ["model_e9"])
    }
}
