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

    /// Validates with the schema as it is; then, with every field an object lists in its
    /// `x-pending` (SPEC fields not written yet) made to fail (`not: {}`), reports each pending field a
    /// file does write, so that it gets moved into `required`. Also checks the schema's own
    /// bookkeeping: pending fields are declared and not required, required ones are declared.
    static let script = #"""
import copy, json, sys
from jsonschema import Draft202012Validator
schema = json.load(open(sys.argv[1], encoding="utf-8"))
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema)
def out(path, at, error): print(json.dumps({"file": path, "at": at, "error": error}))
def walk(node, where):
    if isinstance(node, dict):
        props, req, pend = node.get("properties", {}), node.get("required", []), node.get("x-pending", [])
        for f in req:
            if f not in props: out(sys.argv[1], where, f"required field {f!r} is not declared in properties")
        for f in pend:
            if f not in props: out(sys.argv[1], where, f"pending field {f!r} is not declared in properties")
            if f in req: out(sys.argv[1], where, f"pending field {f!r} is also required")
        if pend:
            node["properties"] = dict(props, **{f: {"not": {}, "x-pending-field": f} for f in pend})
        for k, v in list(node.items()):
            if k != "properties": walk(v, f"{where}/{k}")
        for k, v in props.items(): walk(v, f"{where}/properties/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node): walk(v, f"{where}/{i}")
now = copy.deepcopy(schema)
walk(now, "#")
written_now = Draft202012Validator(now)
def at_of(e): return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in e.absolute_path) or "(top)"
for path in sys.argv[2:]:
    try:
        document = json.load(open(path, encoding="utf-8"))
    except ValueError as e:
        out(path, "", f"not JSON: {e}"); continue
    for e in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
        out(path, at_of(e), e.message[:300])
    for e in written_now.iter_errors(document):
        if isinstance(e.schema, dict) and "x-pending-field" in e.schema:
            out(path, at_of(e), "a pending field is written now: move it from x-pending to required in the schema")
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
