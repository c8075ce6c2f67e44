import CPosix
import Foundation

/// File helpers of the publishing (`Publication`): a report folder's files, durable writes, the
/// atomic exchange of two folders, history numbers. A replaced folder whose files differ is kept
/// under `OUT/.history/<cadence>/<period>/<n>/`.
enum OutputFolder {
    struct File { var name: String; var bytes: [UInt8] }

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

/// `OUT/.lock` held with flock: a killed run leaves no stale lock (SPEC 7). The holder writes its
/// pid into the file, so that a run waiting for it can say which run it waits for (SPEC 8).
final class OutputLock {
    private let fd: Int32

    /// `waiting` is told once, with the holder's pid when the file names one, if the lock is busy.
    init?(directory: String, timeoutSeconds: Int, waiting: ((Int32?) -> Void)? = nil) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        fd = open(directory + "/.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var waited = 0
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if waited == 0 { waiting?(OutputLock.holder(fd)) }
            if waited >= timeoutSeconds * 10 { close(fd); return nil }
            usleep(100_000); waited += 1
        }
        // Ours now: the file says so, for the next run that has to wait.
        let text = Array("\(getpid())\n".utf8)
        if ftruncate(fd, 0) == 0 { _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) } }
    }

    /// The pid the lock file names, if it names one.
    private static func holder(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    deinit { flock(fd, LOCK_UN); close(fd) }
}
