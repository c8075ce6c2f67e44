import Foundation
import XCTest

/// Validates JSON files against a JSON Schema (draft 2020-12) with Python's `jsonschema`, the
/// reference implementation (no Swift validator is installed here, and writing one would test
/// our reading of the draft rather than the files).
public enum JSONSchemaCheck {
    /// `docs/result.schema.json`: the result file of SPEC 7.3.
    public static let resultSchema = TestPaths.file("docs/result.schema.json")
    /// `docs/manifest.schema.json`: `manifest.json` of SPEC 7.4.
    public static let manifestSchema = TestPaths.file("docs/manifest.schema.json")

    static let script = #"""
import json, sys
from jsonschema import Draft202012Validator
schema = json.load(open(sys.argv[1], encoding="utf-8"))
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema)
for path in sys.argv[2:]:
    try:
        document = json.load(open(path, encoding="utf-8"))
    except ValueError as e:
        print(json.dumps({"file": path, "at": "", "error": f"not JSON: {e}"})); continue
    for e in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
        at = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in e.absolute_path)
        print(json.dumps({"file": path, "at": at or "(top)", "error": e.message[:300]}))
print(json.dumps({"checked": len(sys.argv) - 2}))
"""#

    /// One schema violation: the file, the JSON path in it (`.results[3].status`) and the message.
    public struct Violation: Sendable, CustomStringConvertible {
        public var file: String
        public var at: String
        public var error: String
        public var description: String { "\(file): \(at): \(error)" }
    }

    /// The violations of every file against `schema` (empty when all are valid). Skips the test
    /// when python3 or jsonschema is missing; throws when the schema itself is invalid.
    public static func violations(of files: [URL], schema: URL) throws -> [Violation] {
        try Processes.requirePython("jsonschema")
        let r = try Processes.python(["-c", script, schema.path] + files.map(\.path))
        guard r.status == 0 else { throw ToolError(message: "jsonschema on \(TestPaths.relative(schema)) failed: \(r.stderrText)") }
        var out: [Violation] = []
        var checked = -1
        for line in r.stdoutText.split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
            if let n = object["checked"] as? Int { checked = n; continue }
            out.append(Violation(file: TestPaths.relative(URL(fileURLWithPath: object["file"] as? String ?? "?")),
                                 at: object["at"] as? String ?? "", error: object["error"] as? String ?? ""))
        }
        guard checked == files.count else { throw ToolError(message: "jsonschema checked \(checked) of \(files.count) files: \(r.stderrText)") }
        return out
    }
}

/// Asserts that every file is valid against `schema`, listing each violation.
public func assertValid(_ files: [URL], against schema: URL, file: StaticString = #filePath, line: UInt = #line) throws {
    let violations = try JSONSchemaCheck.violations(of: files, schema: schema)
    XCTAssertTrue(violations.isEmpty, "\(violations.count) violations of \(TestPaths.relative(schema)):\n"
                  + violations.prefix(30).map(\.description).joined(separator: "\n"), file: file, line: line)
}
