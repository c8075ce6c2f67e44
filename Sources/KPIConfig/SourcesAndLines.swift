import KPIFields
import Yams

/// A source as read, with the node of a constant product line for the check against `product_lines`.
struct SourceDraft {
    var config: SourceConfig
    var constantLine: (value: String, node: Node)?
    /// The `currency` node, for the checks against `fx` and the base currency.
    var currencyNode: Node?
}

/// A product line as read, with the nodes later checks point at.
struct LineDraft {
    var line: ProductLineConfig
    var idNode: Node
    var groupNode: Node?
    var aliasNodes: [Node]
}

extension ConfigBuilder {
    static let sourceKeys = [
        "path", "date", "product_line", "date_format", "delimiter", "decimal", "thousands", "stale_after_days", "currency",
    ]
    /// The line that holds rows outside the list, and the total: no line or group may take these ids.
    static let reservedLineIDs = ["ALL", "other"]

    // MARK: Sources

    mutating func readSources(_ node: Node) -> [SourceDraft] {
        guard let mapping = node.mapping else {
            reader.error(at: node, "'sources' must map source names to their settings, found \(NodeReader.kind(of: node))")
            return []
        }
        if mapping.count == 0 { reader.error(at: node, "'sources' must declare at least one source") }
        var drafts: [SourceDraft] = []
        var seen: [String: Node] = [:]
        for (keyNode, valueNode) in mapping {
            guard let name = keyNode.scalar?.string else {
                reader.error(at: keyNode, "a source name must be plain text")
                continue
            }
            if let first = seen[name] {
                reader.error(at: keyNode, "duplicate source name; first declared on line \(NodeReader.position(first).line)", value: name)
                continue
            }
            seen[name] = keyNode
            if !Self.isSafeName(name) {
                reader.error(at: keyNode, "a source name names its rejects file: use letters, digits, '_' and '-' only", value: name)
            }
            if let draft = readSource(name: name, at: keyNode, valueNode) { drafts.append(draft) }
        }
        return drafts
    }

