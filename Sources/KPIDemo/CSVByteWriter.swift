#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why writing the synthetic company failed, with the path and the system's reason.
public struct GenerateError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }

    static func system(_ path: String) -> GenerateError {
        GenerateError(path: path, reason: String(cString: strerror(errno)))
    }
}

/// Appends bytes into a 64 KiB buffer and hands full buffers to `write(2)`: ten million rows
/// go out in flat memory, with no String built per field.
final class CSVByteWriter {
    static let capacity = 64 * 1024

    private var fd: Int32
    private let path: String
    private var buffer: UnsafeMutablePointer<UInt8>
    private var used = 0

    init(path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw GenerateError.system(path) }
        self.fd = fd
        self.path = path
        buffer = .allocate(capacity: CSVByteWriter.capacity)
    }

    deinit {
        buffer.deallocate()
        if fd >= 0 { _ = close(fd) }
    }

    /// Flushes what is left and closes the file; a failed write or close surfaces here.
    func finish() throws {
        try flush()
        let result = close(fd)
        fd = -1
        guard result == 0 else { throw GenerateError.system(path) }
    }

    @inline(__always) func byte(_ b: UInt8) throws {
        if used == CSVByteWriter.capacity { try flush() }
        buffer[used] = b
        used += 1
    }

    func bytes(_ data: [UInt8]) throws {
        guard data.count <= CSVByteWriter.capacity else {
            for b in data { try byte(b) }
            return
        }
        try reserve(data.count)
        for i in 0..<data.count { buffer[used + i] = data[i] }
        used += data.count
    }

    func text(_ s: String) throws {
        for b in s.utf8 { try byte(b) }
    }

    func comma() throws { try byte(UInt8(ascii: ",")) }
    func newline() throws { try byte(UInt8(ascii: "\n")) }

    /// An integer in decimal, digits placed straight into the buffer.
    func integer(_ value: Int) throws {
        try reserve(20)
        if value < 0 {
            buffer[used] = UInt8(ascii: "-")
            used += 1
        }
        var v = value.magnitude
        var digits = 1
        var rest = v / 10
        while rest > 0 { digits += 1; rest /= 10 }
        var i = used + digits - 1
        repeat {
            buffer[i] = UInt8(truncatingIfNeeded: 48 + v % 10)
            v /= 10
            i -= 1
        } while v > 0
        used += digits
    }

    /// `units` hundredths as `123.45` (always two decimals, as exports of money do).
    func cents(_ units: Int) throws {
        if units < 0 { try byte(UInt8(ascii: "-")) }
        let v = units.magnitude
        try integer(Int(v / 100))
        try reserve(3)
        buffer[used] = UInt8(ascii: ".")
        buffer[used + 1] = UInt8(truncatingIfNeeded: 48 + v % 100 / 10)
        buffer[used + 2] = UInt8(truncatingIfNeeded: 48 + v % 10)
        used += 3
    }

    /// Makes room for `count` bytes (at most the capacity).
    @inline(__always) private func reserve(_ count: Int) throws {
        if used + count > CSVByteWriter.capacity { try flush() }
    }

    private func flush() throws {
        var offset = 0
        while offset < used {
            let n = write(fd, buffer + offset, used - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw GenerateError.system(path)
            }
            offset += n
        }
        used = 0
    }
}
