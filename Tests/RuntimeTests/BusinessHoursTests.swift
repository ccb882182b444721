import Foundation
import RevenueCore
import Testing
@testable import Runtime

/// A transfer rings the client only while its business hours (its own zone) are open.
@Suite struct BusinessHoursTests {
    static let hours = SendWindow(days: [.mon, .tue, .wed, .thu, .fri], startMinute: 9 * 60, endMinute: 18 * 60)

    @Test(arguments: [
        (1_772_463_600.0, true),   // Monday 2 March 2026, 10:00 New York
        (1_772_492_400.0, false),  // Monday 18:00: closed (the end is exclusive)
        (1_772_460_000.0, true),   // Monday 09:00: open (the start is inclusive)
        (1_772_456_400.0, false),  // Monday 08:00
        (1_772_895_600.0, false),  // Saturday 7 March, 10:00
    ])
    func newYorkOffice(_ epoch: Double, _ open: Bool) {
        #expect(RuntimeEventSink.isOpen(Self.hours, zone: "America/New_York", at: Date(timeIntervalSince1970: epoch)) == open)
    }

    @Test func noHoursMeansAlwaysOpenAndTheZoneCounts() {
        #expect(RuntimeEventSink.isOpen(nil, zone: "America/New_York", at: Date(timeIntervalSince1970: 0)))
        // 10:00 in New York is 07:00 in Los Angeles: that office is still closed.
        #expect(!RuntimeEventSink.isOpen(Self.hours, zone: "America/Los_Angeles", at: Date(timeIntervalSince1970: 1_772_463_600)))
    }
}
