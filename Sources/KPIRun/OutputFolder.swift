import CPosix
import Foundation

/// Writes report folders so that a failed run leaves every existing file as it was (SPEC 7):
/// build in a temporary folder beside the target, then rename it into place; a replaced folder whose
/// files differ is kept under `OUT/.history/<cadence>/<period>/<n>/`.
enum OutputFolder {
    struct File { var name: String; var bytes: [UInt8] }

    /// Returns true when the folder changed (false for an identical rerun).
    @discardableResult
    static func publish(files: [File], to dest: String, historyRoot: String) throws -> Bool {
        let fm = FileManager.default
        let parent = (dest as NSString).deletingLastPathComponent
        try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        if let existing = try? contents(of: dest), existing == Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.bytes) }) {
            return false
        }
        let tmp = parent + "/.tmp-" + (dest as NSString).lastPathComponent + "-\(getpid())"
        if fm.fileExists(atPath: tmp) { try fm.removeItem(atPath: tmp) }
        try fm.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        for f in files {
            let sub = (f.name as NSString).deletingLastPathComponent
            if !sub.isEmpty { try fm.createDirectory(atPath: tmp + "/" + sub, withIntermediateDirectories: true) }
            try writeDurably(f.bytes, to: tmp + "/" + f.name)
        }
        if fm.fileExists(atPath: dest) {
            try fm.createDirectory(atPath: historyRoot, withIntermediateDirectories: true)
            let n = nextHistoryNumber(historyRoot)
            // Swap old and new in one step (no moment without a folder), then archive the old one.
            if swapDirectories(tmp, dest) {
                try fm.moveItem(atPath: tmp, toPath: historyRoot + "/\(n)")
                return true
            }
            try fm.moveItem(atPath: dest, toPath: historyRoot + "/\(n)")
        }
        guard rename(tmp, dest) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        return true
    }

    /// `OUT/rejects/`, whose history lives inside it (`OUT/rejects/.history/<n>/`, SPEC 4.4): the
    /// current files are compared and archived without their history. No rejects this run archives
    /// the previous ones, so `OUT/rejects/` never shows another run's rows as current.
    static func publishRejects(files: [File], to dest: String) throws {
        let fm = FileManager.default
        let history = ".history"
        let current = ((try? contents(of: dest)) ?? [:]).filter { !$0.key.hasPrefix(history + "/") }
        if current == Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.bytes) }) { return }
        let parent = (dest as NSString).deletingLastPathComponent
        try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let tmp = parent + "/.tmp-" + (dest as NSString).lastPathComponent + "-\(getpid())"
        if fm.fileExists(atPath: tmp) { try fm.removeItem(atPath: tmp) }
        try fm.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        for f in files { try writeDurably(f.bytes, to: tmp + "/" + f.name) }
        if fm.fileExists(atPath: dest) {
            if fm.fileExists(atPath: dest + "/" + history) { try fm.moveItem(atPath: dest + "/" + history, toPath: tmp + "/" + history) }
            if !current.isEmpty {
                try fm.createDirectory(atPath: tmp + "/" + history, withIntermediateDirectories: true)
                try fm.moveItem(atPath: dest, toPath: tmp + "/" + history + "/\(nextHistoryNumber(tmp + "/" + history))")
            } else {
                try fm.removeItem(atPath: dest)
            }
        }
        guard rename(tmp, dest) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    }

    /// Linux renameat2(RENAME_EXCHANGE): atomically exchanges two paths. False where unsupported.
    static func swapDirectories(_ a: String, _ b: String) -> Bool {
        kpi_rename_exchange(a, b) == 0
    }

    static func nextHistoryNumber(_ root: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return (names.compactMap { Int($0) }.max() ?? 0) + 1
    }

    /// Every regular file below `dir`, by relative path.
    static func contents(of dir: String) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        guard let e = FileManager.default.enumerator(atPath: dir) else { return out }
        while let rel = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir + "/" + rel, isDirectory: &isDir), !isDir.boolValue {
                out[rel] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/" + rel)))
            }
        }
        return out
    }

    static func writeDurably(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        var off = 0
        try bytes.withUnsafeBytes { b in
            guard let base = b.baseAddress else { return }
            while off < b.count {
                let n = write(fd, base + off, b.count - off)
                guard n > 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
                off += n
            }
        }
        fsync(fd)
    }
}

/// `OUT/.lock` held with flock: a killed run leaves no stale lock (SPEC 7).
final class OutputLock {
    private let fd: Int32
    init?(directory: String, timeoutSeconds: Int) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        fd = open(directory + "/.lock", O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var waited = 0
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if waited >= timeoutSeconds * 10 { close(fd); return nil }
            usleep(100_000); waited += 1
        }
    }
    deinit { flock(fd, LOCK_UN); close(fd) }
}
