import Foundation

/// How many threads the run's parallel stages use: one per core the process may run on, at least
/// two and at most eight (the bounds the ingest's parts and the backfill's periods always had).
/// The one place that decides it: the parts of a large source and the periods of a backfill both
/// ask here.
public enum ThreadBudget {
    public static var threads: Int { min(max(2, ProcessInfo.processInfo.activeProcessorCount), 8) }
}
