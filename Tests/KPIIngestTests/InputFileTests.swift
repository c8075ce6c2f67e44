import Foundation
import KPIFields
import XCTest
@testable import KPIIngest

/// One descriptor per input, read only up to the size seen at open; a change is detected (issue 15 item 1).
final class InputFileTests: XCTestCase {
    private var path = ""

    override func setUpWithError() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("inputfile-\(UUID().uuidString).csv").path
        try Data("order_date,product_line\n2026-11-10,cloud\n".utf8).write(to: URL(fileURLWithPath: path))
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: path) }

    private func append(_ text: String) throws {
        let h = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        h.seekToEndOfFile()
        h.write(Data(text.utf8))
        try h.close()
    }

    func testAnUnchangedFilePassesTheCheck() throws {
        let file = try InputFile(path: path)
        XCTAssertEqual(file.size, 41)
        XCTAssertNoThrow(try file.checkUnchanged())
    }

    func testAppendedBytesAreNotReadAndTheChangeIsCaught() throws {
        let file = try InputFile(path: path)
        try append("2026-11-11,data\n")
        let reader = CSVReader(file: file, delimiter: UInt8(ascii: ","))
        var lines: [Int] = []
        try reader.read(header: { _ in }, record: { lines.append($0.line) }, malformed: { _, _, _ in })
        XCTAssertEqual(lines, [2], "only the row present at open is read")
        XCTAssertEqual(reader.bytesRead, 41)
        XCTAssertThrowsError(try file.checkUnchanged()) { error in
            XCTAssertEqual("\(error)", "\(path): changed while it was read; run again when the export is complete")
        }
    }

    func testAFileReplacedByARenameIsCaught() throws {
        let file = try InputFile(path: path)
        let other = path + ".new"
        try Data("order_date,product_line\n2026-11-10,cloud\n".utf8).write(to: URL(fileURLWithPath: other))
        XCTAssertEqual(rename(other, path), 0)
        XCTAssertThrowsError(try file.checkUnchanged())
    }

    func testTheDigestCoversTheBytesSeenAtOpen() throws {
        let file = try InputFile(path: path)
        let before = file.sha256Hex()
        try append("2026-11-11,data\n")
        XCTAssertEqual(file.sha256Hex(), before)
        XCTAssertEqual(before, "\(try KPIFieldsSHA.hex(of: Array("order_date,product_line\n2026-11-10,cloud\n".utf8)))")
    }

    func testNonRegularFilesAreRefusedWithoutBlocking() {
        XCTAssertThrowsError(try InputFile(path: "/dev/null")) { error in
            XCTAssertEqual("\(error)", "/dev/null: is not a regular file (a device, pipe or socket); point the source at a CSV file")
        }
        let fifo = path + ".fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        defer { unlink(fifo) }
        XCTAssertThrowsError(try InputFile(path: fifo), "a FIFO with no writer must not block the open")
        XCTAssertThrowsError(try InputFile(path: "/tmp")) { error in XCTAssertEqual("\(error)", "/tmp: is a folder, not a CSV file") }
        XCTAssertThrowsError(try InputFile(path: path + ".missing")) { error in XCTAssertTrue("\(error)".hasSuffix(": file not found")) }
    }
}

/// SHA-256 of bytes in memory, through the project's own digest.
enum KPIFieldsSHA {
    static func hex(of bytes: [UInt8]) throws -> String {
        var h = KPIFields.SHA256()
        bytes.withUnsafeBytes { h.update($0) }
        return KPIFields.SHA256.hex(h.finalize())
    }
}
