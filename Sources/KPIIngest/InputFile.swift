import KPIFields
#if canImport(Glibc)
import Glibc
#endif

/// One input file, opened once: every part of a split read and the digest read this descriptor,
/// never the path again, and only the bytes up to the size seen when it was opened. At the end,
/// `checkUnchanged` asks whether the file was written to meanwhile (a cron export landing during
/// the run), so that the rows counted and the SHA-256 in the manifest always describe the same bytes.
public final class InputFile: Sendable {
    public let path: String
    /// The size when opened: nobody reads past it, whatever is appended later.
    public let size: Int
    private let fd: Int32
    private let modified: timespec
    private let device: UInt64
    private let inode: UInt64

    /// Opens `path` for reading. A folder, a device, a FIFO or a socket is an error, not a hang:
    /// the open does not block (O_NONBLOCK) and the file's type is checked before any read.
    public init(path: String) throws(InputError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw InputError(path: path, message: InputFile.openMessage(code))
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw InputError(path: path, message: "cannot read: " + String(cString: strerror(code)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR:
            close(fd)
            throw InputError(path: path, message: "is a folder, not a CSV file")
        default:
            close(fd)
            throw InputError(path: path, message: "is not a regular file (a device, pipe or socket); point the source at a CSV file")
        }
        // Reads block as usual from here on (a regular file never returns EAGAIN, but be plain).
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        self.fd = fd
        size = Int(info.st_size)
        modified = info.st_mtim
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    deinit { close(fd) }

    static func openMessage(_ code: Int32) -> String {
        switch code {
        case ENOENT: "file not found"
        case EACCES: "permission denied: kpireview cannot read it"
        case ENOTDIR: "file not found (a part of the path is not a folder)"
        default: "cannot open: " + String(cString: strerror(code))
        }
    }

    /// Reads up to `count` bytes at `offset` into `buffer`, never past `size`: 0 at the end.
    /// `buffer` must have room for `count` bytes (the caller's invariant).
    public func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) throws(InputError) -> Int {
        let want = min(count, size - offset)
        guard want > 0 else { return 0 }
        while true {
            let n = pread(fd, buffer, want, off_t(offset))
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw InputError(path: path, message: "cannot read: " + String(cString: strerror(errno)))
        }
    }

    /// SHA-256 of the bytes up to `size` (in lower-case hex); "" when a read fails.
    public func sha256Hex() -> String {
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var hasher = SHA256()
        var at = 0
        while at < size {
            guard let base = buffer.baseAddress,
                  let n = try? read(into: base, count: chunk, at: at), n > 0 else { return "" }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            at += n
        }
        return SHA256.hex(hasher.finalize())
    }

    /// Throws when the file changed since it was opened: its size or modification time moved, or
    /// the path now names another file (replaced by a rename). Nothing read can then be trusted
    /// to match a digest or a later rerun, so the run stops with nothing written.
    public func checkUnchanged() throws(InputError) {
        var now = stat()
        var atPath = stat()
        let same = fstat(fd, &now) == 0 && Int(now.st_size) == size
            && now.st_mtim.tv_sec == modified.tv_sec && now.st_mtim.tv_nsec == modified.tv_nsec
            && stat(path, &atPath) == 0 && UInt64(atPath.st_dev) == device && UInt64(atPath.st_ino) == inode
        if !same {
            throw InputError(path: path, message: "changed while it was read; run again when the export is complete")
        }
    }
}
