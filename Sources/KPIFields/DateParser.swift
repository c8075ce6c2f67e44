import KPICalendar

/// A row's date, and its time of day when the field carries one (for `last`: the latest timestamp of a day).
public struct ParsedDate: Sendable, Hashable {
    public var day: Day
    /// Milliseconds since midnight as written (offsets ignored), or -1 when the field has no time.
    public var timeOfDay: Int32
    public init(day: Day, timeOfDay: Int32 = -1) { self.day = day; self.timeOfDay = timeOfDay }
}

public struct DateFormatError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// 0-based character offset in the pattern.
    public var offset: Int
    public init(message: String, offset: Int) { self.message = message; self.offset = offset }
    public var description: String { message }
}

/// How a source writes its dates: the default ISO forms, or a `date_format` pattern (SPEC 4.2).
/// Parsed by hand from the bytes: no DateFormatter.
public struct DateFormat: Sendable, Hashable {
    public var pattern: String?

    /// `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.f]][Z|±HH:MM]`, `YYYY-MM-DD HH:MM[:SS]`.
    public static let iso = DateFormat(validated: nil)

    init(validated pattern: String?) { self.pattern = pattern }

    /// TEMPORARY: accepts any pattern; the fields work validates `%Y %y %m %d %b %H %M %S` and literals.
    public init(pattern: String) throws(DateFormatError) { self.pattern = pattern }

    /// TEMPORARY naive implementation (ISO date prefix only); the fields work replaces the body.
    public func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ParsedDate? {
        guard bytes.count >= 10 else { return nil }
        let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<10]), as: UTF8.self)
        return Day.parse(s).map { ParsedDate(day: $0) }
    }

    public func parse(_ text: String) -> ParsedDate? {
        var t = text
        return t.withUTF8 { parse($0) }
    }
}
