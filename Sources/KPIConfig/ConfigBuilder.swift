import KPICalendar
import KPIFields
import KPIModel
import Yams

/// Walks the YAML tree once, building a `Config` from what is valid and recording what is not.
/// The half-built config is thrown away when any error was found.
struct ConfigBuilder {
    let path: String
    let directory: String
    var reader: NodeReader
    /// Each format listed in `output.formats`, where it is written; empty when the key is absent.
    var formatNodes: [OutputFormat: Node] = [:]

    init(path: String) {
        self.path = path
        self.directory = ConfigPaths.directory(of: path)
        self.reader = NodeReader(file: path)
    }

    static let topLevelKeys = [
        "title", "company", "currency", "calendar", "sources", "targets", "product_lines",
        "unknown_product_line", "max_reject_ratio", "kpis", "status", "history", "output", "email", "fx", "targets_phasing",
        "annotations",
    ]

    mutating func build(root: Node) -> Config {
        var config = Config(
            path: path, directory: directory, title: nil, company: nil, currency: "USD", calendar: CalendarRules(),
            sources: [], targetsPath: nil, productLines: [], unknownProductLine: .other, maxRejectRatio: 0.01,
            kpis: [], statusAmber: 0.10, history: HistoryDepth(), output: .defaults)
        guard let top = reader.fields(of: root, context: "", known: Self.topLevelKeys) else { return config }

        if let node = top["title"] { config.title = reader.text(node, key: "title", context: "") }
        if let node = top["company"] { config.company = reader.text(node, key: "company", context: "") }
        if let node = top["currency"], let currency = reader.nonEmptyText(node, key: "currency", context: "") {
            config.currency = currency
        }
        if let node = top["calendar"] { config.calendar = readCalendar(node) }
        if let node = top["targets"], let target = reader.nonEmptyText(node, key: "targets", context: "") {
            config.targetsPath = ConfigPaths.resolve(target, against: directory)
        }
        if let node = top["targets_phasing"],
           let phasing = reader.choice(node, key: "targets_phasing", context: "", as: Phasing.self)
        {
            config.targetsPhasing = phasing
        }
        if let node = top["fx"], let fx = reader.nonEmptyText(node, key: "fx", context: "") {
            config.fxPath = ConfigPaths.resolve(fx, against: directory)
        }
        if let node = top["annotations"], let events = reader.nonEmptyText(node, key: "annotations", context: "") {
            config.annotationsPath = ConfigPaths.resolve(events, against: directory)
        }
        if let node = top["unknown_product_line"],
           let policy = reader.choice(node, key: "unknown_product_line", context: "", as: UnknownLinePolicy.self)
        {
            config.unknownProductLine = policy
        }
        if let node = top["max_reject_ratio"],
           let ratio = reader.number(node, key: "max_reject_ratio", context: "", range: 0...1)
        {
            config.maxRejectRatio = ratio
        }
        if let node = top["status"] { config.statusAmber = readStatus(node) }
        if let node = top["history"] { config.history = readHistory(node) }
        if let node = top["output"] { config.output = readOutput(node) }
        if let node = top["email"] { config.email = readEmail(node) }
        checkEmailFormats(&config)

        let lines = top["product_lines"].map { readProductLines($0) } ?? []
        config.productLines = lines.map(\.line)
        checkGroups(lines)

        let sources = reader.require("sources", in: top).map { readSources($0) } ?? []
        config.sources = sources.map(\.config)
        checkConstantLines(sources, lines: config.productLines)
        checkCurrencies(sources, config: config, top: top)

        let kpis = reader.require("kpis", in: top).map { readKPIs($0) } ?? []
        config.kpis = kpis.map(\.definition)
        checkReferences(kpis, sources: config.sources)
        checkPhasing(kpis, config: config)
        return config
    }

    // MARK: Small sections

    mutating func readStatus(_ node: Node) -> Double {
        guard let f = reader.fields(of: node, context: "status", known: ["amber"]),
              let amber = f["amber"].flatMap({ reader.number($0, key: "amber", context: f.context, range: 0...Double.greatestFiniteMagnitude) })
        else { return 0.10 }
        return amber
    }

    /// Ten years of weeks is more than any chart can show; larger depths are typos.
    static let historyRange = 0...520

    mutating func readHistory(_ node: Node) -> HistoryDepth {
        var depth = HistoryDepth()
        guard let f = reader.fields(of: node, context: "history", known: ["weeks", "months", "quarters", "months_axis"]) else { return depth }
        if let node = f["months_axis"], let axis = reader.choice(node, key: "months_axis", context: f.context, as: MonthsAxis.self) {
            depth.monthsAxis = axis
        }
        if let n = f["weeks"].flatMap({ reader.int($0, key: "weeks", context: f.context, range: Self.historyRange) }) {
            depth.weeks = n
        }
        if let n = f["months"].flatMap({ reader.int($0, key: "months", context: f.context, range: Self.historyRange) }) {
            depth.months = n
        }
        if let n = f["quarters"].flatMap({ reader.int($0, key: "quarters", context: f.context, range: Self.historyRange) }) {
            depth.quarters = n
        }
        return depth
    }

    /// Excel's sheet holds 1,048,576 rows, one of them the header.
    static let rawSheetRowRange = 1...1_048_575

    mutating func readOutput(_ node: Node) -> OutputConfig {
        var output = OutputConfig.defaults
        let known = ["prefix", "formats", "status_style", "raw_sheet", "raw_sheet_max_rows"]
        guard let f = reader.fields(of: node, context: "output", known: known) else { return output }
        if let node = f["prefix"], let prefix = reader.nonEmptyText(node, key: "prefix", context: f.context) {
            if prefix.hasPrefix(".") || prefix.contains(where: { "/\\:*?\"<>|".contains($0) }) {
                reader.error(at: node, "'prefix' becomes part of file names: it must not start with '.' or contain / \\ : * ? \" < > |",
                             value: prefix)
            } else {
                output.prefix = prefix
            }
        }
        if let node = f["formats"] { output.formats = readFormats(node, context: f.context) ?? output.formats }
        if let node = f["status_style"], let style = reader.choice(node, key: "status_style", context: f.context, as: StatusStyle.self) {
            output.statusStyle = style.rawValue
        }
        if let node = f["raw_sheet"], let flag = reader.bool(node, key: "raw_sheet", context: f.context) {
            output.rawSheet = flag
        }
        if let node = f["raw_sheet_max_rows"],
           let rows = reader.int(node, key: "raw_sheet_max_rows", context: f.context, range: Self.rawSheetRowRange)
        {
            output.rawSheetMaxRows = rows
        }
        return output
    }

    mutating func readFormats(_ node: Node, context: String) -> [OutputFormat]? {
        guard let items = reader.list(node, key: "formats", context: context) else { return nil }
        if items.isEmpty {
            reader.error(at: node, "'formats' must name at least one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")) in output")
            return nil
        }
        var formats: [OutputFormat] = []
        for item in items {
            guard let format = reader.choice(item, key: "formats", context: context, as: OutputFormat.self) else { continue }
            if formats.contains(format) {
                reader.error(at: item, "format listed twice in output", value: format.rawValue)
            } else {
                formats.append(format)
                formatNodes[format] = item
            }
        }
        return formats
    }
}
