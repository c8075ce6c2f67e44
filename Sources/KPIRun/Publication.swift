import CPosix
import Foundation

/// Publishes a run's report folders, `rejects/` and `index.html` all or nothing (SPEC 7, issue 15).
///
/// 1. **Stage**: each folder is written into a temporary folder beside its target
///    (`.tmp-<name>-<pid>`), with a marker file; identical folders are not staged at all. A failure
///    here removes every staged folder, and OUT is exactly as it was: exit 1 means nothing changed.
/// 2. **Journal**: once everything is staged, `OUT/.publishing` lists each step, written durably.
/// 3. **Apply**: each staged folder is exchanged with its target in one step (`renameat2`
///    RENAME_EXCHANGE: never a moment without a folder), the old one then archived under `.history`,
///    and the marker removed; then the journal is deleted.
///
/// A kill at any instant leaves the journal, and the next run (holding the lock) rolls every step
/// forward before it does anything else: the marker says on which side of the exchange a folder
/// is, and each step is recognisable by what exists. Then stale temporary folders of dead runs are
/// swept. The marker may be seen inside a published folder only between a crash and the next run.
final class Publication {
    enum Kind: String { case folder, rejects, file }
    struct Step: Equatable { var kind: Kind; var stage: String; var dest: String; var history: String }

    static let marker = ".kpireview-staged"
    static let journalName = ".publishing"

    let out: String
    private(set) var steps: [Step] = []
    private let fm = FileManager.default

    init(out: String) { self.out = out }

    private func tmpPath(for dest: String) -> String {
        let parent = (dest as NSString).deletingLastPathComponent
        return parent + "/.tmp-" + (dest as NSString).lastPathComponent + "-\(getpid())"
    }

