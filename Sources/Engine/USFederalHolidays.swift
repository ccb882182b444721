/// US federal holidays (5 U.S.C. 6103) computed by rule, with the observed day when one falls on a
/// weekend (Saturday → the Friday before, Sunday → the Monday after).
public enum USFederalHolidays {
    /// Observed holiday day numbers for 1990–2150, computed once.
    private static let observed: Set<Int> = {
        var days = Set<Int>()
        for year in 1990...2150 { for d in observedDays(year: year) { days.insert(d) } }
        return days
    }()

    /// Whether `day` (days since 1970-01-01) is an observed federal holiday.
    public static func isHoliday(day: Int) -> Bool { observed.contains(day) }

    /// Whether `day` is a business day: Monday–Friday and not an observed federal holiday.
    public static func isBusinessDay(_ day: Int) -> Bool {
        CivilCalendar.isoWeekday(ofDay: day) <= 5 && !observed.contains(day)
    }

    /// The holidays of `year` as (name, actual day), before moving weekend dates.
    public static func holidays(year: Int) -> [(name: String, day: Int)] {
        let c = CivilCalendar.self
        var list: [(String, Int)] = [
            ("New Year's Day", c.day(year: year, month: 1, day: 1)),
            ("Birthday of Martin Luther King, Jr.", c.nthWeekday(3, isoWeekday: 1, year: year, month: 1)),
            ("Washington's Birthday", c.nthWeekday(3, isoWeekday: 1, year: year, month: 2)),
            ("Memorial Day", c.nthWeekday(0, isoWeekday: 1, year: year, month: 5)),
            ("Independence Day", c.day(year: year, month: 7, day: 4)),
            ("Labor Day", c.nthWeekday(1, isoWeekday: 1, year: year, month: 9)),
            ("Columbus Day", c.nthWeekday(2, isoWeekday: 1, year: year, month: 10)),
            ("Veterans Day", c.day(year: year, month: 11, day: 11)),
            ("Thanksgiving Day", c.nthWeekday(4, isoWeekday: 4, year: year, month: 11)),
            ("Christmas Day", c.day(year: year, month: 12, day: 25)),
        ]
        if year >= 2021 { list.insert(("Juneteenth National Independence Day", c.day(year: year, month: 6, day: 19)), at: 4) }
        return list
    }

    /// The observed days of `year`'s holidays (New Year's Day on a Saturday is observed on Dec 31 before).
    public static func observedDays(year: Int) -> [Int] {
        holidays(year: year).map { holiday in
            switch CivilCalendar.isoWeekday(ofDay: holiday.day) {
            case 6: holiday.day - 1
            case 7: holiday.day + 1
            default: holiday.day
            }
        }
    }

    /// The day `count` business days after `day` (0 → `day` itself).
    public static func addingBusinessDays(_ count: Int, to day: Int) -> Int {
        var d = day
        var left = count
        while left > 0 {
            d += 1
            if isBusinessDay(d) { left -= 1 }
        }
        return d
    }
}
