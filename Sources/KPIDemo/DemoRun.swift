import Foundation
import KPIModel
import KPIRun

/// `kpireview demo`: writes the bundled company into a scratch folder and reviews it with every
/// cadence as of its fixed date, so the reports are the same on every machine.
public enum DemoRun {
    public static func execute(out: String) -> RunOutcome {
        let dir = NSTemporaryDirectory() + "kpireview-demo-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do { try SyntheticCompany.demo.write(to: dir) } catch {
            return RunOutcome(exitCode: ExitStatus.inputError, messages: [Message(.error, "writing the demo company: \(plainReason(error))")])
        }
        var req = RunRequest()
        req.configPath = dir + "/kpireview.yml"
        req.displayConfigPath = "kpireview.yml"
        req.cadences = Cadence.allCases
        req.asOf = SyntheticCompany.demoAsOf
        req.out = out
        return ReviewRun.execute(req)
    }
}
