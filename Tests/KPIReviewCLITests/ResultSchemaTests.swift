import Foundation
import XCTest
import KPITestSupport

/// Every JSON kpireview writes against the JSON Schemas in docs/ (result.schema.json for SPEC 7.3,
/// manifest.schema.json for 7.4), validated by Python's jsonschema: the committed demo reports and
/// the runs of every hand-computed case in fixtures/cases. Mutated copies prove that a missing,
/// mistyped or unknown field fails, and that a SPEC field still pending must be made required
/// once it is written.
final class ResultSchemaTests: KPIReviewTestCase {
    private func demoFiles() -> (results: [URL], manifests: [URL]) {
        let reports = TestPaths.file("reports")
        let json = TestPaths.files(under: reports).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".history") }
            .map { reports.appendingPathComponent($0) }
        return (json.filter { $0.lastPathComponent != "manifest.json" }, json.filter { $0.lastPathComponent == "manifest.json" })
    }

    func testDemoReportsMatchTheSchemas() throws {
        let (results, manifests) = demoFiles()
        XCTAssertEqual(results.count, 3, "weekly, monthly and quarterly")
        XCTAssertEqual(manifests.count, 3)
        try assertValid(results, against: JSONSchemaCheck.resultSchema)
        try assertValid(manifests, against: JSONSchemaCheck.manifestSchema)
    }

    /// Each case of fixtures/cases run through the binary: complete and in-progress periods,
    /// nulls before the data, rejected rows, weekly and monthly, implied and phased targets.
    func testEveryCaseRunMatchesTheSchemas() throws {
        let cases = TestPaths.fixture("cases")
        let names = try FileManager.default.contentsOfDirectory(atPath: cases.path)
            .filter { FileManager.default.fileExists(atPath: cases.appendingPathComponent("\($0)/case.json").path) }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 16)
        var results: [URL] = [], manifests: [URL] = []
        for name in names {
            let (result, manifest) = try runCase(name)
            results += result.map { [$0] } ?? []
            manifests += manifest.map { [$0] } ?? []
        }
        XCTAssertEqual(manifests.count, names.count)
        try assertValid(results, against: JSONSchemaCheck.resultSchema)
        try assertValid(manifests, against: JSONSchemaCheck.manifestSchema)
    }

    /// Runs fixtures/cases/NAME as its case.json says, into `out/NAME`; the result file and the
    /// manifest it wrote (nil, after a failure, when one is missing).
    private func runCase(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> (result: URL?, manifest: URL?) {
        let folder = TestPaths.fixture("cases/" + name)
        let spec = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("case.json"))) as? [String: Any])
        // A case with earlier published runs (SPEC 6.6) writes them all into one OUT; only its own
        // report's folder is checked here, restatements included.
        let published = spec["published"] as? [[String: Any]] ?? []
        let outDir = "out/" + name
        var args = ["run", "--config", folder.appendingPathComponent("kpireview.yml").path, "--out", outDir,
                    "--format", "json", "--quiet",
                    "--cadence", try XCTUnwrap(spec["cadence"] as? String), "--as-of", try XCTUnwrap(spec["as_of"] as? String)]
        if let period = spec["period"] as? String { args += ["--period", period] }
        for earlier in published {
            let first = try kpireview(["run", "--config", folder.appendingPathComponent(try XCTUnwrap(earlier["config"] as? String)).path,
                                       "--out", outDir, "--format", "json", "--quiet",
                                       "--cadence", try XCTUnwrap(earlier["cadence"] as? String),
                                       "--period", try XCTUnwrap(earlier["period"] as? String), "--as-of", try XCTUnwrap(earlier["as_of"] as? String)])
            XCTAssertTrue([0, 3].contains(first.exitCode), "\(name): published run: exit \(first.exitCode): \(first.stderr)", file: file, line: line)
        }
        let r = try kpireview(args)
        XCTAssertTrue([0, 3].contains(r.exitCode), "\(name): exit \(r.exitCode): \(r.stderr)", file: file, line: line)
        let outName = published.isEmpty ? name : "\(name)/\(try XCTUnwrap(spec["cadence"] as? String))/\(try XCTUnwrap(spec["period"] as? String))"
        let written = files(under: "out/" + outName).filter { $0.hasSuffix(".json") }.map { dir.appendingPathComponent("out/\(outName)/\($0)") }
        let results = written.filter { $0.lastPathComponent != "manifest.json" }
        let manifests = written.filter { $0.lastPathComponent == "manifest.json" }
        XCTAssertEqual(results.count, 1, "\(name): one result file: \(written.map(\.lastPathComponent))", file: file, line: line)
        XCTAssertEqual(manifests.count, 1, "\(name): one manifest", file: file, line: line)
        return (results.first, manifests.first)
    }

    /// One mutation of a written file: what it does, and the JSON path whose violation it must cause
    /// (nil: the copy must stay valid, for the fields the SPEC makes nullable).
    private struct Mutation {
        var name: String
        var expect: String?
        var change: (inout [String: Any]) -> Void
    }

    private func check(_ source: URL, _ schema: URL, _ mutations: [Mutation], file: StaticString = #filePath, line: UInt = #line) throws {
        let original = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: source)) as? [String: Any])
        var copies: [URL] = []
        for m in mutations {
            var document = original
            m.change(&document)
            let url = dir.appendingPathComponent("mutated-\(m.name).json")
            try JSONSerialization.data(withJSONObject: document).write(to: url)
            copies.append(url)
        }
        let violations = try JSONSchemaCheck.violations(of: copies, schema: schema)
        for (m, url) in zip(mutations, copies) {
            let own = violations.filter { $0.file == TestPaths.relative(url) }
            if let expect = m.expect {
                XCTAssertTrue(own.contains { $0.at == expect }, "\(m.name): expected a violation at \(expect), got \(own)", file: file, line: line)
            } else {
                XCTAssertEqual(own.map(\.description), [], "\(m.name) must stay valid", file: file, line: line)
            }
        }
    }

    func testTheResultSchemaRejectsMissingMistypedAndUnknownFields() throws {
        // A small file with groups, lines, targets and highlights (the demo's are 0.5 MB each).
        let weekly = try XCTUnwrap(runCase("target-sum-of-lines").result)
        func result(_ d: inout [String: Any], _ body: (inout [String: Any]) -> Void) {
            var results = d["results"] as? [[String: Any]] ?? []
            body(&results[0]); d["results"] = results
        }
        try check(weekly, JSONSchemaCheck.resultSchema, [
            Mutation(name: "unchanged", expect: nil) { _ in },
            Mutation(name: "company-null", expect: nil) { $0["company"] = NSNull() },
            Mutation(name: "qtd-null", expect: nil) { d in
                var w = d["windows"] as? [String: Any] ?? [:]; w["qtd"] = NSNull(); d["windows"] = w
            },
            Mutation(name: "title-null", expect: ".title") { $0["title"] = NSNull() },
            Mutation(name: "no-highlights", expect: "(top)") { $0["highlights"] = nil },
            Mutation(name: "unknown-top-level", expect: "(top)") { $0["generated_at"] = "2026-11-16T08:00:00Z" },
            Mutation(name: "status-missing", expect: ".results[0]") { d in result(&d) { $0["status"] = nil } },
            Mutation(name: "status-unknown", expect: ".results[0].status") { d in result(&d) { $0["status"] = "yellow" } },
            Mutation(name: "actual-as-text", expect: ".results[0].actual") { d in result(&d) { $0["actual"] = "125000.5" } },
            Mutation(name: "total-not-ALL", expect: ".results[0].key") { d in result(&d) { $0["key"] = "cloud" } },
            Mutation(name: "contribution-shape", expect: ".results[0].contribution") { d in result(&d) { $0["contribution"] = ["prior": 0.1] } },
            Mutation(name: "days-fraction", expect: ".period.days") { d in
                var p = d["period"] as? [String: Any] ?? [:]; p["days"] = 7.5; d["period"] = p
            },
            Mutation(name: "prior-window-null", expect: ".windows.prior") { d in
                var w = d["windows"] as? [String: Any] ?? [:]; w["prior"] = NSNull(); d["windows"] = w
            },
            Mutation(name: "bad-date", expect: ".as_of") { $0["as_of"] = "2026-13-01" },
            Mutation(name: "bad-sha", expect: ".data_quality.sources[0].sha256") { d in
                var q = d["data_quality"] as? [String: Any] ?? [:]
                var s = q["sources"] as? [[String: Any]] ?? []
                s[0]["sha256"] = "ABC"; q["sources"] = s; d["data_quality"] = q
            },
            Mutation(name: "tone-missing", expect: ".highlights[0]") { d in
                var h = d["highlights"] as? [[String: Any]] ?? []
                h[0]["tone"] = nil; d["highlights"] = h
            },
            Mutation(name: "tone-neutral", expect: ".highlights[0].tone") { d in
                var h = d["highlights"] as? [[String: Any]] ?? []
                h[0]["tone"] = "neutral"; d["highlights"] = h
            },
            // 6.8's phasing is required of every KPI (null for the non-additive ones).
            Mutation(name: "phasing-missing", expect: ".kpis[0]") { d in
                var k = d["kpis"] as? [[String: Any]] ?? []
                k[0]["phasing"] = nil; d["kpis"] = k
            },
            Mutation(name: "phasing-unknown", expect: ".kpis[0].phasing") { d in
                var k = d["kpis"] as? [[String: Any]] ?? []
                k[0]["phasing"] = "seasonal"; d["kpis"] = k
            },
            Mutation(name: "restatements-missing", expect: "(top)") { $0["restatements"] = nil },
            Mutation(name: "restatement-without-period", expect: ".restatements[0]") {
                $0["restatements"] = [["kpi": "revenue", "level": "total", "key": "ALL", "published": 1, "now": 2, "change": 1,
                                       "change_pct": 1, "published_in": "weekly/2026-W45/x.json"]]
            },
            Mutation(name: "fx-rates-missing", expect: "(top)") { $0["fx_rates"] = nil },
            Mutation(name: "fx-rates-lowercase-code", expect: ".fx_rates[0].currency") {
                $0["fx_rates"] = [["currency": "eur", "first_date": "2026-11-09", "last_date": "2026-11-11"]]
            },
        ])
    }

    func testTheManifestSchemaRejectsMissingAndMistypedFields() throws {
        let manifest = try XCTUnwrap(runCase("target-sum-of-lines").manifest)
        func entry(_ d: inout [String: Any], _ key: String, _ i: Int, _ body: (inout [String: Any]) -> Void) {
            var list = d[key] as? [[String: Any]] ?? []
            body(&list[i]); d[key] = list
        }
        try check(manifest, JSONSchemaCheck.manifestSchema, [
            Mutation(name: "manifest-unchanged", expect: nil) { _ in },
            Mutation(name: "timestamp", expect: "(top)") { $0["written_at"] = "2026-11-16T08:00:00Z" },
            Mutation(name: "output-sha-missing", expect: ".outputs[0]") { d in entry(&d, "outputs", 0) { $0["sha256"] = nil } },
            Mutation(name: "source-rows-missing", expect: ".inputs[0]") { d in entry(&d, "inputs", 0) { $0["rows_read"] = nil } },
            Mutation(name: "bytes-as-text", expect: ".inputs[0]") { d in entry(&d, "inputs", 0) { $0["bytes"] = "2927898" } },
            Mutation(name: "targets-with-rows", expect: ".inputs[1]") { d in entry(&d, "inputs", 1) { $0["rows_read"] = 3 } },
            Mutation(name: "complete-as-text", expect: ".period.complete") { d in
                var p = d["period"] as? [String: Any] ?? [:]; p["complete"] = "true"; d["period"] = p
            },
        ])
    }
}
