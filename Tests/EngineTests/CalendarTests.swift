import Engine
import Foundation
import Testing

@Suite("Civil calendar, holidays and zones")
struct CalendarTests {
    @Test func dayNumbersRoundTripAndWeekdays() {
        #expect(CivilCalendar.day(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.isoWeekday(ofDay: 0) == 4)  // Thursday
        let d = CivilCalendar.day(year: 2026, month: 12, day: 1)
        #expect(CivilCalendar.isoWeekday(ofDay: d) == 2)  // Tuesday
        for day in stride(from: -1000, to: 80_000, by: 37) {
            let (y, m, dd) = CivilCalendar.date(ofDay: day)
            #expect(CivilCalendar.day(year: y, month: m, day: dd) == day)
        }
    }

    @Test(arguments: [
        (2026, 11, 26, true),   // Thanksgiving
        (2026, 7, 3, true),     // Independence Day on a Saturday → observed Friday
        (2026, 7, 4, false),
        (2027, 12, 24, true),   // Christmas on a Saturday → Friday
        (2027, 12, 31, true),   // New Year's Day 2028 on a Saturday → observed Dec 31
        (2027, 1, 18, true),    // MLK: third Monday of January
        (2026, 5, 25, true),    // Memorial Day: last Monday of May
        (2026, 6, 19, true),    // Juneteenth
        (2020, 6, 19, false),   // before Juneteenth was a federal holiday
        (2027, 7, 5, true),     // July 4 2027 is a Sunday → Monday
        (2026, 10, 12, true),   // Columbus Day
        (2026, 11, 11, true),   // Veterans Day
        (2026, 12, 2, false),
    ])
    func federalHolidays(year: Int, month: Int, day: Int, holiday: Bool) {
        #expect(USFederalHolidays.isHoliday(day: CivilCalendar.day(year: year, month: month, day: day)) == holiday)
    }

    @Test func businessDaysSkipWeekendsAndHolidays() {
        let wed = CivilCalendar.day(year: 2026, month: 11, day: 25)
        // Thu 26 Thanksgiving, Sat/Sun → Fri 27 then Mon 30.
        #expect(USFederalHolidays.addingBusinessDays(1, to: wed) == wed + 2)
        #expect(USFederalHolidays.addingBusinessDays(2, to: wed) == wed + 5)
        let fri = CivilCalendar.day(year: 2026, month: 12, day: 4)
        #expect(USFederalHolidays.addingBusinessDays(1, to: fri) == fri + 3)
    }

    @Test(arguments: ["America/New_York", "America/Phoenix", "Pacific/Honolulu", "America/Puerto_Rico", "America/Anchorage", "America/Mexico_City", "America/Los_Angeles"])
    func zoneRulesMatchFoundation(zone: String) {
        let rules = ZoneRules(identifier: zone)!
        let tz = TimeZone(identifier: zone)!
        var rng = SplitMix64(seed: 7)
        for _ in 0..<2000 {
            let t = 1_700_000_000 + rng.below(400_000_000)
            #expect(rules.offset(at: t) == tz.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t))))
        }
    }

    @Test func arizonaAndPuertoRicoHaveNoDST() {
        let az = ZoneRules(identifier: "America/Phoenix")!
        let pr = ZoneRules(identifier: "America/Puerto_Rico")!
        let jan = Fixture.utc(2026, 1, 15, 12, zone: "UTC"), jul = Fixture.utc(2026, 7, 15, 12, zone: "UTC")
        #expect(az.offset(at: jan) == -7 * 3600 && az.offset(at: jul) == -7 * 3600)
        #expect(pr.offset(at: jan) == -4 * 3600 && pr.offset(at: jul) == -4 * 3600)
    }
}
