import Foundation
import XCTest
@testable import KPIRun

/// The publishing's roll-forward from every state a kill can leave (issue 15 items 2 and 3).
final class PublicationTests: XCTestCase {
    var out = ""
    let fm = FileManager.default

    override func setUpWithError() throws {
        out = NSTemporaryDirectory() + "kpireview-publication-\(getpid())-\(UUID().uuidString)"
        try fm.createDirectory(atPath: out + "/weekly/2026-W01", withIntermediateDirectories: true)
        try Data("old".utf8).write(to: URL(fileURLWithPath: out + "/weekly/2026-W01/r.md"))
        try fm.createDirectory(atPath: out + "/rejects/.history/1", withIntermediateDirectories: true)
        try Data("older".utf8).write(to: URL(fileURLWithPath: out + "/rejects/.history/1/s.csv"))
        try Data("old rejects".utf8).write(to: URL(fileURLWithPath: out + "/rejects/s.csv"))
    }

    override func tearDownWithError() throws { try? fm.removeItem(atPath: out) }

    private func text(_ rel: String) -> String? {
        fm.contents(atPath: out + "/" + rel).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Every file below OUT, relative, with its text.
    private func tree() -> [String: String] {
        var all: [String: String] = [:]
        let e = fm.enumerator(atPath: out)
        while let rel = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: out + "/" + rel, isDirectory: &isDir), !isDir.boolValue { all[rel] = text(rel) }
        }
        return all
    }

    /// What OUT holds once this publication has completed, however it got there.
    private let expected: [String: String] = [
        "weekly/2026-W01/r.md": "new", "weekly/2026-W02/r.md": "new two",
        ".history/weekly/2026-W01/1/r.md": "old",
        "rejects/t.csv": "new rejects", "rejects/.history/1/s.csv": "older", "rejects/.history/2/s.csv": "old rejects",
        "index.html": "index",
    ]

    private func staged() throws -> Publication {
        let p = Publication(out: out)
        XCTAssertTrue(try p.stageFolder(files: [.init(name: "r.md", bytes: Array("new".utf8))], to: out + "/weekly/2026-W01",
                                        historyRoot: out + "/.history/weekly/2026-W01"))
        XCTAssertTrue(try p.stageFolder(files: [.init(name: "r.md", bytes: Array("new two".utf8))], to: out + "/weekly/2026-W02",
                                        historyRoot: out + "/.history/weekly/2026-W02"))
        try p.stageRejects(files: [.init(name: "t.csv", bytes: Array("new rejects".utf8))], to: out + "/rejects")
        try p.stageFile(Array("index".utf8), to: out + "/index.html")
        return p
    }

    func testACompletedPublicationLeavesExactlyTheNewStateAndItsHistory() throws {
        try staged().commit()
        XCTAssertEqual(tree(), expected)
    }

    func testADiscardedPublicationLeavesOUTAsItWas() throws {
        let before = tree()
        let p = try staged()
        p.discard()
        XCTAssertEqual(tree(), before)
    }

    func testAnIdenticalFolderIsNotStaged() throws {
        let p = Publication(out: out)
        XCTAssertFalse(try p.stageFolder(files: [.init(name: "r.md", bytes: Array("old".utf8))], to: out + "/weekly/2026-W01",
                                         historyRoot: out + "/.history/weekly/2026-W01"))
        XCTAssertEqual(p.steps, [])
    }

    /// A kill after the journal and after each of the first k sub-steps of each step: recovery
    /// gives the completed state. The sub-steps are replayed here by hand, as `apply` does them.
    func testRecoveryFromEveryIntermediateState() throws {
        for cut in 0..<7 {
            try tearDownWithError(); try setUpWithError()
            let p = try staged()
            try Publication.writeJournal(p.steps, out: out)
            let folder = p.steps[0], rejects = p.steps[2]
            // cut 1: the first folder exchanged; 2: and its old one archived; 3: and its marker removed.
            if cut >= 1 { XCTAssertTrue(OutputFolder.swapDirectories(folder.stage, folder.dest)) }
            if cut >= 2 {
                try fm.createDirectory(atPath: folder.history, withIntermediateDirectories: true)
                try fm.moveItem(atPath: folder.stage, toPath: folder.history + "/1")
            }
            if cut >= 3 { try fm.removeItem(atPath: folder.dest + "/" + Publication.marker) }
            // cut 4: the second folder moved in (new, no old); 5: rejects exchanged;
            // 6: the old rejects' history handed to the new folder.
            if cut >= 4 { try Publication.apply(p.steps[1]) }
            if cut >= 5 { XCTAssertTrue(OutputFolder.swapDirectories(rejects.stage, rejects.dest)) }
            if cut >= 6 { try fm.moveItem(atPath: rejects.stage + "/.history", toPath: rejects.dest + "/.history") }
            // A later run, under the lock:
            try Publication.recover(out: out, cadences: ["weekly", "monthly", "quarterly"])
            XCTAssertEqual(tree(), expected, "after a kill at cut \(cut)")
        }
    }

    func testRecoveryRemovesStaleTemporaryFoldersOfDeadRuns() throws {
        try fm.createDirectory(atPath: out + "/weekly/.tmp-2026-W05-99999", withIntermediateDirectories: true)
        try Data("half".utf8).write(to: URL(fileURLWithPath: out + "/weekly/.tmp-2026-W05-99999/r.md"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: out + "/.tmp-index.html-99999"))
        let before = tree().filter { !$0.key.contains(".tmp-") }
        try Publication.recover(out: out, cadences: ["weekly", "monthly", "quarterly"])
        XCTAssertEqual(tree(), before)
    }
}
