// TEMPORARY until the Markdown work lands.
import KPIReport
public enum MarkdownWriter { public static func render(_ report: ReviewReport) -> String { "# \(report.title)\n" } }
