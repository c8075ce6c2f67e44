import KPIFields

/// The decimal mark and thousands separator that read the most numeric-looking sample values.
struct NumberFormatGuess {
    var format: NumberFormat
    /// Whether the config needs `decimal` / `thousands` keys (the defaults are "." with "," and "," with ".").
    var decimalKey: String?
    var thousandsKey: String?
    var explanation: String
}

enum NumberFormatGuesser {
    /// In order of preference on a tie: the defaults first.
    static let candidates: [(decimal: Character, thousands: Character?)] = [
        (".", ","), (",", "."), (".", nil), (",", nil), (".", " "), (",", " "),
    ]

    static func guess(values: [String], delimiter: Character) -> NumberFormatGuess {
        let numeric = values.map(\.trimmingSpaces).filter(looksNumeric)
        let scores = candidates.map { c in numeric.filter { parses($0, format(c)) }.count }
        let bestScore = scores.max() ?? 0
        let bestIndex = scores.firstIndex(of: bestScore) ?? 0
        let best = candidates[bestIndex]
        let chosen = format(best)
        let other: Character = best.decimal == "." ? "," : "."
        let evidence = numeric.first { v in
            parses(v, chosen) && !candidates.filter { $0.decimal == other }.contains { parses(v, format($0)) }
        }
        let defaultThousands: Character = best.decimal == "." ? "," : "."
        var explanation: String
        if let evidence {
            explanation = "decimal '\(best.decimal)': values such as '\(evidence)' only read that way"
        } else if numeric.contains(where: { $0.contains(other) }) {
            explanation = "decimal '\(best.decimal)': ASSUMED — the sampled numbers read either way (e.g. '\(numeric.first { $0.contains(other) } ?? "")'); check it"
        } else {
            explanation = "decimal '\(best.decimal)'"
                + (numeric.contains { $0.contains(best.decimal) } ? "" : ": no sampled number has a fraction, so the default")
        }
        if best.thousands != defaultThousands {
            explanation += ", thousands separator " + (best.thousands.map { "'\($0)'" } ?? "none")
        }
        if delimiter == ";" && best.decimal == "." && evidence == nil {
            explanation += " (a ';'-delimited export often uses a decimal comma: check)"
        }
        return NumberFormatGuess(
            format: chosen,
            decimalKey: best.decimal == "." ? nil : ",",
            thousandsKey: best.thousands == defaultThousands ? nil : best.thousands.map(String.init) ?? "",
            explanation: explanation)
    }

    static func format(_ c: (decimal: Character, thousands: Character?)) -> NumberFormat {
        NumberFormat(decimal: c.decimal.asciiValue ?? UInt8(ascii: "."), thousands: c.thousands?.asciiValue ?? 0)
    }

    static func parses(_ text: String, _ format: NumberFormat) -> Bool {
        if case .value = NumberParser.parse(text, format: format) { return true }
        return false
    }

    /// A digit and nothing a number cannot hold: keeps text columns out of the vote.
    static func looksNumeric(_ v: String) -> Bool {
        guard v.contains(where: { $0.isASCII && $0.isNumber }) else { return false }
        return v.allSatisfy { c in
            (c.isASCII && c.isNumber) || "+-.,() %$€£¥eE\u{A0}".contains(c)
        }
    }
}
