import XCTest
@testable import KPIWorkbook

final class SmokeTests: XCTestCase {
    func testWritesAFile() throws {
        let f = try XLSXFile.write(Fixture.report())
        print("WROTE", f.path)
        let f2 = try XLSXFile.write(Fixture.report(complete: false))
        print("WROTE", f2.path)
    }
}
