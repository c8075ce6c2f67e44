/// A unified line diff for test failures: what a golden file holds (`-`) against what the code
/// wrote (`+`), with a few lines of context, so a failure reads like `git diff` rather than
/// "Data differs". Written here because XCTest and Foundation have no diff of strings, and the
/// one in the standard library (`CollectionDifference`) gives no hunks or context.
public enum LineDiff {
    /// The diff of two texts, or nil when they are equal. A missing final newline shows as the
    /// line `\ No newline at end of file`, as in `diff -u`.
    public static func unified(expected: String, actual: String, expectedName: String = "golden",
                               actualName: String = "actual", context: Int = 3, limit: Int = 80) -> String? {
        guard expected != actual else { return nil }
        return unified(expected: lines(expected), actual: lines(actual), expectedName: expectedName,
                       actualName: actualName, context: context, limit: limit)
    }

    /// The diff of two sequences of lines (or XML elements), or nil when they are equal.
    public static func unified(expected a: [String], actual b: [String], expectedName: String = "golden",
                               actualName: String = "actual", context: Int = 3, limit: Int = 80) -> String? {
        guard a != b else { return nil }
        let script = editScript(a, b)
        var out = ["--- \(expectedName)", "+++ \(actualName)"]
        var shown = 0, hidden = 0
        for hunk in hunks(script, context: context) {
            var body: [String] = []
            var aStart = Int.max, bStart = Int.max, aCount = 0, bCount = 0
            for op in script[hunk] {
                switch op {
                case let .same(i, j):
                    aCount += 1; bCount += 1; body.append("  " + visible(a[i]))
                    aStart = min(aStart, i); bStart = min(bStart, j)
                case let .delete(i, j):
                    aCount += 1; body.append("- " + visible(a[i]))
                    aStart = min(aStart, i); bStart = min(bStart, j)
                case let .insert(i, j):
                    bCount += 1; body.append("+ " + visible(b[j]))
                    aStart = min(aStart, i); bStart = min(bStart, j)
                }
            }
            let header = "@@ -\(aStart + 1),\(aCount) +\(bStart + 1),\(bCount) @@"
            for line in [header] + body {
                if shown < limit { out.append(line); shown += 1 } else { hidden += 1 }
            }
        }
        if hidden > 0 { out.append("… \(hidden) more lines of diff") }
        return out.joined(separator: "\n")
    }

    /// The first index at which two sequences differ (the shorter one's count when one is a
    /// prefix of the other), or nil when they are equal.
    public static func firstDifference(_ a: [String], _ b: [String]) -> Int? {
        guard a != b else { return nil }
        var i = 0
        while i < a.count, i < b.count, a[i] == b[i] { i += 1 }
        return i
    }

    /// Lines of `text` without their newlines; a text not ending in a newline gets the marker line.
    static func lines(_ text: String) -> [String] {
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" { parts.removeLast() } else { parts.append("\\ No newline at end of file") }
        return parts
    }

    /// Control characters, no-break spaces and trailing spaces made visible, so two lines that
    /// differ only there do not print alike.
    static func visible(_ line: String) -> String {
        var out = ""
        for scalar in line.unicodeScalars {
            switch scalar {
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{A0}": out += "\\u{A0}"
            case "\u{FEFF}": out += "\\u{FEFF}"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        var trailing = 0
        while out.hasSuffix(" ") { out.removeLast(); trailing += 1 }
        return out + String(repeating: "·", count: trailing)
    }

    enum Op: Equatable {
        case same(Int, Int)    // a[i] == b[j]
        case delete(Int, Int)  // a[i] removed (before b[j])
        case insert(Int, Int)  // b[j] added (before a[i])

        var isChange: Bool { if case .same = self { return false } else { return true } }
    }

    /// A shortest-enough edit script: the common prefix and suffix are kept, and the middle is
    /// aligned by a longest common subsequence when it is small enough for the quadratic table
    /// (4M cells); a larger middle is shown as removed then added, which is still correct.
    static func editScript(_ a: [String], _ b: [String]) -> [Op] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        var ops: [Op] = (0..<prefix).map { .same($0, $0) }
        let aMid = Array(a[prefix..<(a.count - suffix)]), bMid = Array(b[prefix..<(b.count - suffix)])
        let n = aMid.count, m = bMid.count
        if n > 0, m > 0, n * m <= 4_000_000 {
            // lcs[i * (m + 1) + j] = length of the LCS of aMid[i...] and bMid[j...].
            var lcs = [Int32](repeating: 0, count: (n + 1) * (m + 1))
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lcs[i * (m + 1) + j] = aMid[i] == bMid[j]
                        ? lcs[(i + 1) * (m + 1) + j + 1] + 1
                        : max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1])
                }
            }
            var i = 0, j = 0
            while i < n || j < m {
                if i < n, j < m, aMid[i] == bMid[j] {
                    ops.append(.same(prefix + i, prefix + j)); i += 1; j += 1
                } else if j < m, i == n || lcs[i * (m + 1) + j + 1] >= lcs[(i + 1) * (m + 1) + j] {
                    ops.append(.insert(prefix + i, prefix + j)); j += 1
                } else {
                    ops.append(.delete(prefix + i, prefix + j)); i += 1
                }
            }
            // Deletions before insertions inside each change, as diff -u prints them.
            ops = reorderedDeletionsFirst(ops)
        } else {
            ops += (0..<n).map { .delete(prefix + $0, prefix) }
            ops += (0..<m).map { .insert(prefix + n, prefix + $0) }
        }
        ops += (0..<suffix).map { .same(a.count - suffix + $0, b.count - suffix + $0) }
        return ops
    }

    private static func reorderedDeletionsFirst(_ ops: [Op]) -> [Op] {
        var out: [Op] = [], deletes: [Op] = [], inserts: [Op] = []
        func flush() { out += deletes + inserts; deletes = []; inserts = [] }
        for op in ops {
            switch op {
            case .same: flush(); out.append(op)
            case .delete: deletes.append(op)
            case .insert: inserts.append(op)
            }
        }
        flush()
        return out
    }

    /// Ranges of the script to print: each change with `context` unchanged ops around it,
    /// neighbouring ranges merged.
    static func hunks(_ script: [Op], context: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for (k, op) in script.enumerated() where op.isChange {
            let r = max(0, k - context)..<min(script.count, k + context + 1)
            if let last = ranges.last, last.upperBound >= r.lowerBound {
                ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                ranges.append(r)
            }
        }
        return ranges
    }
}
