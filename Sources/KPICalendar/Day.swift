/// A proleptic Gregorian date as a day number (days since 1970-01-01).
/// All calendar arithmetic is on day numbers: no time zones, no Foundation dates.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var number: Int32

    @inlinable public init(number: Int32) { self.number = number }

    /// Nil when the components do not name a real date (e.g. 2026-02-30).
    @inlinable public init?(year: Int, month: Int, day: Int) {
        guard month >= 1, month <= 12, day >= 1, day <= Day.daysIn(year: year, month: month) else { return nil }
        self.number = Int32(Day.daysFromCivil(year, month, day))
    }

    @inlinable public static func < (a: Day, b: Day) -> Bool { a.number < b.number }

    @inlinable public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    @inlinable public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's days_from_civil.
    @inlinable public static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// (year, month, day) of this date.
    @inlinable public var components: (year: Int, month: Int, day: Int) {
        let z = Int(number) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }

    /// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
    @inlinable public var weekday: Int {
        let w = (Int(number) + 3) % 7
        return w < 0 ? w + 7 : w
    }

    @inlinable public func adding(days: Int) -> Day { Day(number: number + Int32(days)) }

    /// Days from `self` to `other` (positive when other is later).
    @inlinable public func distance(to other: Day) -> Int { Int(other.number - number) }

    /// `YYYY-MM-DD`.
    public var description: String {
        let c = components
        return Day.pad(c.year, 4) + "-" + Day.pad(c.month, 2) + "-" + Day.pad(c.day, 2)
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// Parses exactly `YYYY-MM-DD`.
    public static func parse(_ text: String) -> Day? {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { let c = u[i]; guard c >= 48, c <= 57 else { return nil }; v = v * 10 + Int(c - 48) }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
        return Day(year: y, month: m, day: d)
    }
}
