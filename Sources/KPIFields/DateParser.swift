// Dates as CSV exports write them (SPEC 4.2), parsed by hand from the field's bytes (no DateFormatter).
//
// Default (`DateFormat.iso`):
//   YYYY-MM-DD
//   YYYY-MM-DDTHH:MM[:SS[.fraction]][Z|±HH:MM|±HHMM|±HH]     (`T` or `t`; `,` also starts a fraction)
//   YYYY-MM-DD HH:MM[:SS[.fraction]][Z|±HH:MM|±HHMM|±HH]
// The row's date is the date as written: an offset is checked for form and then ignored. The time of
// day is kept to the millisecond (further fraction digits are dropped) for `last` ordering.
//
// `date_format` patterns: `%Y` 4-digit year, `%y` 2-digit year (00–68 → 20xx, 69–99 → 19xx), `%m`
// month, `%d` day, `%H` `%M` `%S` 24-hour time, `%b` English month name (`Jan`…`Dec`, full names,
// `Sept`; any case), `%a` English weekday name (`Sun`…`Sat` or full, any case; read, not checked
// against the date), `%%` a percent sign; any other character must match itself exactly.
// `%m %d %H %M %S` take one or two digits, or exactly two when another numeric directive follows
// directly (`%Y%m%d`). Without `%d` the date is the first of the month (`%Y-%m`).
// Both forms trim surrounding spaces, tabs and NBSP, and return nil for trailing text or an
// impossible date or time (2026-02-30, month 13, 24:00).

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
    /// The `date_format` pattern; nil for the ISO forms. Setting an invalid pattern makes every parse fail.
    public var pattern: String? {
        didSet { layout = DateFormat.layout(for: pattern) }
    }

    /// The pattern compiled once, so parsing a field never looks at the pattern text.
    private var layout: DateLayout

    /// `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.f]][Z|±HH:MM]`, `YYYY-MM-DD HH:MM[:SS]`.
    public static let iso = DateFormat(validated: nil)

    init(validated pattern: String?) {
        self.pattern = pattern
        self.layout = DateFormat.layout(for: pattern)
    }

    /// Validates `%Y %y %m %d %b %a %H %M %S`, `%%` and literals; needs a year and a month, each directive once.
    public init(pattern: String) throws(DateFormatError) {
        let steps = try DatePattern.compile(pattern)
        self.pattern = pattern
        self.layout = .custom(steps)
    }

    private static func layout(for pattern: String?) -> DateLayout {
        guard let pattern else { return .iso }
        do { return .custom(try DatePattern.compile(pattern)) } catch { return .invalid }
    }

    public func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ParsedDate? {
        let field = ByteText.trimmed(bytes)
        switch layout {
        case .iso:
            var reader = ISODateReader(field)
            return reader.read()
        case .custom(let steps):
            var reader = PatternDateReader(field)
            return reader.read(steps)
        case .invalid: return nil
        }
    }

    public func parse(_ text: String) -> ParsedDate? {
        var t = text
        return t.withUTF8 { parse($0) }
    }
}

enum DateLayout: Sendable, Hashable {
    case iso
    case custom([DateStep])
    case invalid
}

/// The parts of a date or time a pattern can carry.
enum DateField: Sendable, Hashable {
    case year4, year2, month, day, hour, minute, second
}

/// One compiled piece of a `date_format` pattern.
enum DateStep: Sendable, Hashable {
    case literal(UInt8)
    case number(DateField, minDigits: Int, maxDigits: Int)
    case monthName
    case weekdayName
}

enum DatePattern {
    /// Turns a pattern into steps, with the error offset counted in characters.
    static func compile(_ pattern: String) throws(DateFormatError) -> [DateStep] {
        let chars = Array(pattern)
        var steps: [DateStep] = []
        var seen: [String: Int] = [:]
        var index = 0
        while index < chars.count {
            let c = chars[index]
            guard c == "%" else {
                steps.append(contentsOf: c.utf8.map { DateStep.literal($0) })
                index += 1
                continue
            }
            guard index + 1 < chars.count else {
                throw DateFormatError(message: "date_format ends with a lone %; write %% for a percent sign", offset: index)
            }
            let directive = chars[index + 1]
            if directive == "%" {
                steps.append(.literal(UInt8(ascii: "%")))
            } else {
                guard let (step, part) = step(for: directive) else {
                    throw DateFormatError(
                        message: "date_format has unknown directive %\(directive); use %Y %y %m %d %b %a %H %M %S or %%",
                        offset: index)
                }
                if let first = seen[part] {
                    throw DateFormatError(
                        message: "date_format gives the \(part) twice (%\(chars[first + 1]) and %\(directive))",
                        offset: index)
                }
                seen[part] = index
                steps.append(step)
            }
            index += 2
        }
        guard seen["year"] != nil else {
            throw DateFormatError(message: "date_format needs a year (%Y or %y)", offset: 0)
        }
        guard seen["month"] != nil else {
            throw DateFormatError(message: "date_format needs a month (%m or %b)", offset: 0)
        }
        return fixWidths(steps)
    }

