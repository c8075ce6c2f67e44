import Foundation
import XCTest

/// What a finished child process wrote and how it ended.
public struct ProcessOutput: Sendable {
    public var status: Int32
    public var stdout: Data
    public var stderr: Data

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// A test tool (unzip, python3) that failed in a way that is not the code under test's fault.
public struct ToolError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Runs external tools (unzip, python3, cmark-gfm, soffice) from tests.
public enum Processes {
    /// Runs `tool` with `arguments` to completion, feeding `input` on stdin, and collects both
    /// streams; stderr is read on another thread so neither pipe can fill up and block the child.
    public static func run(_ tool: String, _ arguments: [String], input: Data? = nil,
                           cwd: URL? = nil, environment: [String: String]? = nil) throws -> ProcessOutput {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        if let cwd { p.currentDirectoryURL = cwd }
        if let environment { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        try p.run()
        let box = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            box.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        if let input {
            inPipe.fileHandleForWriting.write(input)
            try inPipe.fileHandleForWriting.close()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return ProcessOutput(status: p.terminationStatus, stdout: stdout, stderr: box.data)
    }

    /// `python3` with `arguments` (found on PATH through /usr/bin/env).
    public static func python(_ arguments: [String], input: Data? = nil) throws -> ProcessOutput {
        try run("/usr/bin/env", ["python3"] + arguments, input: input)
    }

    /// Skips the test unless python3 can import every module (`make deps` installs them).
    public static func requirePython(_ modules: String...) throws {
        let probe = try? python(["-c", modules.map { "import \($0)" }.joined(separator: "; ")])
        guard let probe, probe.status == 0 else {
            throw XCTSkip("python3 with \(modules.joined(separator: ", ")) is not installed: run `make deps`")
        }
    }

    /// Skips the test unless `path` is an executable (a Debian package the Makefile installs).
    public static func require(_ path: String) throws {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw XCTSkip("\(path) is not installed: run `make deps`")
        }
    }
}

/// Holds the stderr bytes the reading thread collects; written once before `group.leave()` and
/// read only after `group.wait()`, so the accesses never overlap.
private final class DataBox: @unchecked Sendable { var data = Data() }