    static func isSafeName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }

    mutating func readSource(name: String, at keyNode: Node, _ node: Node) -> SourceDraft? {
        let context = "source '\(name)'"
        guard let f = reader.fields(of: node, context: context, known: Self.sourceKeys) else { return nil }
        let path = reader.require("path", in: f).flatMap { reader.nonEmptyText($0, key: "path", context: context) }
        let date = reader.require("date", in: f).flatMap { reader.nonEmptyText($0, key: "date", context: context) }
        let binding = reader.require("product_line", in: f).flatMap { readBinding($0, context: context) }
        let position = NodeReader.position(keyNode)
        var config = SourceConfig(
            name: name, path: ConfigPaths.resolve(path ?? "", against: directory), dateColumn: date ?? "",
            productLine: binding?.binding ?? .column(""), dateFormat: .iso, delimiter: UInt8(ascii: ","),
            numberFormat: NumberFormat(), staleAfterDays: 3, line: position.line, column: position.column)
        if let node = f["date_format"], let format = readDateFormat(node, context: context) { config.dateFormat = format }
        if let node = f["delimiter"], let delimiter = readDelimiter(node, context: context) { config.delimiter = delimiter }
        config.numberFormat = readNumberFormat(f)
        if let node = f["stale_after_days"],
           let days = reader.int(node, key: "stale_after_days", context: context, range: 0...3650)
        {
            config.staleAfterDays = days
        }
        if let node = f["currency"] { config.currency = readCurrencyBinding(node, context: context) }
        return SourceDraft(config: config, constantLine: binding?.constant, currencyNode: f["currency"])
    }

    /// `product_line: col`, `{column: col}` or `{constant: line}`.
    mutating func readBinding(_ node: Node, context: String) -> (binding: ProductLineBinding, constant: (String, Node)?)? {
        if node.scalar != nil {
            return reader.nonEmptyText(node, key: "product_line", context: context).map { (.column($0), nil) }
        }
        guard let f = reader.fields(of: node, context: "product_line of \(context)", known: ["column", "constant"]) else { return nil }
        switch (f["column"], f["constant"]) {
        case let (column?, nil):
            return reader.nonEmptyText(column, key: "column", context: f.context).map { (.column($0), nil) }
        case let (nil, constant?):
            guard let line = reader.nonEmptyText(constant, key: "constant", context: f.context) else { return nil }
            return (.constant(line), (line, constant))
        case (.some, .some):
            reader.error(at: node, "'product_line' takes either 'column' or 'constant', not both, in \(context)")
        case (nil, nil):
            reader.error(at: node, "'product_line' needs 'column' (the column holding the line) or 'constant' (one line for every row) in \(context)")
        }
        return nil
    }

    mutating func readDateFormat(_ node: Node, context: String) -> DateFormat? {
        guard let pattern = reader.nonEmptyText(node, key: "date_format", context: context) else { return nil }
        do throws(DateFormatError) {
            return try DateFormat(pattern: pattern)
        } catch {
            let p = NodeReader.expressionPosition(of: node, offset: error.offset)
            reader.error(line: p.line, column: p.column, "invalid 'date_format' in \(context): \(error.message)", value: pattern)
            return nil
        }
    }

    static let delimiters: [String: UInt8] = [",": UInt8(ascii: ","), ";": UInt8(ascii: ";"), "\t": 9, "\\t": 9, "|": UInt8(ascii: "|")]

    mutating func readDelimiter(_ node: Node, context: String) -> UInt8? {
        guard let text = reader.text(node, key: "delimiter", context: context) else { return nil }
        if let byte = Self.delimiters[text] { return byte }
        reader.error(at: node, "'delimiter' must be one of \",\" \";\" \"\\t\" \"|\" in \(context)", value: text)
        return nil
    }

    /// `decimal` and `thousands`. With `decimal: ","` and no `thousands`, thousands default to "."
    /// (the European convention) rather than to a "," that would clash.
    mutating func readNumberFormat(_ f: Fields) -> NumberFormat {
        var format = NumberFormat()
        let decimalText = f["decimal"].flatMap { reader.text($0, key: "decimal", context: f.context) }
        if let node = f["decimal"], let text = decimalText {
            if text == "." || text == "," {
                format.decimal = UInt8(ascii: text == "." ? "." : ",")
                if text == "," { format.thousands = UInt8(ascii: ".") }
            } else {
                reader.error(at: node, "'decimal' must be \".\" or \",\" in \(f.context)", value: text)
            }
        }
        if let node = f["thousands"], let text = reader.text(node, key: "thousands", context: f.context) {
            switch text {
            case "": format.thousands = 0
            case ",", ".", " ": format.thousands = UInt8(ascii: text.unicodeScalars.first ?? ",")
            default: reader.error(at: node, "'thousands' must be \"\", \",\", \".\" or \" \" in \(f.context)", value: text)
            }
            if !text.isEmpty, text == decimalText ?? "." {
                reader.error(at: node, "'thousands' must differ from 'decimal' in \(f.context)", value: text,
                             hint: text == "," ? "with decimal \",\" use thousands \".\", \" \" or \"\"" : "use thousands \",\", \" \" or \"\"")
            }
        }
        return format
    }

    // MARK: Product lines

    mutating func readProductLines(_ node: Node) -> [LineDraft] {
        guard let items = node.sequence.map(Array.init) else {
            reader.error(at: node, "'product_lines' must be a list of {id, name, group, aliases}, not \(NodeReader.kind(of: node))")
            return []
        }
        var drafts: [LineDraft] = []
        var seen: [String: Node] = [:]
        for item in items {
            guard let draft = readProductLine(item) else { continue }
            if let first = seen[draft.line.id] {
                reader.error(at: draft.idNode, "duplicate product line id; first declared on line \(NodeReader.position(first).line)",
                             value: draft.line.id)
                continue
            }
            seen[draft.line.id] = draft.idNode
            drafts.append(draft)
        }
        checkAliases(drafts)
        return drafts
    }

    mutating func readProductLine(_ node: Node) -> LineDraft? {
        let declaredID = node.mapping?["id"]?.scalar?.string.trimmingSpaces
        let named = declaredID.flatMap { $0.isEmpty ? nil : "product line '\($0)'" } ?? "product line"
        guard let f = reader.fields(of: node, context: named, known: ["id", "name", "group", "aliases"]),
              let idNode = reader.require("id", in: f),
              let id = reader.nonEmptyText(idNode, key: "id", context: f.context)
        else { return nil }
        let context = "product line '\(id)'"
        if let reserved = Self.reserved(id) {
            reader.error(at: idNode, "'\(reserved)' is reserved and cannot be a product line id", value: id,
                         hint: "'ALL' is the total and 'other' holds lines not in the list")
        }
        let name = f["name"].flatMap { reader.nonEmptyText($0, key: "name", context: context) } ?? id
        let group = f["group"].flatMap { reader.nonEmptyText($0, key: "group", context: context) }
        var aliases: [String] = []
        var aliasNodes: [Node] = []
        if let node = f["aliases"], let items = reader.list(node, key: "aliases", context: context) {
            for item in items {
                guard let alias = reader.nonEmptyText(item, key: "aliases", context: context) else { continue }
                aliases.append(alias)
                aliasNodes.append(item)
            }
        }
        let line = ProductLineConfig(id: id, name: name, group: group, aliases: aliases)
        return LineDraft(line: line, idNode: idNode, groupNode: f["group"], aliasNodes: aliasNodes)
    }

    /// The reserved id an id collides with, compared case-insensitively: `All` beside `ALL` would only confuse.
    static func reserved(_ id: String) -> String? {
        reservedLineIDs.first { $0.lowercased() == id.lowercased() }
    }

    /// An alias must map to one line only, and must not be another line's id.
    mutating func checkAliases(_ drafts: [LineDraft]) {
        var owner: [String: String] = [:]
        for draft in drafts { owner[draft.line.id] = draft.line.id }
        for draft in drafts {
            for (alias, node) in zip(draft.line.aliases, draft.aliasNodes) {
                if let other = owner[alias], other != draft.line.id {
                    reader.error(at: node, "alias of product line '\(draft.line.id)' already names product line '\(other)'", value: alias)
                } else {
                    owner[alias] = draft.line.id
                }
            }
        }
    }

    /// Groups are levels beside lines and the total, so their names must not collide with either.
    mutating func checkGroups(_ drafts: [LineDraft]) {
        let ids = Set(drafts.map(\.line.id))
        for draft in drafts {
            guard let group = draft.line.group, let node = draft.groupNode else { continue }
            if let reserved = Self.reserved(group) {
                reader.error(at: node, "'\(reserved)' is reserved and cannot be a group name", value: group)
            } else if ids.contains(group) {
                reader.error(at: node, "a group cannot share a product line's id", value: group,
                             hint: "rename the group, e.g. '\(group)_group'")
            }
        }
    }

    /// A constant line must be one the config knows when a list is given: otherwise every row of
    /// the source would silently land in `other` (or be rejected).
    mutating func checkConstantLines(_ sources: [SourceDraft], lines: [ProductLineConfig]) {
        for source in sources {
            guard let (value, node) = source.constantLine else { continue }
            if let reserved = Self.reserved(value) {
                reader.error(at: node, "'\(reserved)' is reserved and cannot be a product line", value: value)
                continue
            }
            guard !lines.isEmpty else { continue }
            let known = lines.contains { $0.id == value || $0.aliases.contains(value) }
            if !known {
                reader.error(at: node, "constant product line of source '\(source.config.name)' is not in product_lines", value: value,
                             hint: Suggest.hint(for: value, among: lines.map(\.id), noun: "product lines"))
            }
        }
    }
}
