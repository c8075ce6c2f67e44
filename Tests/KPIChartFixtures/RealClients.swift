import Foundation
import KPITestSupport

/// The real clients the HTML tests open pages with: html5lib in strict mode and headless Chromium.
public enum RealClients {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs a program to completion; a missing one fails the test (`make deps` installs it).
    public static func run(_ path: String, _ args: [String], environment: [String: String]? = nil) throws -> (status: Int32, stdout: Data, stderr: Data) {
        guard FileManager.default.isExecutableFile(atPath: path) else { throw Failure(description: "\(path) is not installed (make deps)") }
        let r = try Processes.run(path, args, environment: environment)
        return (r.status, r.stdout, r.stderr)
    }

    /// nil when html5lib's strict parser accepts the file, else its first error.
    public static func html5libError(file: String) throws -> String? {
        let script = """
        import sys, html5lib
        p = html5lib.HTMLParser(strict=True)
        try:
            p.parse(open(sys.argv[1], 'rb').read())
        except Exception as e:
            print('%s %s' % (e, p.errors[:1])); sys.exit(1)
        """
        let r = try run("/usr/bin/env", ["python3", "-c", script, file])
        if r.status == 0 { return nil }
        let text = String(decoding: r.stdout + r.stderr, as: UTF8.self)
        if text.contains("No module named 'html5lib'") { throw Failure(description: "html5lib is not installed (make deps)") }
        return text
    }

    static let chromiumFlags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                                "--hide-scrollbars", "--enable-logging=stderr", "--v=0"]

    /// The page's DOM after Chromium loaded it, and the page's console messages (CSP violations,
    /// script errors: Chromium logs them as `CONSOLE` lines).
    public static func chromiumDOM(file: String) throws -> (dom: String, console: [String]) {
        let r = try run("/usr/bin/chromium", chromiumFlags + ["--dump-dom", "file://" + file], environment: ["DBUS_SESSION_BUS_ADDRESS": "disabled:"])
        let console = String(decoding: r.stderr, as: UTF8.self).split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        guard r.status == 0 else { throw Failure(description: "chromium exited \(r.status): \(String(decoding: r.stderr, as: UTF8.self).suffix(500))") }
        return (String(decoding: r.stdout, as: UTF8.self), console)
    }

    /// A PNG screenshot of the page at `width` × `height` CSS pixels.
    public static func chromiumScreenshot(file: String, to png: String, width: Int = 1320, height: Int = 2400) throws -> [String] {
        let r = try run("/usr/bin/chromium", chromiumFlags + ["--screenshot=" + png, "--window-size=\(width),\(height)", "file://" + file],
                        environment: ["DBUS_SESSION_BUS_ADDRESS": "disabled:"])
        guard r.status == 0 else { throw Failure(description: "chromium exited \(r.status)") }
        return String(decoding: r.stderr, as: UTF8.self).split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
    }
}

