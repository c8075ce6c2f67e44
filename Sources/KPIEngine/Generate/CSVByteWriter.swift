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
        for b in data { try byte(b) }
    }

    func text(_ s: String) throws {
        for b in s.utf8 { try byte(b) }
    }

    func comma() throws { try byte(UInt8(ascii: ",")) }
    func newline() throws { try byte(UInt8(ascii: "\n")) }

    /// A non-negative integer in decimal, digits produced right to left on the stack.
    func integer(_ value: Int) throws {
        var v = value
        if v < 0 { try byte(UInt8(ascii: "-")); v = -v }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0) // up to 24 digit bytes
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[count] = UInt8(48 + v % 10)
                v /= 10
                count += 1
            } while v > 0
        }
        try withUnsafeBytes(of: &digits) { raw in
            var i = count - 1
            while i >= 0 { try byte(raw[i]); i -= 1 }
        }
    }

    /// `units` hundredths as `123.45` (always two decimals, as exports of money do).
    func cents(_ units: Int) throws {
        var v = units
        if v < 0 { try byte(UInt8(ascii: "-")); v = -v }
        try integer(v / 100)
        try byte(UInt8(ascii: "."))
        let c = v % 100
        try byte(UInt8(48 + c / 10))
        try byte(UInt8(48 + c % 10))
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
