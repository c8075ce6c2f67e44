import Foundation
import XCTest

let mailTestsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

/// Compares `actual` with `Golden/<name>` byte for byte; on a difference, shows the first differing
/// lines with their numbers and context, expected (-) against actual (+).
/// `KPIREVIEW_UPDATE_GOLDEN=1 swift test --filter KPIMailTests` rewrites the files (review the diff).
func assertGolden(_ actual: [UInt8], _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let url = mailTestsDirectory.appendingPathComponent("Golden/" + name)
    if ProcessInfo.processInfo.environment["KPIREVIEW_UPDATE_GOLDEN"] == "1" {
        try Data(actual).write(to: url)
        return
    }
    let expected = [UInt8](try Data(contentsOf: url))
    guard expected != actual else { return }
    XCTFail("\(name) differs from its golden file:\n" + lineDiff(expected, actual), file: file, line: line)
}

/// The first differences of two texts, line by line (CR shown as ␍), at most 12 lines of each.
func lineDiff(_ a: [UInt8], _ b: [UInt8]) -> String {
    func lines(_ x: [UInt8]) -> [String] {
        String(decoding: x, as: UTF8.self).replacingOccurrences(of: "\r", with: "␍").components(separatedBy: "\n")
    }
    let l = lines(a), r = lines(b)
    guard let first = (0..<max(l.count, r.count)).first(where: { $0 >= l.count || $0 >= r.count || l[$0] != r[$0] }) else {
        return "(same lines, different bytes)"
    }
    var out: [String] = []
    for i in max(0, first - 2)..<first { out.append("  \(i + 1): \(l[i])") }
    for i in first..<min(l.count, first + 12) { out.append("- \(i + 1): \(l[i])") }
    for i in first..<min(r.count, first + 12) { out.append("+ \(i + 1): \(r[i])") }
    out.append("(\(l.count) lines expected, \(r.count) actual)")
    return out.joined(separator: "\n")
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
