import Foundation
import KPICalendar
import KPIConfig
import KPIModel

/// What `kpireview init` was asked to do.
public struct InitRequest: Sendable {
    /// Where kpireview.yml goes (created when missing).
    public var directory: String = "."
    /// The user's exports: propose a draft config for them instead of the sample company.
    public var fromCSV: [String] = []
    /// Replace existing files instead of refusing.
    public var force = false
    public init() {}
}

/// `kpireview init`: a config that loads and a first run that works, in one step.
public enum ProjectInit {
    public static func execute(_ req: InitRequest) -> RunOutcome {
        var outcome = RunOutcome(exitCode: ExitStatus.success)
        func fail(_ code: Int32, _ lines: [String]) -> RunOutcome {
            outcome.exitCode = code
            outcome.messages += lines.enumerated().map { Message($0.offset == 0 ? .error : .detail, $0.element) }
            return outcome
        }
        let plan: InitPlan
        do { plan = try req.fromCSV.isEmpty ? starterPlan() : draftPlan(req) } catch {
            return fail(ExitStatus.inputError, [error.description])
        }
        let paths = plan.files.map { join(req.directory, $0.path) }
        let existing = paths.filter { FileManager.default.fileExists(atPath: $0) }
        if !existing.isEmpty && !req.force {
            return fail(ExitStatus.usageError, [
                "\(existing.joined(separator: ", ")) already exist\(existing.count == 1 ? "s" : ""); init never overwrites a file",
                "hint: pick another folder (kpireview init DIR), or pass --force to replace \(existing.count == 1 ? "it" : "them")",
            ])
        }
        // The config must load before anything is written: a draft that fails here is a bug, not a user error.
        let configPath = join(req.directory, "kpireview.yml")
        do { _ = try ConfigLoader.parse(yaml: plan.files[0].contents, path: configPath) } catch {
            return fail(ExitStatus.inputError, ["the generated config does not load (please report this):"] + error.errors.map(\.description))
        }
        for (file, path) in zip(plan.files, paths) {
            do { try write(file.contents, to: path) } catch {
                return fail(ExitStatus.inputError, ["\(path): cannot write: \(plainReason(error))"])
            }
        }
        outcome.stdout = summary(plan: plan, paths: paths, configPath: configPath, directory: req.directory)
        return outcome
    }

    // MARK: Plans

    struct InitPlan {
        /// The config first.
        var files: [(path: String, contents: String)]
        var asOf: Day?
        var assumptions: [(file: String, lines: [String])]
    }

    static func starterPlan() -> InitPlan {
        InitPlan(files: StarterProject.files(), asOf: StarterProject.asOf, assumptions: [])
    }

    static func draftPlan(_ req: InitRequest) throws(CSVSampleError) -> InitPlan {
        var proposals: [ExportProposal] = []
        var taken = Set<String>()
        var names = Set<String>()
        for file in req.fromCSV {
            let sample = try CSVSampleReader.read(path: file)
            guard sample.header.contains(where: { !$0.isEmpty }) else {
                throw CSVSampleError(path: file, message: "the first row is empty: it must be the header")
            }
            let name = ExportProfiler.uniqueID(ExportProfiler.sourceName(forFile: file), &names)
            proposals.append(ExportProfiler.propose(sample, name: name, configPath: relativePath(of: file, from: req.directory), takenKPIIDs: &taken))
        }
        let folder = URL(fileURLWithPath: req.directory).standardizedFileURL.lastPathComponent
        let title = (folder.isEmpty || folder == "/" ? "KPI" : folder.prefix(1).uppercased() + folder.dropFirst()) + " business review"
        let draft = DraftConfig(title: title, proposals: proposals)
        return InitPlan(
            files: [("kpireview.yml", draft.yaml()), ("targets.csv", "kpi,product_line,period,target\n")],
            asOf: proposals.compactMap(\.latestDate).max().map { min($0, Clock.yesterday()) },
            assumptions: proposals.map { ($0.configPath, $0.assumptions) })
    }

    // MARK: Output

    static func summary(plan: InitPlan, paths: [String], configPath: String, directory: String) -> [String] {
        var lines = ["wrote " + paths.joined(separator: ", ")]
        for (file, assumed) in plan.assumptions {
            lines.append("\(file):")
            lines += assumed.map { "  - " + $0 }
        }
        if !plan.assumptions.isEmpty {
            lines.append("These guesses are written as comments in \(configPath): check them before the first run.")
        }
        let asOf = plan.asOf.map { " --as-of \($0)" } ?? ""
        let out = directory == "." ? "reports" : join(directory, "reports")
        lines.append("next:")
        lines.append("  kpireview validate --config \(shellQuoted(configPath))\(asOf)")
        lines.append("  kpireview run --config \(shellQuoted(configPath))\(asOf) --cadence weekly,monthly --out \(shellQuoted(out))")
        if plan.asOf == nil { lines.append("(no date could be read from the samples: --as-of defaults to yesterday)") }
        return lines
    }

    // MARK: Files and paths

    static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .atomic)
    }

    static func join(_ directory: String, _ file: String) -> String {
        if directory == "." || directory.isEmpty { return file }
        return directory.hasSuffix("/") ? directory + file : directory + "/" + file
    }

    /// `file` as the config in `directory` should name it: relative (with `..` when needed) unless the
    /// two share nothing but the root.
    static func relativePath(of file: String, from directory: String) -> String {
        let target = URL(fileURLWithPath: file).standardizedFileURL.pathComponents
        let base = URL(fileURLWithPath: directory).standardizedFileURL.pathComponents
        var common = 0
        while common < min(target.count - 1, base.count), target[common] == base[common] { common += 1 }
        if common <= 1 { return URL(fileURLWithPath: file).standardizedFileURL.path }
        let ups = Array(repeating: "..", count: base.count - common)
        return (ups + target[common...]).joined(separator: "/")
    }

    static func shellQuoted(_ s: String) -> String {
        let safe = s.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,".contains($0) }
        return safe && !s.isEmpty ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
