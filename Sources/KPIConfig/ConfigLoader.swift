import Foundation
import Yams

/// Loads and validates `kpireview.yml` (SPEC 3). Every key is checked before any input is read, and
/// every problem is reported at once, each at its file:line:column.
public enum ConfigLoader {
    /// A missing or unreadable file is one error at line 0 naming the path.
    public static func load(path: String) throws(ConfigErrors) -> Config {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConfigErrors([ConfigError(file: path, line: 0, column: 0, message: "config file not found")])
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw ConfigErrors([ConfigError(file: path, line: 0, column: 0, message: "cannot read config file")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigErrors([ConfigError(file: path, line: 0, column: 0, message: "config file is not UTF-8 text")])
        }
        return try parse(yaml: text, path: path)
    }

    /// `path` names the file in errors and is the base of relative paths.
    public static func parse(yaml: String, path: String) throws(ConfigErrors) -> Config {
        let text = yaml.hasPrefix("\u{FEFF}") ? String(yaml.dropFirst()) : yaml
        if let (line, column) = YAMLDepth.firstTooDeep(text) {
            throw ConfigErrors([ConfigError(
                file: path, line: line, column: column,
                message: "config nested too deeply (more than \(YAMLDepth.limit) levels of mappings, lists or brackets)")])
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ConfigErrors([ConfigError(file: path, line: 1, column: 1, message: "config file is empty: it needs at least 'sources' and 'kpis'")])
            }
            root = node
        } catch let errors as ConfigErrors {
            throw errors
        } catch {
            throw ConfigErrors([syntaxError(error, yaml: text, path: path)])
        }
        var builder = ConfigBuilder(path: path)
        builder.reader.sourceLines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        let config = builder.build(root: root)
        let errors = builder.reader.errors
        guard errors.isEmpty else { throw ConfigErrors(inFileOrder(errors)) }
        return config
    }

    /// Cross-reference errors are found after the walk; sorting puts them back in reading order.
    static func inFileOrder(_ errors: [ConfigError]) -> [ConfigError] {
        errors.enumerated()
            .sorted { ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset) }
            .map(\.element)
    }

    static func syntaxError(_ error: Error, yaml: String, path: String) -> ConfigError {
        guard let yamlError = error as? YamlError else {
            return ConfigError(file: path, line: 1, column: 1, message: "invalid YAML: \(error)")
        }
        func located(_ problem: String, _ mark: Mark, _ context: YamlError.Context?) -> ConfigError {
            var message = "invalid YAML: \(problem)"
            if let context {
                message += ", \(context.text) at line \(context.mark.line), column \(context.mark.column)"
            }
            return ConfigError(file: path, line: mark.line, column: mark.column, message: message)
        }
        switch yamlError {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return located(problem, mark, context)
        case let .reader(problem, offset, _, _):
            let p = position(ofByteOffset: offset ?? 0, in: yaml)
            return ConfigError(file: path, line: p.line, column: p.column, message: "invalid YAML: \(problem)")
        default:
            return ConfigError(file: path, line: 1, column: 1, message: "invalid YAML: \(yamlError)")
        }
    }

    /// 1-based line and column (in Unicode scalars) of a UTF-8 byte offset.
    static func position(ofByteOffset offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var consumed = 0
        for scalar in text.unicodeScalars {
            if consumed >= offset { break }
            consumed += String(scalar).utf8.count
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}

/// Where relative paths in a config resolve.
enum ConfigPaths {
    /// The folder holding the config: "." for a bare file name.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    /// Absolute paths stay; relative ones are taken from the config's folder.
    static func resolve(_ relative: String, against directory: String) -> String {
        if relative.hasPrefix("/") || directory == "." { return relative }
        let rest = relative.hasPrefix("./") ? String(relative.dropFirst(2)) : relative
        return directory.hasSuffix("/") ? directory + rest : directory + "/" + rest
    }
}
