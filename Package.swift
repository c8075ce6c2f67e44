// swift-tools-version:6.0
import PackageDescription

// Modules by stage, each one job; dependencies point one way only:
//   vocabulary (KPICalendar, KPIFields, KPIModel, KPIConcurrency)
//   → config (KPIExpr, KPIConfig) → sources → daily partials (KPIIngest)
//   → results (KPIMetrics, producing the result model KPIReport)
//   → writers (KPIWorkbook, KPIMarkdown, KPIChart → KPIChartPNG, KPIHTML, KPIMail)
//   → the run (KPIRun, the only module that imports writers) → the commands (KPIStarter, KPIDemo, kpireview).
// docs/architecture.md draws the graph.
let package = Package(
    name: "kpireview",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kpireview", targets: ["kpireview"]),
        .library(name: "KPIRun", targets: ["KPIRun"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // C libraries from Debian packages (libxlsxwriter-dev, libcsv-dev, libssl-dev).
        .systemLibrary(name: "CXlsxWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CCsv", providers: [.apt(["libcsv-dev"])]),
        // OpenSSL's libcrypto for SHA-256 (libssl-dev).
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // Linux calls Swift cannot reach directly (renameat2 for atomic folder swaps).
        .systemLibrary(name: "CPosix"),
        // cairo and FreeType for PNG charts (libcairo2-dev, libfreetype-dev), libpng to write them (libpng-dev).
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CFreeType", pkgConfig: "freetype2", providers: [.apt(["libfreetype-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        // Header-only SSE2 byte scanning for the ingest's hot path (splitting plain lines).
        .systemLibrary(name: "CByteScan"),

        // Vocabulary: days, periods, fiscal calendars and the comparison windows of a review.
        .target(name: "KPICalendar"),
        // Vocabulary: exact money, number and date parsing from raw bytes, JSON number text, SHA-256.
        .target(name: "KPIFields", dependencies: ["KPICalendar", "CCrypto"]),
        // Vocabulary: cadence, unit, better, level, status, status style; exit codes and messages.
        .target(name: "KPIModel", dependencies: ["KPICalendar"]),
        // Threads: values computed on a thread of their own, ordered work, the thread budget.
        .target(name: "KPIConcurrency"),

        // Config: `where`, `value` and `formula` expressions, parsing and evaluation.
        .target(name: "KPIExpr", dependencies: ["KPIFields"]),
        // Config: kpireview.yml, model, loading and validation with file:line:column errors.
        .target(name: "KPIConfig", dependencies: ["KPICalendar", "KPIFields", "KPIModel", "KPIExpr", "Yams"]),

        // Sources → daily partials: the CSV reader, the importer, targets.csv, product lines, distinct keys.
        .target(name: "KPIIngest", dependencies: [
            "CByteScan", "CCsv", "CPosix", "KPICalendar", "KPIFields", "KPIExpr", "KPIConfig", "KPIConcurrency",
        ]),
        // The result document (SPEC 7.3) and its JSON writer: the single source of values for writers.
        .target(name: "KPIReport", dependencies: ["KPICalendar", "KPIFields", "KPIModel"]),
        // Daily partials → results: windows, levels, targets (SPEC 6), the review's result model.
        .target(name: "KPIMetrics", dependencies: [
            "CByteScan", "KPICalendar", "KPIFields", "KPIExpr", "KPIModel", "KPIConfig", "KPIConcurrency", "KPIIngest", "KPIReport",
        ]),

        // Writers: the XLSX review workbook (libxlsxwriter).
        .target(name: "KPIWorkbook", dependencies: ["CXlsxWriter", "KPICalendar", "KPIModel", "KPIReport"]),
        // Writers: the Markdown summary.
        .target(name: "KPIMarkdown", dependencies: ["KPICalendar", "KPIFields", "KPIModel", "KPIReport"]),
        // Writers: the chart model (series, nice axes, labels, markers, events) from a report's
        // history, its layout as shapes and the SVG renderer.
        .target(name: "KPIChart", dependencies: ["KPICalendar", "KPIFields", "KPIModel", "KPIReport"]),
        // Writers: the same charts as PNG, cairo with DejaVu Sans loaded through FreeType, libpng.
        .target(name: "KPIChartPNG", dependencies: ["KPIChart", "CCairo", "CFreeType", "CPNG"]),
        // Writers: the self-contained HTML report (SPEC 10) and OUT/index.html.
        .target(name: "KPIHTML", dependencies: ["KPICalendar", "KPIFields", "KPIModel", "KPIReport", "KPIChart"]),
        // Writers: the review as an email (SPEC 11): RFC 5322 message, mail-client HTML body, sendmail delivery.
        .target(name: "KPIMail", dependencies: ["KPICalendar", "KPIFields", "KPIModel", "KPIReport"]),

        // The run: orchestration, output folders and lock, manifest, rejects; the only module importing writers.
        .target(name: "KPIRun", dependencies: [
            "CPosix", "KPICalendar", "KPIFields", "KPIModel", "KPIConcurrency", "KPIConfig", "KPIIngest", "KPIMetrics",
            "KPIReport", "KPIWorkbook", "KPIMarkdown", "KPIHTML", "KPIMail", "KPIChart", "KPIChartPNG",
        ]),
        // `kpireview init`: a starter project, or a draft config for the user's exports.
        .target(name: "KPIStarter", dependencies: ["KPICalendar", "KPIFields", "KPIModel", "KPIConfig", "KPIIngest"]),
        // `kpireview generate` and `demo`: the synthetic company, and the demo's run.
        .target(name: "KPIDemo", dependencies: ["KPICalendar", "KPIModel", "KPIRun"]),
        // The thin command line: options in, a request to a command, its messages and exit code out.
        .executableTarget(name: "kpireview", dependencies: [
            "KPICalendar", "KPIConfig", "KPIModel", "KPIRun", "KPIStarter", "KPIDemo",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Helpers every test target shares: the seeded generator, golden files with an update mode,
        // XLSX part-by-part comparison, JSON Schema validation, running tools (docs/testing.md).
        .target(name: "KPITestSupport", path: "Tests/KPITestSupport"),
        // Fuzzing (issue 15): the targets as functions, and their libFuzzer entry (`make fuzz`).
        .target(name: "KPIFuzzHarness", dependencies: ["KPIRun", "KPIIngest", "KPIConfig", "KPIExpr", "KPICalendar"], path: "Tests/KPIFuzzHarness"),
        .executableTarget(name: "kpireview-fuzz", dependencies: ["KPIFuzzHarness"], path: "Tests/KPIFuzz"),
        .testTarget(name: "KPITestSupportTests", dependencies: ["KPITestSupport"]),

        .testTarget(name: "KPICalendarTests", dependencies: ["KPITestSupport", "KPICalendar"]),
        .testTarget(name: "KPIFieldsTests", dependencies: ["KPITestSupport", "KPIFields"]),
        .testTarget(name: "KPIExprTests", dependencies: ["KPITestSupport", "KPIExpr"]),
        .testTarget(name: "KPIConfigTests", dependencies: ["KPITestSupport", "KPIConfig", "KPIModel"]),
        .testTarget(name: "KPIModelTests", dependencies: ["KPITestSupport", "KPIModel", "KPICalendar"]),
        .testTarget(name: "KPIConcurrencyTests", dependencies: ["KPITestSupport", "KPIConcurrency"]),
        // FuzzTests drives whole runs (KPIRun) through hostile CSV; its seeded generator serves the other ingest tests.
        .testTarget(name: "KPIIngestTests", dependencies: ["KPITestSupport", "KPIIngest", "KPIConfig", "KPIFields", "KPIExpr", "KPICalendar", "KPIModel", "KPIRun", "CByteScan", "KPIFuzzHarness"]),
        .testTarget(name: "KPIMetricsTests", dependencies: ["KPITestSupport", "KPIMetrics", "KPIIngest", "KPIConfig", "KPIModel", "KPIReport", "KPICalendar", "KPIFields"]),
        .testTarget(name: "KPIReportTests", dependencies: ["KPITestSupport", "KPIReport"]),
        .testTarget(name: "KPIWorkbookTests", dependencies: ["KPITestSupport", "KPIWorkbook", "KPIModel", "KPIChartFixtures"], exclude: ["Golden"]),
        .testTarget(name: "KPIMarkdownTests", dependencies: ["KPITestSupport", "KPIMarkdown", "KPIReport", "KPIModel", "KPIFields", "KPICalendar",
                                                             "KPIChartFixtures"], exclude: ["Golden"]),
        // Hand-made reports and the real clients (html5lib, Chromium) of the chart, PNG and HTML tests.
        .target(name: "KPIChartFixtures", dependencies: ["KPITestSupport", "KPICalendar", "KPIFields", "KPIModel", "KPIReport"],
                path: "Tests/KPIChartFixtures"),
        .testTarget(name: "KPIChartTests", dependencies: ["KPITestSupport", "KPIChart", "KPIChartFixtures", "KPIReport", "KPIModel",
                                                          "KPIFields", "KPICalendar"], exclude: ["Golden"]),
        .testTarget(name: "KPIChartPNGTests", dependencies: ["KPITestSupport", "KPIChartPNG", "KPIChart", "KPIChartFixtures"], exclude: ["Golden"]),
        .testTarget(name: "KPIHTMLTests", dependencies: ["KPITestSupport", "KPIHTML", "KPIChart", "KPIChartFixtures", "KPIReport", "KPIModel",
                                                         "KPIFields", "KPICalendar"], exclude: ["Golden"]),
        .testTarget(name: "KPIMailTests", dependencies: ["KPITestSupport", "KPIMail", "KPIReport", "KPIModel", "KPIFields", "KPICalendar", "KPIConfig"],
                    exclude: ["Golden", "Scripts"]),
        .testTarget(name: "KPIRunTests", dependencies: [
            "KPITestSupport", "KPIRun", "KPIDemo", "KPIModel", "KPIConfig", "KPIReport", "KPICalendar", "KPIFields", "KPIExpr", "KPIIngest",
        ]),
        .testTarget(name: "KPIStarterTests", dependencies: ["KPITestSupport", "KPIStarter", "KPIIngest", "KPIModel"]),
        .testTarget(name: "KPIDemoTests", dependencies: ["KPITestSupport", "KPIDemo", "KPIRun", "KPIModel", "KPICalendar"], exclude: ["Scripts"]),
        .testTarget(name: "KPIReviewCLITests", dependencies: ["KPITestSupport", "KPIRun", "KPIDemo", "KPIChartFixtures"], exclude: ["Scripts"]),
    ],
    swiftLanguageModes: [.v6]
)
