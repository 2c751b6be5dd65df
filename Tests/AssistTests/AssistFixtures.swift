import Foundation
import KnowledgeModel

/// Fixtures shared by the assist tests: a fixed "now" and two vehicle programs.
enum AssistFixtures {
    /// 2026-11-25 02:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_795_572_000)

    static let programs = [
        VehicleProgram(model: "L5", powertrain: "fuel", serviceIntervalKm: 10000, serviceIntervalMonths: 12,
                       firstServiceKm: 5000, firstServiceMonths: 6, warrantyYears: 4, warrantyKm: 120000),
        VehicleProgram(model: "E7", powertrain: "ev", serviceIntervalKm: 20000, serviceIntervalMonths: 24,
                       firstServiceKm: 5000, firstServiceMonths: 6, warrantyYears: 4, warrantyKm: 120000),
    ]
}
