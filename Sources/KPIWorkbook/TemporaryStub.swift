// TEMPORARY until the workbook work lands.
import KPIReport
public struct WorkbookError: Error, Sendable, CustomStringConvertible { public var description: String }
public enum WorkbookWriter {
    public static func write(_ report: ReviewReport, to path: String) throws(WorkbookError) {
        throw WorkbookError(description: "the XLSX workbook is not built yet: use --format md,json")
    }
}
