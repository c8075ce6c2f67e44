import Foundation
import KPITestSupport
import XCTest

let mailTestsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

/// Compares `actual` with `Golden/<name>` through KPITestSupport's golden files: a line diff on a
/// difference, `KPIREVIEW_UPDATE_GOLDEN=1` records (and fails, so a recording never passes).
func assertGolden(_ actual: [UInt8], _ name: String, file: StaticString = #filePath, line: UInt = #line) {
    assertGolden(Data(actual), matches: mailTestsDirectory.appendingPathComponent("Golden/" + name), file: file, line: line)
}

/// Runs a program to completion; stdout and stderr as text.
func runProgram(_ path: String, _ args: [String], cwd: URL? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = args
    if let cwd { p.currentDirectoryURL = cwd }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let box = ErrBox()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async { box.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    let o = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: box.data, as: UTF8.self))
}

struct ScriptFailed: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

final class ErrBox: @unchecked Sendable { var data = Data() }

/// A scratch folder removed when the test ends.
func scratchFolder(_ test: XCTestCase) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kpimail-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
    return dir
}

/// What `Scripts/check_eml.py` (Python's email parser, policy.default) says about each file.
func pythonCheck(_ files: [URL]) throws -> [[String: Any]] {
    let script = mailTestsDirectory.appendingPathComponent("Scripts/check_eml.py").path
    let r = try runProgram("/usr/bin/env", ["python3", script] + files.map(\.path))
    guard r.status == 0 else { throw ScriptFailed(message: "check_eml.py exited \(r.status): \(r.stderr)") }
    return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
}
