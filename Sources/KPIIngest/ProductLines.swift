import KPIConfig

/// Maps a raw product-line value to a line id by the configuration alone, so each source can
/// resolve its values on its own thread (SPEC 4.3).
public struct LineResolver: Sendable {
    public enum Resolution: Sendable, Equatable { case line(String), unknown, reject }
    private let byValue: [String: String]
    public let configured: Bool
    public let policy: UnknownLinePolicy
    public static let other = "other"

    public init(config: Config) {
        var map: [String: String] = [:]
        for p in config.productLines {
            map[p.id] = p.id
            for a in p.aliases { map[a] = p.id }
        }
        byValue = map
        configured = !config.productLines.isEmpty
        policy = config.unknownProductLine
    }

    /// `value` is already trimmed and non-empty.
    public func resolve(_ value: String) -> Resolution {
        guard configured else { return .line(value) }
        if let id = byValue[value] { return .line(id) }
        return policy == .reject ? .reject : .unknown
    }
}

/// The product lines of a run, in report order: configured lines (config order), then lines found
/// in the data (by id), then `other`.
public struct LineBook: Sendable {
    public struct Line: Sendable {
        public var id: String
        public var name: String
        public var group: String?
        public var configured: Bool
    }
    public private(set) var lines: [Line]
    private var index: [String: Int]

    public init(config: Config, found: Set<String>) {
        lines = config.productLines.map { Line(id: $0.id, name: $0.name, group: $0.group, configured: true) }
        let known = Set(lines.map(\.id))
        let extra = found.subtracting(known).subtracting([LineResolver.other]).sorted()
        lines += extra.map { Line(id: $0, name: $0, group: nil, configured: false) }
        if found.contains(LineResolver.other) { lines.append(Line(id: LineResolver.other, name: "Other", group: nil, configured: false)) }
        index = Dictionary(uniqueKeysWithValues: lines.enumerated().map { ($1.id, $0) })
    }

    public func index(of id: String) -> Int? { index[id] }
}
