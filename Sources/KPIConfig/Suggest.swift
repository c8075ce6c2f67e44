/// "Did you mean …?" hints for misspelt keys, values and references.
enum Suggest {
    /// The closest candidate when it is close enough to be a likely typo.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let target = Array(word.lowercased())
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(target, Array(candidate.lowercased()))
            if best.map({ d < $0.1 }) ?? true { best = (candidate, d) }
        }
        guard let (candidate, d) = best else { return nil }
        let allowed = max(2, min(target.count, candidate.count) / 3)
        return d <= allowed ? candidate : nil
    }

    /// "did you mean 'x'?", or the full list when nothing is close (short lists only).
    static func hint(for word: String, among candidates: [String], noun: String) -> String? {
        if let match = closest(to: word, among: candidates) { return "did you mean '\(match)'?" }
        guard !candidates.isEmpty, candidates.count <= 16 else { return nil }
        return "known \(noun): " + candidates.joined(separator: ", ")
    }

    /// Levenshtein distance, with an adjacent transposition counted as one edit.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
