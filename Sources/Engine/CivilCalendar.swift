/// Proleptic Gregorian date arithmetic on day numbers (days since 1970-01-01), without Foundation's
/// `Calendar`: the hot path of the scheduler and simulator calls this millions of times.
public enum CivilCalendar {
    /// Seconds in a day.
    public static let secondsPerDay = 86_400

    /// The day number of a civil date (Howard Hinnant's `days_from_civil`).
    public static func day(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day number (`civil_from_days`).
    public static func date(ofDay z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// ISO weekday of a day number: Monday 1 … Sunday 7 (1970-01-01 was a Thursday).
    @inline(__always)
    public static func isoWeekday(ofDay day: Int) -> Int {
        let r = (day + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }

    /// Floor division of seconds into a day number.
    @inline(__always)
    public static func dayNumber(ofSeconds s: Int) -> Int {
        s >= 0 ? s / secondsPerDay : (s - secondsPerDay + 1) / secondsPerDay
    }

    /// The `n`th (1-based) `isoWeekday` of a month, or the last one when `n` is 0.
    public static func nthWeekday(_ n: Int, isoWeekday wd: Int, year: Int, month: Int) -> Int {
        if n == 0 {
            let nextMonth = month == 12 ? day(year: year + 1, month: 1, day: 1) : day(year: year, month: month + 1, day: 1)
            let last = nextMonth - 1
            return last - (isoWeekday(ofDay: last) - wd + 7) % 7
        }
        let first = day(year: year, month: month, day: 1)
        return first + (wd - isoWeekday(ofDay: first) + 7) % 7 + (n - 1) * 7
    }
}
