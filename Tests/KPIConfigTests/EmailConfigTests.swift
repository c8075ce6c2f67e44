import KPIFields
import XCTest
@testable import KPIConfig

/// SPEC 11's `email:` block. Each YAML is inline so the expected line:column can be read off it.
final class EmailConfigTests: XCTestCase {
    let base = """
    sources:
      s: { path: s.csv, date: d, product_line: l }
    kpis:
      - { id: n, source: s, agg: count }

    """

    func testFullBlock() throws {
        let config = try XCTUnwrap(parseValid(base + """
        email:
          from: "KPI Review <kpi@acme.example>"
          to: [pm-team@acme.example, "\\"Lee, Ann\\" <ann@acme.example>"]
          cc: "Zoë Müller <zoe@acme.example>"
          reply_to: pm-lead@acme.example
          subject: "{Cadence} review {period} ({start}..{end}, as of {as_of}) for {company}: {green}/{amber}/{red} {{ok}}"
          attach: [xlsx, md]
          charts: 12
          send_if: alert
          sendmail: bin/msmtp-wrapper
        """, path: "conf/kpireview.yml"))
        let email = try XCTUnwrap(config.email)
        XCTAssertEqual(email.from, Mailbox(displayName: "KPI Review", localPart: "kpi", domain: "acme.example"))
        XCTAssertEqual(email.to.map(\.description), ["pm-team@acme.example", "\"Lee, Ann\" <ann@acme.example>"])
        XCTAssertEqual(email.cc.map(\.displayName), ["Zoë Müller"])
        XCTAssertEqual(email.replyTo.map(\.address), ["pm-lead@acme.example"])
        XCTAssertEqual(email.subject.variables.map(\.name), ["Cadence", "period", "start", "end", "as_of", "company", "green", "amber", "red"])
        XCTAssertEqual(email.subject.render(["Cadence": "Weekly", "period": "2026-W46", "start": "a", "end": "b", "as_of": "c",
                                             "company": "Acme", "green": "1", "amber": "2", "red": "3"]),
                       "Weekly review 2026-W46 (a..b, as of c) for Acme: 1/2/3 {ok}")
        XCTAssertEqual(email.attach, [.xlsx, .md])
        XCTAssertEqual(email.charts, 12)
        XCTAssertEqual(email.sendIf, .alert)
        XCTAssertEqual(email.sendmail, "conf/bin/msmtp-wrapper", "a path with a slash is relative to the config")
        XCTAssertEqual(config.output.formats, [.xlsx, .md, .json, .html, .eml], "eml joins the default formats")
    }

    func testDefaults() throws {
        let config = try XCTUnwrap(parseValid(base + "email: { from: kpi@acme.example, to: pm@acme.example }\n"))
        let email = try XCTUnwrap(config.email)
        XCTAssertEqual(email.to.map(\.address), ["pm@acme.example"], "a single address is a list of one")
        XCTAssertEqual(email.attach, [.xlsx])
        XCTAssertEqual(email.charts, 4)
        XCTAssertEqual(email.sendIf, .always)
        XCTAssertEqual(email.sendmail, "/usr/sbin/sendmail")
        XCTAssertEqual(email.subject.render(["title": "T", "cadence": "weekly", "period": "P", "red": "0", "amber": "1"]), "T · weekly P: 0 red, 1 amber")
        XCTAssertNil(try XCTUnwrap(parseValid(base)).email)
        XCTAssertEqual(try XCTUnwrap(parseValid(base)).output.formats, [.xlsx, .md, .json, .html])
        // A bare program name stays a name, looked up on PATH when sending.
        XCTAssertEqual(try XCTUnwrap(parseValid(base + "email: { from: a@b.example, to: c@d.example, sendmail: msmtp }\n")).email?.sendmail, "msmtp")
    }

    func testEmlJoinsExplicitFormatsToo() throws {
        let config = try XCTUnwrap(parseValid(base + """
        output: { formats: [xlsx, md] }
        email: { from: a@b.example, to: c@d.example }
        """))
        XCTAssertEqual(config.output.formats, [.xlsx, .md, .eml])
        let listed = try XCTUnwrap(parseValid(base + "output: { formats: [eml, xlsx] }\nemail: { from: a@b.example, to: c@d.example }\n"))
        XCTAssertEqual(listed.output.formats, [.eml, .xlsx])
    }

