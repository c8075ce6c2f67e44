import KPIFields
import KPIIngest
import KPIMetrics
import KPIReport

/// `manifest.json` (SPEC 7.4): what went in and what came out, with SHA-256s; no timestamps.
enum Manifest {
    static func render(report r: ReviewReport, book: TargetBook, annotations: AnnotationTable? = nil, files: [OutputFolder.File]) -> String {
        func q(_ s: String?) -> String { s.map { JSONText.quote($0) } ?? "null" }
        var s = "{\n"
        s += "  \"schema_version\": 1,\n"
        s += "  \"tool\": {\"name\": \(q(r.tool.name)), \"version\": \(q(r.tool.version))},\n"
        s += "  \"config\": {\"path\": \(q(r.run.configPath)), \"sha256\": \(q(r.run.configSHA256))},\n"
        s += "  \"as_of\": \(q(r.asOf.description)),\n"
        s += "  \"cadence\": \(q(r.cadence.rawValue)),\n"
        s += "  \"period\": {\"id\": \(q(r.period.id)), \"start\": \(q(r.period.start.description)), \"end\": \(q(r.period.end.description)), \"complete\": \(r.period.complete)},\n"
        var inputs = r.dataQuality.sources.map { x in
            "    {\"name\": \(q(x.name)), \"path\": \(q(x.path)), \"sha256\": \(q(x.sha256)), \"bytes\": \(x.bytes), \"rows_read\": \(x.rowsRead), \"rows_accepted\": \(x.rowsAccepted), \"rows_rejected\": \(x.rowsRejected), \"rows_after_as_of\": \(x.rowsAfterAsOf), \"rows_blank\": \(x.rowsBlank)}"
        }
        if let p = book.path {
            inputs.append("    {\"name\": \"targets\", \"path\": \(q(p)), \"sha256\": \(q(book.sha256)), \"bytes\": \(book.bytes)}")
        }
        if let f = r.run.fxFile {
            inputs.append("    {\"name\": \(q(f.name)), \"path\": \(q(f.path)), \"sha256\": \(q(f.sha256)), \"bytes\": \(f.bytes)}")
        }
        if let a = annotations, let p = a.path {
            inputs.append("    {\"name\": \"annotations\", \"path\": \(q(p)), \"sha256\": \(q(a.sha256)), \"bytes\": \(a.bytes)}")
        }
        s += "  \"inputs\": [\n" + inputs.joined(separator: ",\n") + "\n  ],\n"
        let outputs = files.sorted { $0.name < $1.name }.map { f in
            "    {\"path\": \(q(f.name)), \"sha256\": \(q(SHA256.hash(f.bytes))), \"bytes\": \(f.bytes.count)}"
        }
        s += "  \"outputs\": [\n" + outputs.joined(separator: ",\n") + "\n  ]\n"
        return s + "}\n"
    }
}
