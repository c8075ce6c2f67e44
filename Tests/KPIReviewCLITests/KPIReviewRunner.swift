import Foundation
import XCTest
import KPITestSupport

/// What one run of the built `kpireview` binary did.
struct CommandResult {
    var exitCode: Int32
    var stdout: String
    var stderr: String

    var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }
    var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }
}

/// The package checkout, found from this file so fixtures can be read from any working directory.
let packageRoot = TestPaths.packageRoot

/// The broken inputs of `fixtures/bad/`.
func badFixture(_ name: String) throws -> Data {
    try Data(contentsOf: packageRoot.appendingPathComponent("fixtures/bad/" + name))
}

/// The built executable sits next to the test bundle (`.build/debug/`), as in swift-argument-parser's
/// `AssertExecuteCommand`; `swift test` builds it with the tests.
func kpireviewBinary() throws -> URL {
    var folder = Bundle.main.bundleURL
    if folder.lastPathComponent.hasSuffix(".xctest") { folder = folder.deletingLastPathComponent() }
    for candidate in [folder, Bundle(for: KPIReviewTestCase.self).bundleURL.deletingLastPathComponent()] {
        let url = candidate.appendingPathComponent("kpireview")
        if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    throw BinaryNotFound(folder: folder.path)
}

struct BinaryNotFound: Error, CustomStringConvertible {
    var folder: String
    var description: String { "kpireview binary not found in \(folder): run `swift build` first" }
}

/// Starts the binary with `args` in `cwd` without waiting (for the lock test).
func startKPIReview(_ args: [String], cwd: URL) throws -> (Process, Pipe, Pipe) {
    let p = Process()
    p.executableURL = try kpireviewBinary()
    p.arguments = args
    p.currentDirectoryURL = cwd
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    return (p, out, err)
}

/// Runs the binary to completion and collects its exit code and both streams.
func runKPIReview(_ args: [String], cwd: URL) throws -> CommandResult {
    let (p, out, err) = try startKPIReview(args, cwd: cwd)
    return finish(p, out, err)
}

/// Reads both pipes fully (stderr on another thread, so neither can fill up and block the child).
func finish(_ p: Process, _ out: Pipe, _ err: Pipe) -> CommandResult {
    let box = DataBox()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        box.data = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    p.waitUntilExit()
    return CommandResult(exitCode: p.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                         stderr: String(decoding: box.data, as: UTF8.self))
}

final class DataBox: @unchecked Sendable { var data = Data() }

/// A test case with its own scratch folder, which holds the config, the inputs and `out/`.
class KPIReviewTestCase: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("kpireview-e2e-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    /// Runs `kpireview` in the scratch folder.
    func kpireview(_ args: String...) throws -> CommandResult { try runKPIReview(args, cwd: dir) }
    func kpireview(_ args: [String]) throws -> CommandResult { try runKPIReview(args, cwd: dir) }

    /// `run` as of 2026-11-15 (a Sunday: the last day of 2026-W46) into `out`, Markdown and JSON only.
    func runReview(_ extra: String...) throws -> CommandResult {
        try runKPIReview(["run", "--as-of", "2026-11-15", "--out", "out", "--format", "md,json"] + extra, cwd: dir)
    }

    func write(_ name: String, _ text: String) throws {
        try write(name, Data(text.utf8))
    }

    func write(_ name: String, _ data: Data) throws {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func read(_ name: String) throws -> Data { try Data(contentsOf: dir.appendingPathComponent(name)) }
    func readText(_ name: String) throws -> String { String(decoding: try read(name), as: UTF8.self) }
    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path) }

    /// Every regular file below `name`, relative to it, sorted (hidden ones included).
    func files(under name: String) -> [String] {
        let root = dir.appendingPathComponent(name).path
        guard let e = FileManager.default.enumerator(atPath: root) else { return [] }
        var out: [String] = []
        while let rel = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + rel, isDirectory: &isDir), !isDir.boolValue { out.append(rel) }
        }
        return out.sorted()
    }

    func json(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: try read(name))
        guard let dict = object as? [String: Any] else {
            XCTFail("\(name) is not a JSON object", file: file, line: line)
            return [:]
        }
        return dict
    }

    /// The `data_quality.sources` entry of a report's JSON for one source.
    func sourceQuality(_ jsonFile: String, _ source: String = "orders") throws -> [String: Any] {
        let quality = try json(jsonFile)["data_quality"] as? [String: Any]
        let sources = quality?["sources"] as? [[String: Any]] ?? []
        return sources.first { $0["name"] as? String == source } ?? [:]
    }

    /// One result row of a report's JSON.
    func result(_ jsonFile: String, kpi: String, key: String) throws -> [String: Any] {
        let results = try json(jsonFile)["results"] as? [[String: Any]] ?? []
        return results.first { $0["kpi"] as? String == kpi && $0["key"] as? String == key } ?? [:]
    }

    /// Asserts that `out` was not created or holds nothing but the lock file.
    func assertNothingWritten(_ out: String = "out", file: StaticString = #filePath, line: UInt = #line) {
        let written = files(under: out).filter { $0 != ".lock" }
        XCTAssertEqual(written, [], "a failed run wrote files", file: file, line: line)
    }

    /// Asserts the exit code, printing both streams when it differs.
    func assertExit(_ r: CommandResult, _ code: Int32, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.exitCode, code, "stdout:\n\(r.stdout)\nstderr:\n\(r.stderr)", file: file, line: line)
    }
}

/// The configuration most tests use: one `orders` source, a selecting `where`, the default
/// `unknown_product_line: other`, and a generous reject ratio so bad rows are written, not fatal.
let baseConfig = """
    title: E2E review
    company: Test Co
    sources:
      orders: { path: orders.csv, date: order_date, product_line: product_line }
    max_reject_ratio: 0.5
    kpis:
      - { id: bookings, name: Bookings, source: orders, agg: sum, value: amount, where: "status == 'ok'", unit: currency }
      - { id: orders, name: Orders, source: orders, agg: count, where: "status == 'ok'", unit: count }
    output:
      prefix: e2e

    """

/// Good orders around 2026-W46 (2026-11-09..15); the cancelled `N/A` row is selected by no KPI, the
/// last row is after as-of 2026-11-15. W46: cloud 1000.10, data 299.90; W45: cloud 100.50, data 200.
let goodOrders = """
    order_date,product_line,amount,status
    2026-11-02,cloud,100.50,ok
    2026-11-03,data,200,ok
    2026-11-09,cloud,1000.10,ok
    2026-11-10,data,250.25,ok
    2026-11-12,cloud,N/A,cancelled
    2026-11-14,data,49.65,ok
    2026-11-16,cloud,999,ok

    """

let w46 = "out/weekly/2026-W46/"
let w46JSON = w46 + "e2e-weekly-2026-W46.json"