    func testAddressErrorsPointAtTheCharacter() {
        //                                 col: 9 is the quote, the text starts at 10
        let e = assertSingleError(base + """
        email:
          from: "KPI Review kpi@acme.example"
          to: [ok@acme.example]
        """, line: 6, column: 10, message: "'from' is not an email address in email: a display name needs the address in <…>: Name <local@domain>",
                                  value: "KPI Review kpi@acme.example")
        XCTAssertEqual(e?.hint?.hasPrefix("write a@example.com, or Name <a@example.com>"), true)
        // The second list item, at the '..' (column 16 + 3).
        assertSingleError(base + """
        email:
          from: a@b.example
          to: [ok@acme.example, "pm..team@acme.example"]
        """, line: 7, column: 29, message: "'to' is not an email address in email: '..' is not allowed in the part before '@'; quote the part before '@' if it has it",
                          value: "pm..team@acme.example")
        assertSingleError(base + "email: { from: a@b.example, to: [\"Lee, Ann <ann@x.example>\"] }\n", line: 5, column: 38,
                          message: "'to' is not an email address in email: one address per item: ',' separates addresses; list them as separate items",
                          value: "Lee, Ann <ann@x.example>")
        assertSingleError(base + "email: { from: a@b.example, to: [\"pm@zoë.example\"] }\n", line: 5, column: 40,
                          message: "'to' is not an email address in email: non-ASCII in the domain needs SMTPUTF8, which kpireview does not send; use the ASCII form (punycode for a domain)",
                          value: "pm@zoë.example")
        assertSingleError(base + "email: { from: \"<a@b.example\", to: c@d.example }\n", line: 5, column: 29,
                          message: "'from' is not an email address in email: '<' at column 1 is never closed by '>'", value: "<a@b.example")
    }

    func testQuotedAndCommentedMailboxesAreAccepted() throws {
        let config = try XCTUnwrap(parseValid(base + """
        email:
          from: "\\"Acme \\\\\\"KPI\\\\\\" Bot\\" <\\"kpi bot\\"@acme.example>"
          to: ["(team) pm@[192.0.2.1]", "Jane Q. Public <jane@acme.example>"]
        """))
        let email = try XCTUnwrap(config.email)
        XCTAssertEqual(email.from.displayName, "Acme \"KPI\" Bot")
        XCTAssertEqual(email.from.localPart, "\"kpi bot\"")
        XCTAssertEqual(email.to.map(\.address), ["pm@[192.0.2.1]", "jane@acme.example"])
        XCTAssertEqual(email.to.last?.displayName, "Jane Q. Public")
    }

    func testUnknownSubjectVariableNamesItsColumn() {
        // `subject: "` ends at column 13; the text starts at 14 and `{titel}` is 0-based offset 0.
        let e = assertSingleError(base + """
        email:
          from: a@b.example
          to: c@d.example
          subject: "{titel} {period}"
        """, line: 8, column: 13, message: "unknown variable in email subject", value: "{titel}")
        XCTAssertEqual(e?.hint, "did you mean '{title}'?")
        let far = assertSingleError(base + "email: { from: a@b.example, to: c@d.example, subject: 'Review {x} {period}' }\n",
                                    line: 5, column: 63, message: "unknown variable in email subject", value: "{x}")
        XCTAssertEqual(far?.hint?.hasPrefix("known variables: {title} {company}"), true)
        assertSingleError(base + "email: { from: a@b.example, to: c@d.example, subject: \"Review {period\" }\n", line: 5, column: 63,
                          message: "'subject' in email: '{' is never closed by '}'; write '{{' for a literal brace", value: "Review {period")
    }

    func testOtherKeysAreChecked() {
        assertSingleError(base + "email: { from: a@b.example, to: c@d.example, charts: 13 }\n", line: 5, column: 54,
                          message: "'charts' must be an integer from 0 to 12 in email", value: "13")
        let e = assertSingleError(base + "email: { from: a@b.example, to: c@d.example, send_if: alerts }\n", line: 5, column: 55,
                                  message: "'send_if' must be one of always, changed, alert in email", value: "alerts")
        XCTAssertEqual(e?.hint, "did you mean 'alert'?")
        assertSingleError(base + "email: { from: a@b.example, to: c@d.example, attach: [xlsx, eml] }\n", line: 5, column: 61,
                          message: "a message cannot attach itself: 'attach' takes the report files (xlsx, md, json, html)", value: "eml")
        assertSingleError(base + "email: { from: a@b.example, to: c@d.example, sendmail: \"\" }\n", line: 5, column: 56,
                          message: "'sendmail' must not be empty in email")
        let unknown = assertSingleError(base + "email: { from: a@b.example, to: c@d.example, bcc: x@y.example }\n", line: 5, column: 46,
                                        message: "unknown key in email", value: "bcc")
        XCTAssertEqual(unknown?.hint, "did you mean 'cc'?")
        assertSingleError(base + "email: { to: c@d.example }\n", line: 5, column: 8, message: "missing required key 'from' in email")
        assertSingleError(base + "email: { from: a@b.example, to: [] }\n", line: 5, column: 33, message: "'to' must name at least one address in email")
    }

