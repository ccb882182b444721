import Foundation
import Runtime
import Testing

/// When a lead asks to be called back, in the words people use on the phone (Spanish and English).
@Suite struct CallbackTimeTests {
    static let zone = TimeZone(identifier: "America/New_York")!
    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }
    /// Monday 2 March 2026, 10:20 in New York.
    static let now = local(2, 10, 20)
    static func local(_ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        calendar.date(from: DateComponents(year: 2026, month: 3, day: day, hour: hour, minute: minute))!
    }

    @Test(arguments: [
        ("mañana a las 3", local(3, 15)),
        ("Mañana a las tres de la tarde", local(3, 15)),
        ("at 5 pm", local(2, 17)),
        ("call me back at 5pm please", local(2, 17)),
        ("at 11", local(2, 11)),
        ("a las 10 de la mañana", local(3, 10)),
        ("a las 4 y media", local(2, 16, 30)),
        ("tomorrow at 9 am", local(3, 9)),
        ("tomorrow", local(3, 10)),
        ("pasado mañana a las 2", local(4, 14)),
        ("en una hora", now.addingTimeInterval(3600)),
        ("in 2 hours", now.addingTimeInterval(7200)),
        ("en media hora", now.addingTimeInterval(1800)),
        ("in 30 minutes", now.addingTimeInterval(1800)),
    ] as [(String, Date)])
    func understood(_ speech: String, _ expected: Date) {
        #expect(CallbackTime.parse(speech, now: Self.now, zone: Self.zone) == expected)
    }

    @Test(arguments: ["más tarde", "later", "", "luego, por favor", "in the afternoon"])
    func notUnderstoodFallsBackToTheDefault(_ speech: String) {
        #expect(CallbackTime.parse(speech, now: Self.now, zone: Self.zone) == nil)
    }
}
