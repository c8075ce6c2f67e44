import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Unattended-run guarantees (SPEC 7): the lock gives up with 75, and a run killed at any moment
/// leaves every earlier report byte-identical with no partial folder in sight.
final class OperabilityTests: KPIReviewTestCase {
    func run(_ args: [String], env: [String: String] = [:]) throws -> (Process, Pipe, Pipe) {
        let p = Process()
        p.executableURL = try kpireviewBinary()
        p.arguments = args
        p.currentDirectoryURL = dir
        p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err; p.standardInput = FileHandle.nullDevice
        try p.run()
        return (p, out, err)
    }

    func testASecondRunGivesUpOnTheLockWithExit75() throws {
        let company = try kpireview("generate", "--rows", "200", "--seed", "3", "--out", "co")
        assertExit(company, 0)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("out"), withIntermediateDirectories: true)
        let fd = open(dir.appendingPathComponent("out/.lock").path, O_RDWR | O_CREAT, 0o644)
        XCTAssertGreaterThanOrEqual(fd, 0)
        XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0)
        defer { flock(fd, LOCK_UN); close(fd) }
        let (p, out, err) = try run(["run", "--config", "co/kpireview.yml", "--as-of", "2026-11-15", "--out", "out", "--format", "json"],
                                    env: ["KPIREVIEW_LOCK_TIMEOUT": "1"])
        let r = finish(p, out, err)
        XCTAssertEqual(r.exitCode, 75, r.stderr)
        // Said once while it waits (SPEC 8), then the error.
        XCTAssertEqual(r.stderr, "kpireview: out/.lock is held by another kpireview run; waiting up to 1 s\n"
                       + "kpireview: error: out/.lock: another kpireview run holds the lock; gave up after 1 s\n")
        XCTAssertFalse(exists("out/weekly"), "nothing written")
    }

    /// A run that holds the lock writes its pid into it; one that waits names that pid, once.
    func testAWaitingRunNamesTheHoldersPid() throws {
        assertExit(try kpireview("generate", "--rows", "200", "--seed", "3", "--out", "co"), 0)
        let args = ["run", "--config", "co/kpireview.yml", "--as-of", "2026-11-15", "--out", "out", "--format", "json"]
        let first = try kpireview(args)
        XCTAssertTrue([0, 3].contains(first.exitCode), first.stderr)
        XCTAssertEqual(try readText("out/.lock").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, false,
                       "the last holder's pid stays in the file")
        let fd = open(dir.appendingPathComponent("out/.lock").path, O_RDWR, 0o644)
        XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0)
        defer { flock(fd, LOCK_UN); close(fd) }
        XCTAssertEqual(ftruncate(fd, 0), 0)
        XCTAssertEqual(pwrite(fd, "4242\n", 5, 0), 5)
        let (p, out, err) = try run(args, env: ["KPIREVIEW_LOCK_TIMEOUT": "1"])
        let r = finish(p, out, err)
        XCTAssertEqual(r.exitCode, 75, r.stderr)
        XCTAssertEqual(r.stderrLines.first, "kpireview: out/.lock is held by the kpireview run with pid 4242; waiting up to 1 s")
        XCTAssertEqual(r.stderrLines.filter { $0.contains("waiting") }.count, 1, "said once")
        let (q, qo, qe) = try run(args + ["--quiet"], env: ["KPIREVIEW_LOCK_TIMEOUT": "1"])
        let quiet = finish(q, qo, qe)
        XCTAssertEqual(quiet.stderrLines, ["kpireview: error: out/.lock: another kpireview run holds the lock; gave up after 1 s"])
    }

    func snapshot(_ folder: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in files(under: folder) { out[name] = try read(folder + "/" + name) }
        return out
    }

    func testKillingRunsAtRandomMomentsNeverLeavesAPartialReport() throws {
        assertExit(try kpireview("generate", "--rows", "60000", "--seed", "11", "--out", "co"), 0)
        let base = ["run", "--config", "co/kpireview.yml", "--format", "xlsx,md,json", "--cadence", "weekly,monthly"]
        // The two complete versions a folder may hold: as of the 15th and as of the 16th.
        assertExit(try kpireview(base + ["--as-of", "2026-11-16", "--out", "b"]), 0)
        let started = Date()
        assertExit(try kpireview(base + ["--as-of", "2026-11-15", "--out", "out"]), 0)
        // Kills land within a run's own duration (measured, not guessed: a faster build would
        // otherwise finish most runs before the kill and test nothing).
        let runMicros = UInt32(min(max(Date().timeIntervalSince(started), 0.05), 5) * 1_000_000)
        let versionA = try snapshot("out/weekly/2026-W46"), versionB = try snapshot("b/weekly/2026-W46")
        XCTAssertNotEqual(versionA, versionB, "the two as-of dates must give different reports")
        XCTAssertFalse(versionA.isEmpty)

        var generator = SystemRandomNumberGenerator()
        var killed = 0
        for i in 0..<10 {
            let asOf = i % 2 == 0 ? "2026-11-16" : "2026-11-15"
            let (p, _, _) = try run(base + ["--as-of", asOf, "--out", "out", "--quiet"])
            usleep(UInt32.random(in: runMicros / 20...runMicros * 9 / 10, using: &generator))
            if p.isRunning { kill(p.processIdentifier, SIGKILL); killed += 1 }
            p.waitUntilExit()
            let now = try snapshot("out/weekly/2026-W46")
            XCTAssertTrue(now == versionA || now == versionB, "iteration \(i): the report folder is neither complete version")
            let visible = (try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out/weekly").path)).filter { !$0.hasPrefix(".") }
            XCTAssertEqual(visible, ["2026-W46"], "iteration \(i): only complete report folders are visible")
        }
        XCTAssertGreaterThan(killed, 3, "most runs must have been killed mid-way")
        // A last run in peace: complete, and every replaced version kept in .history.
        assertExit(try kpireview(base + ["--as-of", "2026-11-15", "--out", "out"]), 0)
        XCTAssertEqual(try snapshot("out/weekly/2026-W46"), versionA)
    }
}
