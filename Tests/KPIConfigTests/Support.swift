import XCTest
@testable import KPIConfig

/// Parses a config that must be valid, failing the test with every error otherwise.
func parseValid(_ yaml: String, path: String = "conf/kpireview.yml", file: StaticString = #filePath, line: UInt = #line) -> Config? {
    do {
        return try ConfigLoader.parse(yaml: yaml, path: path)
    } catch {
        XCTFail("unexpected config errors:\n\(error)", file: file, line: line)
        return nil
    }
}

/// Parses a config that must be invalid and returns its errors.
func parseErrors(_ yaml: String, path: String = "k.yml", file: StaticString = #filePath, line: UInt = #line) -> [ConfigError] {
    do {
        _ = try ConfigLoader.parse(yaml: yaml, path: path)
        XCTFail("expected config errors", file: file, line: line)
        return []
    } catch {
        return error.errors
    }
}

/// Asserts exactly one error, at a position, and returns it for further checks.
@discardableResult
func assertSingleError(_ yaml: String, line: Int, column: Int, message: String, value: String? = nil,
                       file: StaticString = #filePath, testLine: UInt = #line) -> ConfigError? {
    let errors = parseErrors(yaml, file: file, line: testLine)
    guard errors.count == 1, let error = errors.first else {
        XCTFail("expected one error, got \(errors.count):\n\(errors.map(\.description).joined(separator: "\n"))", file: file, line: testLine)
        return nil
    }
    XCTAssertEqual(error.line, line, "line of \(error)", file: file, line: testLine)
    XCTAssertEqual(error.column, column, "column of \(error)", file: file, line: testLine)
    XCTAssertEqual(error.message, message, file: file, line: testLine)
    XCTAssertEqual(error.value, value, file: file, line: testLine)
    return error
}