    func testAttachMustBeWrittenAndEmlNeedsEmail() {
        let e = assertSingleError(base + """
        output: { formats: [md, json] }
        email: { from: a@b.example, to: c@d.example, attach: [md, xlsx] }
        """, line: 6, column: 59, message: "email attaches xlsx, which output.formats does not write", value: "xlsx")
        XCTAssertEqual(e?.hint, "add xlsx to output.formats, or remove it from email.attach")
        // The default attach (xlsx) points at the email block.
        assertSingleError(base + """
        output: { formats: [md] }
        email: { from: a@b.example, to: c@d.example }
        """, line: 6, column: 8, message: "email attaches xlsx, which output.formats does not write", value: "xlsx")
        let noEmail = assertSingleError(base + "output: { formats: [md, eml] }\n", line: 5, column: 25,
                                        message: "format eml needs an 'email' block (from, to) to address the message", value: "eml")
        XCTAssertEqual(noEmail?.hint?.hasPrefix("add email: {"), true)
    }
}

final class MailboxParserTests: XCTestCase {
    func parse(_ s: String) -> Mailbox? { try? Mailbox.parse(s).get() }
    func error(_ s: String) -> TextSyntaxError? {
        if case .failure(let e) = Mailbox.parse(s) { return e }
        return nil
    }

    func testForms() {
        XCTAssertEqual(parse("kpi@acme.example"), Mailbox(displayName: nil, localPart: "kpi", domain: "acme.example"))
        XCTAssertEqual(parse("  KPI   Review  <kpi@acme.example> "), Mailbox(displayName: "KPI Review", localPart: "kpi", domain: "acme.example"))
        XCTAssertEqual(parse("<kpi@acme.example>"), Mailbox(displayName: nil, localPart: "kpi", domain: "acme.example"))
        XCTAssertEqual(parse("\"Lee, Ann\" <ann@x.example>")?.displayName, "Lee, Ann")
        XCTAssertEqual(parse("Zoë Müller <z@x.example>")?.displayName, "Zoë Müller")
        XCTAssertEqual(parse("a.b+tag@sub.x.example")?.localPart, "a.b+tag")
        XCTAssertEqual(parse("\"a b\"@x.example")?.address, "\"a b\"@x.example")
        XCTAssertEqual(parse("kpi@acme.example (KPI bot)")?.address, "kpi@acme.example")
        XCTAssertEqual(parse("root@localhost")?.domain, "localhost")
    }

    func testRenderingQuotesWhatNeedsIt() {
        XCTAssertEqual(parse("\"Lee, Ann\" <ann@x.example>")?.description, "\"Lee, Ann\" <ann@x.example>")
        XCTAssertEqual(parse("Jane Q. Public <j@x.example>")?.description, "\"Jane Q. Public\" <j@x.example>")
        XCTAssertEqual(parse("\"say \\\"hi\\\"\" <j@x.example>")?.description, "\"say \\\"hi\\\"\" <j@x.example>")
        XCTAssertEqual(parse("Plain Name <j@x.example>")?.description, "Plain Name <j@x.example>")
    }

    func testErrorsWithOffsets() {
        XCTAssertEqual(error(""), TextSyntaxError(offset: 0, message: "an address is empty"))
        XCTAssertEqual(error("kpi"), TextSyntaxError(offset: 3, message: "an address needs '@' and a domain"))
        XCTAssertEqual(error("kpi@"), TextSyntaxError(offset: 4, message: "the domain is empty"))
        XCTAssertEqual(error("kpi@acme."), TextSyntaxError(offset: 9, message: "the domain must not end with '.'"))
        XCTAssertEqual(error(".kpi@acme"), TextSyntaxError(offset: 0, message: "'..' is not allowed in the part before '@'; quote the part before '@' if it has it"))
        XCTAssertEqual(error("a@b@c")?.offset, 3)
        XCTAssertEqual(error("\"open <a@b>"), TextSyntaxError(offset: 0, message: "the quote opened at column 1 is never closed"))
        XCTAssertEqual(error("a@b (note"), TextSyntaxError(offset: 4, message: "the comment '(' at column 5 is never closed"))
        XCTAssertEqual(error("Name <a@b> extra")?.message, "unexpected text after the address's closing '>'")
        XCTAssertEqual(error("[x] <a@b>")?.message, "'[' is not allowed here in an address; quote the name (\"…\") if it is part of it")
    }

    func testBraceTemplate() throws {
        let t = try BraceTemplate.parse("{a}-{{b}}-{c_1}").get()
        XCTAssertEqual(t.variables.map(\.name), ["a", "c_1"])
        XCTAssertEqual(t.variables.map(\.offset), [0, 10])
        XCTAssertEqual(t.render(["a": "1", "c_1": "2"]), "1-{b}-2")
        XCTAssertEqual(t.render([:]), "{a}-{b}-{c_1}")
        func err(_ s: String) -> TextSyntaxError? { if case .failure(let e) = BraceTemplate.parse(s) { return e }; return nil }
        XCTAssertEqual(err("x}"), TextSyntaxError(offset: 1, message: "'}' without '{'; write '}}' for a literal brace"))
        XCTAssertEqual(err("{}"), TextSyntaxError(offset: 0, message: "'{}' names no variable"))
        XCTAssertEqual(err("{a b}")?.offset, 2)
    }
}
