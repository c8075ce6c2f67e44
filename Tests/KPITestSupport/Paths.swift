import Foundation

/// Where the package's own files are, found from this file so that tests read fixtures and
/// goldens from any working directory.
public enum TestPaths {
    /// The package checkout (this file is `Tests/KPITestSupport/Paths.swift`).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A path below the package root: `TestPaths.file("fixtures/cases")`.
    public static func file(_ relative: String) -> URL { packageRoot.appendingPathComponent(relative) }

    /// `fixtures/<relative>`.
    public static func fixture(_ relative: String) -> URL { file("fixtures/" + relative) }

    /// The folder of the calling source file, for goldens kept beside their test
    /// (`TestPaths.folder(of: #filePath).appendingPathComponent("Golden")`).
    public static func folder(of filePath: StaticString) -> URL {
        URL(fileURLWithPath: "\(filePath)").deletingLastPathComponent()
    }

    /// A package-relative spelling of `url` for messages (the absolute path when outside).
    public static func relative(_ url: URL) -> String {
        let root = packageRoot.standardizedFileURL.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }

    /// A fresh, empty folder under the temporary directory; the caller removes it.
    public static func scratchFolder(_ prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every regular file below `folder`, as paths relative to it, sorted.
    public static func files(under folder: URL) -> [String] {
        let root = folder.standardizedFileURL.path
        guard let e = FileManager.default.enumerator(atPath: root) else { return [] }
        var out: [String] = []
        while let rel = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + rel, isDirectory: &isDir), !isDir.boolValue { out.append(rel) }
        }
        return out.sorted()
    }
}
