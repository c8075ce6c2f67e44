import Yams

/// The keys of one YAML mapping, after unknown and duplicate keys were reported.
struct Fields {
    /// The mapping itself, where "missing key" errors point.
    let node: Node
    /// Null values (`key:`, `key: ~`) are left out: they mean "use the default".
    let values: [String: Node]
    let keys: [String: Node]
    /// Describes the mapping in messages: "in source 'orders'"; empty at the top level.
    let context: String

    subscript(key: String) -> Node? { values[key] }

    /// The same fields described differently, once a mapping's name (a KPI's id, say) is known.
    func described(as context: String) -> Fields {
        Fields(node: node, values: values, keys: keys, context: context)
    }
}

/// Reads Yams nodes into typed values, collecting every problem instead of stopping at the first.
struct NodeReader {
    let file: String
    private(set) var errors: [ConfigError] = []
    /// The config's lines as Unicode scalars, to point inside a scalar (`position(ofOffset:in:text:)`).
    var sourceLines: [[Unicode.Scalar]] = []

    init(file: String) { self.file = file }

    // MARK: Errors

    /// 1-based line and column of a node (Yams marks are 1-based already).
    static func position(_ node: Node) -> (line: Int, column: Int) {
        guard let mark = node.mark else { return (1, 1) }
        return (mark.line, mark.column)
    }

    mutating func error(at node: Node, _ message: String, value: String? = nil, hint: String? = nil) {
        let p = NodeReader.position(node)
        error(line: p.line, column: p.column, message, value: value, hint: hint)
    }

    mutating func error(line: Int, column: Int, _ message: String, value: String? = nil, hint: String? = nil) {
        errors.append(ConfigError(file: file, line: line, column: column, message: message, value: value, hint: hint))
    }

    /// The position of the character at `offset` (in Unicode scalars) of a scalar's `text`, when the
    /// file holds that text as written on the scalar's first line (plain or quoted, no escapes before
    /// it); else the scalar's own position.
    func position(ofOffset offset: Int, in node: Node, text: String) -> (line: Int, column: Int) {
        let p = Self.position(node)
        let wanted = Array(text.unicodeScalars.prefix(offset + 1))
        guard p.line >= 1, p.line <= sourceLines.count else { return p }
        let line = sourceLines[p.line - 1]
        for skip in [0, 1] {  // plain, then after the opening quote
            let start = p.column - 1 + skip
            guard start >= 0, start + wanted.count <= line.count else { continue }
            if Array(line[start..<(start + wanted.count)]) == wanted { return (p.line, p.column + skip + offset) }
        }
        return p
    }

    // MARK: Mappings

