import CCrypto
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// SHA-256 (FIPS 180-4) for the input and output digests of the manifest and data-quality section.
/// OpenSSL's libcrypto does the work: its assembly block function hashes about twice as fast as
/// portable code, and a large source is hashed while it is parsed.
public struct SHA256: @unchecked Sendable {
    /// A plain C struct (no pointers to free), so the hasher copies like any value.
    private var context = SHA256_CTX()

    public init() { SHA256_Init(&context) }

    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard buffer.count > 0, let base = buffer.baseAddress else { return }
        SHA256_Update(&context, base, buffer.count)
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The 32-byte digest. The hasher is spent afterwards: start a new one for new input.
    public mutating func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        digest.withUnsafeMutableBufferPointer { d in
            if let base = d.baseAddress { _ = SHA256_Final(base, &context) }
        }
        return digest
    }

    /// Lower-case hex, as the JSON and the manifest print digests.
    public static func hex(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(digest.count * 2)
        for b in digest { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Hex digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(bytes)
        return hex(hasher.finalize())
    }

    /// Hex digest and size of a file, read in 1 MiB chunks.
    public static func hashFile(atPath path: String) throws -> (hex: String, bytes: Int) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FileError(path: path, operation: "open", code: errno) }
        defer { close(fd) }
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var hasher = SHA256()
        var total = 0
        while true {
            let n = read(fd, buffer.baseAddress, chunk)
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, operation: "read", code: errno)
            }
            if n == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            total += n
        }
        return (hex(hasher.finalize()), total)
    }

    /// A file that could not be opened or read, with the system's reason.
    public struct FileError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var operation: String
        public var code: Int32
        public var description: String {
            let reason = strerror(code).map { String(cString: $0) } ?? "error \(code)"
            return "cannot \(operation) \(path): \(reason)"
        }
    }
}
