#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// "Yesterday, local time" without DateFormatter.
public enum Clock {
    public static func yesterday() -> Day {
        var t = time(nil)
        var tmv = tm()
        localtime_r(&t, &tmv)
        let today = Day(year: Int(tmv.tm_year) + 1900, month: Int(tmv.tm_mon) + 1, day: Int(tmv.tm_mday)) ?? Day(number: 0)
        return today.adding(days: -1)
    }
}