    /// Stages a report folder; false (nothing staged) when `dest` already holds exactly `files`.
    func stageFolder(files: [OutputFolder.File], to dest: String, historyRoot: String) throws -> Bool {
        if let existing = try? OutputFolder.contents(of: dest), existing == Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.bytes) }) {
            return false
        }
        let stage = tmpPath(for: dest)
        try writeStage(files, at: stage)
        steps.append(Step(kind: .folder, stage: stage, dest: dest, history: historyRoot))
        return true
    }

    /// Stages `OUT/rejects/`, whose history lives inside it (SPEC 4.4): compared without its
    /// history; no rejects this run still stages an empty folder, so the previous ones are archived.
    func stageRejects(files: [OutputFolder.File], to dest: String) throws {
        let current = ((try? OutputFolder.contents(of: dest)) ?? [:]).filter { !$0.key.hasPrefix(".history/") }
        if current == Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.bytes) }) { return }
        let stage = tmpPath(for: dest)
        try writeStage(files, at: stage)
        steps.append(Step(kind: .rejects, stage: stage, dest: dest, history: dest + "/.history"))
    }

    /// Stages one file that replaces `dest` by a rename (`index.html`).
    func stageFile(_ bytes: [UInt8], to dest: String) throws {
        let stage = tmpPath(for: dest)
        try fm.createDirectory(atPath: (dest as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        do { try OutputFolder.writeDurably(bytes, to: stage) } catch {
            try? fm.removeItem(atPath: stage)
            throw error
        }
        steps.append(Step(kind: .file, stage: stage, dest: dest, history: ""))
    }

    private func writeStage(_ files: [OutputFolder.File], at stage: String) throws {
        try fm.createDirectory(atPath: (stage as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        if fm.fileExists(atPath: stage) { try fm.removeItem(atPath: stage) }
        do {
            try fm.createDirectory(atPath: stage, withIntermediateDirectories: true)
            for f in files {
                let sub = (f.name as NSString).deletingLastPathComponent
                if !sub.isEmpty { try fm.createDirectory(atPath: stage + "/" + sub, withIntermediateDirectories: true) }
                try OutputFolder.writeDurably(f.bytes, to: stage + "/" + f.name)
            }
            try OutputFolder.writeDurably([], to: stage + "/" + Publication.marker)
        } catch {
            try? fm.removeItem(atPath: stage)
            throw error
        }
    }

    /// Removes everything staged (after a failure): OUT is left as it was.
    func discard() {
        for s in steps { try? fm.removeItem(atPath: s.stage) }
        steps = []
    }

    /// Journals the steps, applies them in order, then deletes the journal. First checks that no
    /// target (nor the folder holding it) is immutable or append-only: such a folder cannot be
    /// replaced, and finding out halfway would publish part of the run.
    func commit() throws {
        guard !steps.isEmpty else { return }
        for s in steps {
            for path in [s.dest, (s.dest as NSString).deletingLastPathComponent] where kpi_is_immutable(path) == 1 {
                discard()
                throw PublishError(path: path)
            }
        }
        try Publication.writeJournal(steps, out: out)
        for s in steps { try Publication.apply(s) }
        try Publication.removeJournal(out: out)
        steps = []
    }

    // MARK: the journal

    static func writeJournal(_ steps: [Step], out: String) throws {
        let text = steps.map { [$0.kind.rawValue, $0.stage, $0.dest, $0.history].joined(separator: "\t") }.joined(separator: "\n") + "\n"
        let path = out + "/" + journalName, tmp = path + ".tmp"
        try OutputFolder.writeDurably(Array(text.utf8), to: tmp)
        guard rename(tmp, path) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        syncDirectory(out)
    }

    static func removeJournal(out: String) throws {
        let path = out + "/" + journalName
        if unlink(path) != 0 && errno != ENOENT { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        syncDirectory(out)
    }

    static func readJournal(out: String) -> [Step]? {
        guard let data = FileManager.default.contents(atPath: out + "/" + journalName) else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 4, let kind = Kind(rawValue: f[0]) else { return nil }
            return Step(kind: kind, stage: f[1], dest: f[2], history: f[3])
        }
    }

    /// So a rename survives a power cut: the directory entry itself is made durable.
    static func syncDirectory(_ dir: String) {
        let fd = open(dir, O_RDONLY | O_DIRECTORY)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    // MARK: applying a step (idempotent: also the roll-forward of a killed run)

    static func apply(_ s: Step) throws {
        let fm = FileManager.default
        func exists(_ p: String) -> Bool { fm.fileExists(atPath: p) }
        switch s.kind {
        case .file:
            if exists(s.stage) { try renameOrThrow(s.stage, s.dest) }
        case .folder, .rejects:
            if exists(s.stage + "/" + marker) {
                // Not exchanged yet (or moved aside: then `dest` is missing and `.old` holds it).
                if exists(s.dest) {
                    if !OutputFolder.swapDirectories(s.stage, s.dest) {
                        // No RENAME_EXCHANGE on this file system: move the old folder aside, then
                        // the new one in (the journal covers the moment between).
                        try renameOrThrow(s.dest, s.stage + ".old")
                        try renameOrThrow(s.stage, s.dest)
                    }
                } else {
                    try fm.createDirectory(atPath: (s.dest as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                    try renameOrThrow(s.stage, s.dest)
                }
            }
            guard exists(s.dest + "/" + marker) else { return }
            // Exchanged: the stage path now holds the old folder (if there was one), or `.old` does.
            if exists(s.stage) { try archive(s.stage, s) }
            if exists(s.stage + ".old") { try archive(s.stage + ".old", s) }
            try fm.removeItem(atPath: s.dest + "/" + marker)
            syncDirectory((s.dest as NSString).deletingLastPathComponent)
        }
    }

    /// Keeps a replaced folder: a report folder under its history root as the next number; an old
    /// `rejects/` gives its history back to the new one and its current files to that history.
    private static func archive(_ old: String, _ s: Step) throws {
        let fm = FileManager.default
        switch s.kind {
        case .folder:
            try fm.createDirectory(atPath: s.history, withIntermediateDirectories: true)
            try renameOrThrow(old, s.history + "/\(OutputFolder.nextHistoryNumber(s.history))")
        case .rejects:
            let oldHistory = old + "/.history"
            if fm.fileExists(atPath: oldHistory) {
                if fm.fileExists(atPath: s.history) {
                    // A roll-forward after the history moved but before the old files did: keep both.
                    for name in (try? fm.contentsOfDirectory(atPath: oldHistory)) ?? [] {
                        try renameOrThrow(oldHistory + "/" + name, s.history + "/\(OutputFolder.nextHistoryNumber(s.history))")
                    }
                    try fm.removeItem(atPath: oldHistory)
                } else {
                    try renameOrThrow(oldHistory, s.history)
                }
            }
            let rest = ((try? fm.contentsOfDirectory(atPath: old)) ?? []).filter { $0 != marker }
            if rest.isEmpty {
                try fm.removeItem(atPath: old)
            } else {
                try? fm.removeItem(atPath: old + "/" + marker)
                try fm.createDirectory(atPath: s.history, withIntermediateDirectories: true)
                try renameOrThrow(old, s.history + "/\(OutputFolder.nextHistoryNumber(s.history))")
            }
        case .file:
            break
        }
    }

    private static func renameOrThrow(_ from: String, _ to: String) throws {
        guard rename(from, to) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    }

    // MARK: recovery, at the start of a run that holds the lock

    /// Rolls a killed run's journal forward, then removes temporary folders and files of dead runs
    /// (`.tmp-*` in OUT and in its cadence folders). Only a run holding the lock may call this.
    static func recover(out: String, cadences: [String]) throws {
        if let steps = readJournal(out: out) {
            for s in steps { try apply(s) }
            try removeJournal(out: out)
        }
        let fm = FileManager.default
        for dir in [out] + cadences.map({ out + "/" + $0 }) {
            for name in (try? fm.contentsOfDirectory(atPath: dir)) ?? [] where name.hasPrefix(".tmp-") {
                try fm.removeItem(atPath: dir + "/" + name)
            }
        }
        try? fm.removeItem(atPath: out + "/" + journalName + ".tmp")
    }
}

/// A target that cannot be replaced; nothing was changed.
struct PublishError: Error, CustomStringConvertible {
    var path: String
    var description: String { "\(path) is immutable or append-only (chattr), so it cannot be replaced; nothing was changed" }
}
