import XCTest
@testable import KPITestSupport

final class JSONSchemaCheckTests: XCTestCase {
    func testViolationsPendingFieldsAndTheSchemasBookkeeping() throws {
        let dir = try TestPaths.scratchFolder("kpireview-schema-test")
        defer { try? FileManager.default.removeItem(at: dir) }
        func write(_ name: String, _ text: String) throws -> URL {
            let url = dir.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url
        }
        let schema = try write("s.json", """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "additionalProperties": false,
             "required": ["a"], "x-pending": ["b"],
             "properties": {"a": {"type": "integer"}, "b": {"type": "string"}}}
            """)
        let good = try write("good.json", #"{"a": 1}"#)
        let missing = try write("missing.json", #"{}"#)
        let mistyped = try write("mistyped.json", #"{"a": "1"}"#)
        let pending = try write("pending.json", #"{"a": 1, "b": "x"}"#)
        let unknown = try write("unknown.json", #"{"a": 1, "c": 2}"#)
        let found = try JSONSchemaCheck.violations(of: [good, missing, mistyped, pending, unknown], schema: schema)
        func at(_ url: URL) -> [String] { found.filter { $0.file == TestPaths.relative(url) }.map { "\($0.at): \($0.error)" } }
        XCTAssertEqual(at(good), [])
        XCTAssertEqual(at(missing), ["(top): 'a' is a required property"])
        XCTAssertEqual(at(mistyped), [".a: '1' is not of type 'integer'"])
        XCTAssertEqual(at(pending), [".b: a pending field is written now: move it from x-pending to required in the schema"])
        XCTAssertEqual(at(unknown).count, 1)

        let broken = try write("broken.json", """
            {"type": "object", "required": ["a", "z"], "x-pending": ["a", "y"], "properties": {"a": {}}}
            """)
        let own = try JSONSchemaCheck.violations(of: [good], schema: broken).filter { $0.file == TestPaths.relative(broken) }.map(\.error)
        XCTAssertEqual(Set(own), ["required field 'z' is not declared in properties", "pending field 'a' is also required",
                                  "pending field 'y' is not declared in properties"])
    }
}
