import Foundation
import XCTest
import KPIFields
import KPITestSupport

/// Nothing lost, whatever happens while publishing (issue 15 items 2 and 3): a full disk, a folder
/// that cannot be replaced, and SIGKILL at random moments. After each, every report folder is
/// complete against its manifest (old or new), no temporary folder or journal is left once a
/// normal run has followed, and `.history` holds complete folders only.
final class PublishingFaultTests: KPIReviewTestCase {
    /// The starter company of `kpireview init` (January 2025 to 1 March 2026).
    override func setUpWithError() throws {
        try super.setUpWithError()
        assertExit(try kpireview("init", "co"), 0)
    }

    private func backfill(_ out: String, from: String = "2025-10-01", formats: String = "md,json,xlsx") throws -> CommandResult {
        try kpireview("run", "--config", "co/kpireview.yml", "--as-of", "2026-03-01", "--cadence", "weekly",
                      "--from", from, "--to", "2026-03-01", "--out", out, "--format", formats, "--quiet")
    }

    /// Every file below `root` with its bytes, relative paths (the lock file left out).
    private func tree(_ root: String) -> [String: Data] {
        var out: [String: Data] = [:]
        for rel in files(under: root) where rel != ".lock" { out[rel] = try? read(root + "/" + rel) }
        return out
    }

    private func sha256(_ data: Data) -> String {
        var h = SHA256()
        data.withUnsafeBytes { h.update($0) }
        return SHA256.hex(h.finalize())
    }

    /// Asserts that each report folder (current and archived) holds exactly its manifest's files,
    /// byte for byte, and that no temporary folder, marker or journal is left.
    private func assertEveryFolderComplete(_ out: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let all = files(under: out)
        for rel in all {
            XCTAssertFalse(rel.contains(".tmp-") || rel.contains(".kpireview-staged") || rel.hasPrefix(".publishing"),
                           "left over: \(rel)", file: file, line: line)
        }
        let manifests = all.filter { $0.hasSuffix("manifest.json") }
        XCTAssertFalse(manifests.isEmpty, "no report folder", file: file, line: line)
        for m in manifests {
            let folder = (m as NSString).deletingLastPathComponent
            let doc = try json(out + "/" + m)
            let outputs = doc["outputs"] as? [[String: Any]] ?? []
            var listed = Set(outputs.compactMap { $0["path"] as? String })
            listed.insert("manifest.json")
            let present = Set(all.filter { ($0 as NSString).deletingLastPathComponent == folder || $0.hasPrefix(folder + "/rejects/") }
                .map { String($0.dropFirst(folder.count + 1)) })
            XCTAssertEqual(present, listed, "files of \(folder)", file: file, line: line)
            for o in outputs {
                guard let path = o["path"] as? String else { continue }
                let data = try read(out + "/" + folder + "/" + path)
                XCTAssertEqual(sha256(data), o["sha256"] as? String, "\(folder)/\(path)", file: file, line: line)
            }
        }
    }

    // MARK: a full disk

    func testABackfillOnAFullDiskChangesNothing() throws {
        let mnt = dir.appendingPathComponent("small").path
        try FileManager.default.createDirectory(atPath: mnt, withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=3m", "tmpfs", mnt]
        try mount.run(); mount.waitUntilExit()
        guard mount.terminationStatus == 0 else { throw XCTSkip("mounting a tmpfs is not allowed here (not root?)") }
        defer {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [mnt]
            try? umount.run(); umount.waitUntilExit()
        }
        // One week fits; then a 22-week backfill (≈ 6 MB) cannot.
        assertExit(try backfill("small/out", from: "2026-02-23"), 0)
        let before = tree("small/out")
        XCTAssertEqual(before.keys.filter { $0.hasSuffix("manifest.json") }.count, 1)
        let r = try backfill("small/out")
        assertExit(r, 1)
        XCTAssertTrue(r.stderr.hasPrefix("kpireview: error: writing reports into small/out: the disk is full"), r.stderr)
        XCTAssertEqual(tree("small/out"), before, "a failed run changed OUT")
        XCTAssertEqual(files(under: "small/out").filter { $0.contains(".tmp-") }, [])
    }

    // MARK: a folder that cannot be replaced

    func testAnImmutableFolderStopsTheRunBeforeAnythingIsReplaced() throws {
        assertExit(try backfill("out", from: "2026-02-01", formats: "md,json"), 0)
        let before = tree("out")
        let locked = dir.appendingPathComponent("out/weekly/2026-W07").path
        let chattr = Process()
        chattr.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        chattr.arguments = ["+i", locked]
        chattr.standardError = FileHandle.nullDevice
        guard (try? chattr.run()) != nil else { throw XCTSkip("chattr is not installed") }
        chattr.waitUntilExit()
        guard chattr.terminationStatus == 0 else { throw XCTSkip("this file system has no immutable flag") }
        defer {
            let undo = Process()
            undo.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
            undo.arguments = ["-i", locked]
            try? undo.run(); undo.waitUntilExit()
        }
        // Every folder would change (another set of formats), the fourth of them cannot.
        let r = try backfill("out", from: "2026-02-01", formats: "md,json,xlsx")
        assertExit(r, 1)
        XCTAssertEqual(r.stderrLines, ["kpireview: error: writing reports into out: \(dir.path)/out/weekly/2026-W07 is immutable or append-only (chattr), so it cannot be replaced; nothing was changed".replacingOccurrences(of: dir.path + "/", with: "")])
        XCTAssertEqual(tree("out"), before, "a failed run changed OUT")
    }

    // MARK: SIGKILL at random moments

    func testKilledBackfillsAreRepairedByTheNextRun() throws {
        assertExit(try backfill("out", formats: "md,json"), 0)
        var random = SplitMix64(seed: 15)
        for trial in 0..<6 {
            // Each run would replace every folder: formats alternate.
            let formats = trial % 2 == 0 ? "md,json,xlsx" : "md,json"
            let (p, o, e) = try startKPIReview(["run", "--config", "co/kpireview.yml", "--as-of", "2026-03-01", "--cadence", "weekly",
                                                "--from", "2025-10-01", "--to", "2026-03-01", "--out", "out", "--format", formats, "--quiet"], cwd: dir)
            usleep(UInt32(random.next() % 2_500_000))
            kill(p.processIdentifier, SIGKILL)
            _ = finish(p, o, e)
            // The next run, identical to the killed one, repairs first and then completes.
            let r = try backfill("out", formats: formats)
            XCTAssertTrue([0, 3].contains(r.exitCode), "trial \(trial): \(r.stderr)")
            try assertEveryFolderComplete("out")
            XCTAssertFalse(exists("out/.publishing"), "journal left after trial \(trial)")
        }
    }
}
