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
            "CByteScan", "CCsv", "CPosix", "KPICalendar", "KPIFields", "KPIExpr", "KPIConfig", "KPIReport", "KPIWorkbook", "KPIMarkdown", "KPIMail",
        ]),
        // XLSX review workbook (libxlsxwriter).
        .target(name: "KPIWorkbook", dependencies: ["CXlsxWriter", "KPIReport"]),
        // Markdown summary.
        .target(name: "KPIMarkdown", dependencies: ["KPIReport"]),
        // The review as an email (SPEC 11): RFC 5322 message, mail-client HTML body, sendmail delivery.
        .target(name: "KPIMail", dependencies: ["KPIReport", "KPIFields"]),
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
        .testTarget(name: "KPIMailTests", dependencies: ["KPIMail", "KPIReport", "KPIFields", "KPICalendar", "KPIConfig"],
                    exclude: ["Golden", "Scripts"]),
        .testTarget(name: "KPIEngineTests", dependencies: ["KPIEngine"], exclude: ["Scripts"]),
        .testTarget(name: "KPIReviewCLITests", dependencies: ["KPIEngine"], exclude: ["Scripts"]),
    ],
    swiftLanguageModes: [.v6]
)
