import XCTest
import KPIFields
@testable import KPIExpr

/// Builds a RawRow over the fields' UTF-8 bytes for the duration of `body`.
func withRow<T>(_ fields: [String], _ body: (RawRow) throws -> T) rethrows -> T {
    var bytes: [UInt8] = []
    var spans: [FieldSpan] = []
    for f in fields {
        spans.append(FieldSpan(start: Int32(bytes.count), length: Int32(f.utf8.count)))
        bytes.append(contentsOf: f.utf8)
    }
    bytes.append(0)  // never empty, so the base address exists
    return try bytes.withUnsafeBufferPointer { b in
        try spans.withUnsafeBufferPointer { s in
            try body(RawRow(bytes: b.baseAddress!, spans: s.baseAddress!, count: fields.count))
        }
    }
}

/// Case-insensitive header lookup, as the importer does it.
func header(_ names: [String]) -> (String) -> Int? {
    let lowered = names.map { $0.lowercased() }
    return { lowered.firstIndex(of: $0.lowercased()) }
}

/// Exact decimal from millionths, spelled out so expectations do not go through a parser.
func fx(_ millionths: Int128) -> Fixed { Fixed(raw: millionths) }
func fxInt(_ n: Int) -> Fixed { Fixed(integer: n) }

/// The error a parse throws, or a failure when it does not throw.
func parseError(_ parse: (String) throws(ExprError) -> some Any, _ text: String,
                file: StaticString = #filePath, line: UInt = #line) -> ExprError? {
    do {
        _ = try parse(text)
        XCTFail("expected an error for \(text)", file: file, line: line)
        return nil
    } catch {
        return error
    }
}