    /// The step for a directive letter, and the date part it fills (for duplicate checks).
    static func step(for directive: Character) -> (DateStep, String)? {
        switch directive {
        case "Y": return (.number(.year4, minDigits: 4, maxDigits: 4), "year")
        case "y": return (.number(.year2, minDigits: 2, maxDigits: 2), "year")
        case "m": return (.number(.month, minDigits: 1, maxDigits: 2), "month")
        case "b": return (.monthName, "month")
        case "a": return (.weekdayName, "weekday")
        case "d": return (.number(.day, minDigits: 1, maxDigits: 2), "day")
        case "H": return (.number(.hour, minDigits: 1, maxDigits: 2), "hour")
        case "M": return (.number(.minute, minDigits: 1, maxDigits: 2), "minute")
        case "S": return (.number(.second, minDigits: 1, maxDigits: 2), "second")
        default: return nil
        }
    }

    /// A one-or-two-digit field directly followed by another number takes exactly two digits (`%Y%m%d`).
    static func fixWidths(_ steps: [DateStep]) -> [DateStep] {
        var out = steps
        for k in 0..<out.count {
            guard case .number(let field, 1, 2) = out[k], k + 1 < out.count,
                  case .number = out[k + 1] else { continue }
            out[k] = .number(field, minDigits: 2, maxDigits: 2)
        }
        return out
    }
}

/// Calendar and clock parts as read, checked together at the end.
struct DateParts {
    var year = -1, month = -1, day = 1
    var hour = 0, minute = 0, second = 0, millisecond = 0
    var hasTime = false

    func parsedDate() -> ParsedDate? {
        guard hour < 24, minute < 60, second < 60,
              let date = Day(year: year, month: month, day: day) else { return nil }
        guard hasTime else { return ParsedDate(day: date) }
        let ms = ((hour * 60 + minute) * 60 + second) * 1000 + millisecond
        return ParsedDate(day: date, timeOfDay: Int32(ms))
    }
}

/// Reads a field by a compiled pattern.
struct PatternDateReader {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0

    init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

    mutating func read(_ steps: [DateStep]) -> ParsedDate? {
        var parts = DateParts()
        for step in steps {
            switch step {
            case .literal(let c):
                guard i < b.count, b[i] == c else { return nil }
                i += 1
            case .number(let field, let minDigits, let maxDigits):
                guard let v = number(minDigits: minDigits, maxDigits: maxDigits) else { return nil }
                store(v, field, into: &parts)
            case .monthName:
                guard let m = monthName() else { return nil }
                parts.month = m
            case .weekdayName:
                guard weekdayName() else { return nil }
            }
        }
        guard i == b.count else { return nil }
        return parts.parsedDate()
    }

    func store(_ v: Int, _ field: DateField, into parts: inout DateParts) {
        switch field {
        case .year4: parts.year = v
        case .year2: parts.year = v <= 68 ? 2000 + v : 1900 + v
        case .month: parts.month = v
        case .day: parts.day = v
        case .hour: parts.hour = v; parts.hasTime = true
        case .minute: parts.minute = v; parts.hasTime = true
        case .second: parts.second = v; parts.hasTime = true
        }
    }

    /// Up to `maxDigits` digits, greedily; nil below `minDigits`.
    mutating func number(minDigits: Int, maxDigits: Int) -> Int? {
        var v = 0, n = 0
        while n < maxDigits, i < b.count, b[i] &- 48 < 10 {
            v = v * 10 + Int(b[i] &- 48); i += 1; n += 1
        }
        return n >= minDigits ? v : nil
    }

