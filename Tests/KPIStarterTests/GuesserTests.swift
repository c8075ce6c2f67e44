import XCTest

@testable import KPIStarter

/// `kpireview init`'s guessers, called directly (the command itself is tested through the binary,
/// in KPIReviewCLITests/InitTests).
final class GuesserTests: XCTestCase {
    func testDelimiterIsTheOneThatSplitsConsistently() {
        XCTAssertEqual(CSVSampleReader.detectDelimiter("a;b;c\n1,5;2;3\n"), ";")
        XCTAssertEqual(CSVSampleReader.detectDelimiter("a,b\n\"x;y\",2\n"), ",")
        XCTAssertEqual(CSVSampleReader.detectDelimiter("a\tb|c\n1\t2|3\n"), "\t")
        XCTAssertEqual(CSVSampleReader.detectDelimiter("single\n1\n"), ",")
    }

    func testDateGuessesEachListedFormat() {
        let iso = DateFormatGuesser.guess(values: ["2026-03-01", "2026-03-02T10:00:00Z"])
        XCTAssertNotNil(iso)
        XCTAssertNil(iso?.pattern, "ISO needs no date_format")
        XCTAssertEqual(DateFormatGuesser.guess(values: ["31/12/2025"])?.pattern, "%d/%m/%Y")
        XCTAssertEqual(DateFormatGuesser.guess(values: ["12/31/2025"])?.pattern, "%m/%d/%Y")
        XCTAssertEqual(DateFormatGuesser.guess(values: ["31/12/25"])?.pattern, "%d/%m/%y")
        XCTAssertEqual(DateFormatGuesser.guess(values: ["31.12.2025"])?.pattern, "%d.%m.%Y")
        XCTAssertEqual(DateFormatGuesser.guess(values: ["20251231"])?.pattern, "%Y%m%d")
        XCTAssertEqual(DateFormatGuesser.guess(values: ["Sun, 05-Jan-2020", "Monday, 06-Jan-2020"])?.pattern, "%a, %d-%b-%Y")
        XCTAssertEqual(DateFormatGuesser.guess(values: ["Tue 31/12/2025", "wed 01/01/2026"])?.pattern, "%a %d/%m/%Y")
        XCTAssertEqual(DateFormatGuesser.guess(values: ["Sun, 2026-11-15"])?.pattern, "%a, %Y-%m-%d")
        XCTAssertNil(DateFormatGuesser.guess(values: ["Sun, 05-Jan-2020", "Mon 06-Jan-2020"]), "one separator for the column")
        XCTAssertEqual(DateFormatGuesser.guess(values: ["31-Dec-2025"])?.pattern, "%d-%b-%Y")
        XCTAssertNil(DateFormatGuesser.guess(values: ["12", "hello"]))
        XCTAssertNil(DateFormatGuesser.guess(values: ["10000001"]), "year 1000 is not a plausible export date")
    }

    func testNamesAreQuotedForYAMLAndExpressions() {
        XCTAssertEqual(YAMLText.scalar("Total Price"), "Total Price")
        XCTAssertEqual(YAMLText.scalar("Order #"), "\"Order #\"")
        XCTAssertEqual(YAMLText.scalar("no"), "\"no\"")
        XCTAssertEqual(YAMLText.scalar("2024"), "\"2024\"")
        XCTAssertEqual(ExprName.quoted("status"), "status")
        XCTAssertEqual(ExprName.quoted("Order Status"), "`Order Status`")
        XCTAssertEqual(ExprName.quoted("in"), "`in`")
        XCTAssertEqual(ExprName.literal("O'Neil"), "'O''Neil'")
        XCTAssertEqual(ExportProfiler.slug("Total Price ($)"), "total_price")
        XCTAssertEqual(ExportProfiler.slug("2024 Sales"), "k_2024_sales")
        XCTAssertEqual(ColumnProfile.words(of: "CustomerID"), ["customer", "id"])
    }

    func testRelativePathsClimbOutOfTheConfigFolder() {
        XCTAssertEqual(ProjectInit.relativePath(of: "/srv/kpi/exports/a.csv", from: "/srv/kpi/review"), "../exports/a.csv")
        XCTAssertEqual(ProjectInit.relativePath(of: "/srv/kpi/a.csv", from: "/srv/kpi"), "a.csv")
        XCTAssertEqual(ProjectInit.relativePath(of: "/data/a.csv", from: "/srv/kpi"), "/data/a.csv")
    }
}
