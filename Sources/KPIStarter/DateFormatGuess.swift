import KPICalendar
import KPIFields

/// A date column's proposed `date_format`, with the reason a reader of the config needs to check it.
struct DateFormatGuess {
    /// nil: the default ISO forms, so no `date_format` key.
    var pattern: String?
    var explanation: String
}

/// Tries the formats exports use on a column's sample values (SPEC 4.2); the first that reads every
/// value as a plausible date wins, and day-first versus month-first is decided by values above 12.
enum DateFormatGuesser {
    /// Base patterns in order of preference; each is also tried with a time of day after it.
    static let patterns: [String] = [
        "%d/%m/%Y", "%m/%d/%Y", "%d/%m/%y", "%m/%d/%y", "%d.%m.%Y", "%d.%m.%y", "%d-%m-%Y",
        "%Y%m%d", "%Y/%m/%d", "%d-%b-%Y", "%d-%b-%y", "%d %b %Y", "%Y-%m",
    ]
    static let timeSuffixes = ["", " %H:%M", " %H:%M:%S"]
    static let plausibleYears = 1970...2100

    static func guess(values: [String]) -> DateFormatGuess? {
        let sample = values.map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        guard !sample.isEmpty else { return nil }
        // `Sun, 05-Jan-2020`: a weekday name first (`%a`, read and not checked): guess the rest, then put it back.
        if let (prefix, rest) = withoutWeekday(sample) {
            guard let inner = guess(values: rest) else { return nil }
            let pattern = prefix + (inner.pattern ?? "%Y-%m-%d")
            guard let format = try? DateFormat(pattern: pattern), readsAll(sample, with: format) else { return nil }
            let innerReason = inner.pattern.map { inner.explanation.replacingOccurrences(of: "date_format \($0): ", with: "") } ?? "an ISO date"
            return DateFormatGuess(pattern: pattern,
                                   explanation: "date_format \(pattern): a weekday name first (%a, not checked against the date), then \(innerReason)")
        }
        if readsAll(sample, with: .iso) {
            return DateFormatGuess(pattern: nil, explanation: "ISO dates (YYYY-MM-DD), the default: no date_format needed")
        }
        let fitting = patterns.compactMap { base in
            timeSuffixes.lazy.map { base + $0 }.first { pattern in
                (try? DateFormat(pattern: pattern)).map { readsAll(sample, with: $0) } ?? false
            }
        }
        guard let first = fitting.first else { return nil }
        let example = sample.first ?? ""
        if let swapped = swappedDayMonth(first), fitting.contains(swapped) {
            let dayFirst = first.hasPrefix("%d") ? first : swapped
            return DateFormatGuess(
                pattern: dayFirst,
                explanation: "date_format \(dayFirst): ASSUMED day-first — no value in the sample has a day or month above 12, "
                    + "so '\(example)' reads either way; use \(swappedDayMonth(dayFirst) ?? "") if the export is month-first (US)")
        }
        if first.hasPrefix("%d/") || first.hasPrefix("%m/") {
            let proof = sample.first { v in firstNumber(v).map { $0 > 12 } ?? false || secondNumber(v).map { $0 > 12 } ?? false } ?? example
            return DateFormatGuess(pattern: first, explanation: "date_format \(first): values such as '\(proof)' have a number above 12, so \(first.hasPrefix("%d") ? "day" : "month") first")
        }
        return DateFormatGuess(pattern: first, explanation: "date_format \(first): every sampled value, e.g. '\(example)', reads as a date")
    }

    /// When every value starts with an English weekday name and the same separator (`Sun, `, `monday `):
    /// that start as a pattern (`%a, `) and the values without it.
    static func withoutWeekday(_ sample: [String]) -> (String, [String])? {
        guard let weekday = try? DateFormat(pattern: "%a %Y-%m") else { return nil }
        var separator: String?
        var rest: [String] = []
        for v in sample {
            let word = v.prefix { $0.isASCII && $0.isLetter }
            guard !word.isEmpty, weekday.parse(word + " 2020-01") != nil else { return nil }
            let after = v.dropFirst(word.count)
            let own = after.hasPrefix(", ") ? ", " : after.hasPrefix(",") ? "," : after.hasPrefix(" ") ? " " : ""
            guard !own.isEmpty, separator == nil || separator == own else { return nil }
            separator = own
            rest.append(String(after.dropFirst(own.count)))
        }
        return separator.map { ("%a" + $0, rest) }
    }

    /// The latest date among values, for the `--as-of` the next commands suggest.
    static func latest(_ values: [String], pattern: String?) -> Day? {
        let format: DateFormat? = pattern.map { try? DateFormat(pattern: $0) } ?? .iso
        guard let format else { return nil }
        return values.compactMap { format.parse($0)?.day }.max()
    }

    static func readsAll(_ sample: [String], with format: DateFormat) -> Bool {
        sample.allSatisfy { v in format.parse(v).map { plausibleYears.contains($0.day.year) } ?? false }
    }

    static func swappedDayMonth(_ pattern: String) -> String? {
        if pattern.hasPrefix("%d/%m") { return "%m/%d" + pattern.dropFirst(5) }
        if pattern.hasPrefix("%m/%d") { return "%d/%m" + pattern.dropFirst(5) }
        return nil
    }

    static func firstNumber(_ v: String) -> Int? { Int(v.split(separator: "/").first ?? "") }
    static func secondNumber(_ v: String) -> Int? {
        let parts = v.split(separator: "/")
        return parts.count > 1 ? Int(parts[1]) : nil
    }
}