    /// An English month name: three-letter abbreviation, full name or `Sept`, any case. 1…12.
    mutating func monthName() -> Int? {
        let start = i
        while i < b.count, isASCIILetter(b[i]) { i += 1 }
        let length = i - start
        for (index, name) in MonthNames.full.enumerated() {
            let fits = length == 3 || length == name.count || (index == 8 && length == 4)
            guard fits, length <= name.count else { continue }
            var same = true
            for k in 0..<length where b[start + k] | 0x20 != name[k] { same = false; break }
            if same { return index + 1 }
        }
        return nil
    }

    /// An English weekday name, abbreviated (`Sun`) or full (`Sunday`), any case: read, not checked against the date.
    mutating func weekdayName() -> Bool {
        let start = i
        while i < b.count, isASCIILetter(b[i]) { i += 1 }
        let length = i - start
        for name in MonthNames.weekdays where length == 3 || length == name.count {
            guard length <= name.count else { continue }
            var same = true
            for k in 0..<length where b[start + k] | 0x20 != name[k] { same = false; break }
            if same { return true }
        }
        return false
    }

    @inline(__always) func isASCIILetter(_ c: UInt8) -> Bool { (c | 0x20) &- 97 < 26 }
}

enum MonthNames {
    /// Lower-case English month names, as bytes.
    static let full: [[UInt8]] = [
        "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december",
    ].map { Array($0.utf8) }
    /// Lower-case English weekday names, as bytes.
    static let weekdays: [[UInt8]] = [
        "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    ].map { Array($0.utf8) }
}

/// Reads the ISO forms at fixed positions.
struct ISODateReader {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0

    init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

    mutating func read() -> ParsedDate? {
        var parts = DateParts()
        guard let y = digits(4), byte(UInt8(ascii: "-")), let m = digits(2),
              byte(UInt8(ascii: "-")), let d = digits(2) else { return nil }
        parts.year = y; parts.month = m; parts.day = d
        if i < b.count {
            let sep = b[i]
            guard sep == UInt8(ascii: "T") || sep == UInt8(ascii: "t") || sep == UInt8(ascii: " ") else { return nil }
            i += 1
            guard time(into: &parts), offset(), i == b.count else { return nil }
        }
        return parts.parsedDate()
    }

    /// `HH:MM[:SS[.fraction]]`.
    mutating func time(into parts: inout DateParts) -> Bool {
        guard let h = digits(2), byte(UInt8(ascii: ":")), let mi = digits(2) else { return false }
        parts.hour = h; parts.minute = mi; parts.hasTime = true
        guard byte(UInt8(ascii: ":")) else { return true }
        guard let s = digits(2) else { return false }
        parts.second = s
        guard byte(UInt8(ascii: ".")) || byte(UInt8(ascii: ",")) else { return true }
        var ms = 0, n = 0
        while i < b.count, b[i] &- 48 < 10 {
            if n < 3 { ms = ms * 10 + Int(b[i] &- 48) }
            i += 1; n += 1
        }
        guard n > 0 else { return false }
        for _ in n..<max(n, 3) { ms *= 10 }
        parts.millisecond = ms
        return true
    }

    /// Nothing, `Z`, or `±HH[[:]MM]` with a real hour and minute. Its value is ignored.
    mutating func offset() -> Bool {
        guard i < b.count else { return true }
        if byte(UInt8(ascii: "Z")) || byte(UInt8(ascii: "z")) { return true }
        guard byte(UInt8(ascii: "+")) || byte(UInt8(ascii: "-")) else { return false }
        guard let h = digits(2), h <= 23 else { return false }
        guard i < b.count else { return true }
        _ = byte(UInt8(ascii: ":"))
        guard let m = digits(2), m <= 59 else { return false }
        return true
    }

    /// Exactly `count` digits.
    @inline(__always) mutating func digits(_ count: Int) -> Int? {
        guard i + count <= b.count else { return nil }
        var v = 0
        for k in 0..<count {
            let d = b[i + k] &- 48
            guard d < 10 else { return nil }
            v = v * 10 + Int(d)
        }
        i += count
        return v
    }

    /// Consumes `c` when it is next.
    @inline(__always) mutating func byte(_ c: UInt8) -> Bool {
        guard i < b.count, b[i] == c else { return false }
        i += 1
        return true
    }
}