    /// The fields of a mapping, reporting keys not in `known` (with the closest known key as a hint)
    /// and keys given twice. Nil, with an error, when the node is not a mapping.
    mutating func fields(of node: Node, context: String, known: [String]) -> Fields? {
        guard let mapping = node.mapping else {
            error(at: node, "expected a mapping of keys\(Self.suffix(context)), found \(Self.kind(of: node))")
            return nil
        }
        var values: [String: Node] = [:]
        var keys: [String: Node] = [:]
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.scalar?.string else {
                error(at: keyNode, "a key must be plain text\(Self.suffix(context))")
                continue
            }
            if let first = keys[key] {
                error(at: keyNode, "duplicate key\(Self.suffix(context)); first given on line \(Self.position(first).line)", value: key)
                continue
            }
            keys[key] = keyNode
            guard known.contains(key) else {
                error(at: keyNode, "unknown key\(Self.suffix(context))", value: key, hint: Suggest.hint(for: key, among: known, noun: "keys"))
                continue
            }
            if !Self.isNull(valueNode) { values[key] = valueNode }
        }
        return Fields(node: node, values: values, keys: keys, context: context)
    }

    /// Reports a required key that is absent or null.
    mutating func require(_ key: String, in f: Fields) -> Node? {
        if let node = f[key] { return node }
        if let keyNode = f.keys[key] {
            error(at: keyNode, "'\(key)' needs a value\(Self.suffix(f.context))")
        } else {
            error(at: f.node, "missing required key '\(key)'\(Self.suffix(f.context))")
        }
        return nil
    }

    // MARK: Scalars

    /// Any scalar's text: a product line called `No` or a title `2026` is still text.
    mutating func text(_ node: Node, key: String, context: String) -> String? {
        guard let scalar = node.scalar else {
            error(at: node, "'\(key)' must be text\(Self.suffix(context)), not \(Self.kind(of: node))")
            return nil
        }
        return scalar.string
    }

    mutating func nonEmptyText(_ node: Node, key: String, context: String) -> String? {
        guard let raw = text(node, key: key, context: context) else { return nil }
        let trimmed = raw.trimmingSpaces
        if trimmed.isEmpty {
            error(at: node, "'\(key)' must not be empty\(Self.suffix(context))")
            return nil
        }
        return trimmed
    }

    mutating func int(_ node: Node, key: String, context: String, range: ClosedRange<Int>) -> Int? {
        let bounds = "an integer from \(range.lowerBound) to \(range.upperBound)"
        guard Self.tagName(node) == Tag.Name.int.rawValue, let value = node.int else {
            error(at: node, "'\(key)' must be \(bounds)\(Self.suffix(context))", value: Self.shown(node))
            return nil
        }
        guard range.contains(value) else {
            error(at: node, "'\(key)' must be \(bounds)\(Self.suffix(context))", value: Self.shown(node))
            return nil
        }
        return value
    }

    mutating func number(_ node: Node, key: String, context: String, range: ClosedRange<Double>) -> Double? {
        let tag = Self.tagName(node)
        let value: Double? = tag == Tag.Name.int.rawValue ? node.int.map(Double.init)
            : tag == Tag.Name.float.rawValue ? node.float : nil
        let bounds = range.upperBound == .greatestFiniteMagnitude
            ? "a number of at least \(Self.format(range.lowerBound))"
            : "a number from \(Self.format(range.lowerBound)) to \(Self.format(range.upperBound))"
        guard let value, value.isFinite, range.contains(value) else {
            error(at: node, "'\(key)' must be \(bounds)\(Self.suffix(context))", value: Self.shown(node))
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node, key: String, context: String) -> Bool? {
        guard Self.tagName(node) == Tag.Name.bool.rawValue, let value = node.bool else {
            error(at: node, "'\(key)' must be true or false\(Self.suffix(context))", value: Self.shown(node))
            return nil
        }
        return value
    }

    /// One of an enum's raw values, matched case-insensitively, with the closest value as a hint.
    mutating func choice<E: RawRepresentable & CaseIterable>(_ node: Node, key: String, context: String, as type: E.Type)
        -> E? where E.RawValue == String
    {
        let names = E.allCases.map(\.rawValue)
        guard let raw = text(node, key: key, context: context) else { return nil }
        let word = raw.trimmingSpaces.lowercased()
        if let match = E.allCases.first(where: { $0.rawValue == word }) { return match }
        error(at: node, "'\(key)' must be one of \(names.joined(separator: ", "))\(Self.suffix(context))",
              value: raw, hint: Suggest.hint(for: word, among: names, noun: "values"))
        return nil
    }

    /// A list, or a single scalar taken as a list of one.
    mutating func list(_ node: Node, key: String, context: String) -> [Node]? {
        if let sequence = node.sequence { return Array(sequence) }
        if node.scalar != nil { return [node] }
        error(at: node, "'\(key)' must be a list\(Self.suffix(context)), not \(Self.kind(of: node))")
        return nil
    }

    // MARK: Describing nodes

    static func suffix(_ context: String) -> String { context.isEmpty ? "" : " in \(context)" }

    static func kind(of node: Node) -> String {
        switch node {
        case .scalar: return "a single value"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    /// The text to quote in a message: a scalar's text, or what kind of node it is.
    static func shown(_ node: Node) -> String {
        node.scalar?.string ?? kind(of: node)
    }

    static func tagName(_ node: Node) -> String { node.tag.description }

    static func isNull(_ node: Node) -> Bool { tagName(node) == Tag.Name.null.rawValue }

    static func format(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }
}
