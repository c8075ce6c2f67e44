// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "kpireview",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kpireview", targets: ["kpireview"]),
        .library(name: "KPIEngine", targets: ["KPIEngine"]),
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

        // Days, periods, fiscal calendars and the comparison windows of a review.
        .target(name: "KPICalendar"),
        // Exact money, number and date parsing from raw bytes, JSON number text, SHA-256.
        .target(name: "KPIFields", dependencies: ["KPICalendar", "CCrypto"]),
        // `where`, `value` and `formula` expressions: parsing and evaluation.
        .target(name: "KPIExpr", dependencies: ["KPIFields"]),
        // kpireview.yml: model, loading and validation with file:line:column errors.
        .target(name: "KPIConfig", dependencies: ["KPICalendar", "KPIFields", "KPIExpr", "Yams"]),
        // The result document (SPEC 7.3) and its JSON writer: the single source of values for writers.
        .target(name: "KPIReport", dependencies: ["KPICalendar", "KPIFields"]),
        // Importers, daily partials, windows, targets, results, run orchestration.
        .target(name: "KPIEngine", dependencies: [
            "CByteScan", "CCsv", "CPosix", "KPICalendar", "KPIFields", "KPIExpr", "KPIConfig", "KPIReport", "KPIWorkbook", "KPIMarkdown", "KPIHTML",
        ]),
        // XLSX review workbook (libxlsxwriter).
        .target(name: "KPIWorkbook", dependencies: ["CXlsxWriter", "KPIReport"]),
        // Markdown summary.
        .target(name: "KPIMarkdown", dependencies: ["KPIReport"]),
        // The chart model (series, nice axes, labels, markers, events) from a report's history, its
        // layout as shapes and the SVG renderer.
        .target(name: "KPIChart", dependencies: ["KPICalendar", "KPIFields", "KPIReport"]),
        // The same charts as PNG: cairo with DejaVu Sans loaded through FreeType, written with libpng.
        .target(name: "KPIChartPNG", dependencies: ["KPIChart", "CCairo", "CFreeType", "CPNG"]),
        // The self-contained HTML report (SPEC 10) and OUT/index.html.
        .target(name: "KPIHTML", dependencies: ["KPICalendar", "KPIFields", "KPIReport", "KPIChart"]),
        // The thin command line.
        .executableTarget(name: "kpireview", dependencies: [
            "KPIEngine", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "KPICalendarTests", dependencies: ["KPICalendar"]),
        .testTarget(name: "KPIFieldsTests", dependencies: ["KPIFields"]),
        .testTarget(name: "KPIExprTests", dependencies: ["KPIExpr"]),
        .testTarget(name: "KPIConfigTests", dependencies: ["KPIConfig"]),
        .testTarget(name: "KPIReportTests", dependencies: ["KPIReport"]),
        .testTarget(name: "KPIWorkbookTests", dependencies: ["KPIWorkbook"]),
        .testTarget(name: "KPIMarkdownTests", dependencies: ["KPIMarkdown", "KPIReport", "KPIFields", "KPICalendar"], exclude: ["Golden"]),
        // Hand-made reports shared by the chart, PNG and HTML tests.
        .target(name: "KPIChartFixtures", dependencies: ["KPICalendar", "KPIFields", "KPIReport"], path: "Tests/KPIChartFixtures"),
        .testTarget(name: "KPIChartTests", dependencies: ["KPIChart", "KPIChartFixtures", "KPIReport", "KPIFields", "KPICalendar"],
                    exclude: ["Golden"]),
        .testTarget(name: "KPIChartPNGTests", dependencies: ["KPIChartPNG", "KPIChart", "KPIChartFixtures"], exclude: ["Golden"]),
        .testTarget(name: "KPIHTMLTests", dependencies: ["KPIHTML", "KPIChart", "KPIChartFixtures", "KPIReport", "KPIFields", "KPICalendar"]),
        .testTarget(name: "KPIEngineTests", dependencies: ["KPIEngine"], exclude: ["Scripts"]),
        .testTarget(name: "KPIReviewCLITests", dependencies: ["KPIEngine", "KPIChartFixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
