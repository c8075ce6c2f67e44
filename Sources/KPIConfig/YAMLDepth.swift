/// A bound on a config's nesting, checked on the text before the YAML parser sees it.
///
/// Yams (libyaml's parser and its Swift composer) recurses once per nested collection, so ten
/// thousand `[` or a few thousand nested block mappings overflow the stack: a crash, not an error.
/// Yams has no depth option, so this scan runs first. It is deliberately simple and errs towards
/// counting too much: a flow bracket inside a plain scalar counts too. A real kpireview.yml nests
/// six levels at most, so the limit is far above any honest file and far below the crash.
enum YAMLDepth {
    static let limit = 64

    /// Where the nesting first exceeds `limit` (1-based line and column), or nil.
    static func firstTooDeep(_ text: String) -> (line: Int, column: Int)? {
        var line = 1
        var flow = 0
        var indents: [Int] = []
        for rawLine in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            defer { line += 1 }
            let bytes = Array(rawLine)
            var i = 0
            // Block structure: only outside flow collections.
            if flow == 0 {
                while i < bytes.count, bytes[i] == UInt8(ascii: " ") { i += 1 }
                if i == bytes.count || bytes[i] == UInt8(ascii: "#") || bytes[i] == UInt8(ascii: "\r") { continue }
                let indent = i
                while let last = indents.last, last > indent { indents.removeLast() }
                if indents.last != indent { indents.append(indent) }
                if indents.count > limit { return (line, i + 1) }
                // "- - - x" nests one block sequence per dash on the line.
                var extra = 0
                while i + 1 < bytes.count, bytes[i] == UInt8(ascii: "-"), bytes[i + 1] == UInt8(ascii: " ") {
                    extra += 1
                    if indents.count + extra > limit { return (line, i + 1) }
                    i += 2
                    while i < bytes.count, bytes[i] == UInt8(ascii: " ") { i += 1 }
                }
            }
            // Flow collections, skipping quoted scalars and comments.
            var quote: UInt8? = nil
            while i < bytes.count {
                let b = bytes[i]
                if let q = quote {
                    if b == q { quote = nil } else if b == UInt8(ascii: "\\"), q == UInt8(ascii: "\"") { i += 1 }
                } else if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") {
                    quote = b
                } else if b == UInt8(ascii: "#"), i == 0 || bytes[i - 1] == UInt8(ascii: " ") {
                    break
                } else if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") {
                    flow += 1
                    if indents.count + flow > limit { return (line, i + 1) }
                } else if b == UInt8(ascii: "]") || b == UInt8(ascii: "}") {
                    flow = max(0, flow - 1)
                }
                i += 1
            }
            // A quoted scalar may continue on the next line only inside flow or as a multi-line
            // scalar; either way its brackets are not structure, and the quote state is dropped at
            // the line's end to stay simple (over-counting is the safe direction).
        }
        return nil
    }
}
