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
