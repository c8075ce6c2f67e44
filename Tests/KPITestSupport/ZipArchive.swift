import Foundation
import XCTest

/// The members of a zip archive (an .xlsx), extracted once with `/usr/bin/unzip` into a
/// temporary folder: Foundation on Linux cannot read zip files, and the unzip package is part of
/// every Debian install the Makefile sets up.
public final class ZipArchive {
    /// Member paths, sorted (directories left out).
    public let members: [String]
    private let folder: URL

    /// Extracts `path`; skips the test when unzip is missing, throws when the archive is broken.
    public init(path: String) throws {
        try Processes.require("/usr/bin/unzip")
        folder = try TestPaths.scratchFolder("kpireview-unzip")
        let r = try Processes.run("/usr/bin/unzip", ["-qq", "-o", path, "-d", folder.path])
        guard r.status == 0 else {
            try? FileManager.default.removeItem(at: folder)
            throw ToolError(message: "unzip \(path) failed (\(r.status)): \(r.stderrText)\(r.stdoutText)")
        }
        members = TestPaths.files(under: folder)
    }

    /// Extracts archive bytes (a golden read from disk).
    public convenience init(data: Data) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kpireview-zip-\(UUID().uuidString).zip")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try self.init(path: file.path)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// The bytes of one member, nil when the archive has no such member.
    public func data(_ member: String) -> Data? {
        guard members.contains(member) else { return nil }
        return try? Data(contentsOf: folder.appendingPathComponent(member))
    }

    /// The UTF-8 text of one member, nil when absent.
    public func text(_ member: String) -> String? {
        data(member).map { String(decoding: $0, as: UTF8.self) }
    }
}
