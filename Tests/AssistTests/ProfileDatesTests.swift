import Foundation
import XCTest
@testable import Assist

/// The month and hour counted from the seconds since 1970 are the UTC calendar's.
final class ProfileDatesTests: XCTestCase {
    func testMonthAndHourAgreeWithTheUTCCalendar() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var dates: [Date] = [-86_401, -86_400, -3_601, -1, 0, 1, 3_599, 3_600, 86_399, 86_400, 951_782_400, 951_868_800, 4_107_542_400]
            .map { Date(timeIntervalSince1970: $0) }
        // Leap days and month ends of 1900, 2000, 2024 and 2100 (not a leap year), each second either side of midnight.
        for (y, m, d) in [(1900, 2, 28), (1900, 3, 1), (2000, 2, 29), (2024, 2, 29), (2024, 12, 31), (2100, 2, 28), (2100, 3, 1)] {
            guard let day = ProfileDates.day(String(format: "%04d-%02d-%02d", y, m, d)) else { return XCTFail("\(y)-\(m)-\(d)") }
            dates += [day.addingTimeInterval(-1), day, day.addingTimeInterval(0.5), day.addingTimeInterval(86_399.9)]
        }
        for _ in 0..<5_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit = Double(state >> 11) / Double(1 << 53)
            dates.append(Date(timeIntervalSince1970: -12_000_000_000 + unit * 27_000_000_000))
        }
        for date in dates {
            let c = ProfileDates.utc.dateComponents([.month, .hour], from: date)
            let got = ProfileDates.monthAndHour(date)
            XCTAssertEqual(got.month, c.month, "\(date)")
            XCTAssertEqual(got.hour, c.hour, "\(date)")
        }
    }
}
