import KPIChart
import KPIModel
import KPIReport

/// The bridge waterfalls (SPEC 6.5, 10): per bridged KPI at ALL, its sentence, a waterfall from the
/// base the sentence tells to the actual, and the parts against prior, last year and target.
extension Page {
    func bridgeSection() -> String {
        let bridged = report.kpis.filter { $0.bridgeQuantity != nil }
        guard !bridged.isEmpty else { return "" }
        var s = "<section id=\"bridges\">\n<h2>Price, volume and mix</h2>\n"
        s += HTML.paragraph("Each change split by the units of its quantity KPI: volume (more or fewer units at the base's average price), "
                            + "mix (units shifting between lines of different prices), price (each line's price change), new and lost lines "
                            + "(their whole amount), other (lines without units).", class: "note")
        for (i, kpi) in bridged.enumerated() { s += bridgeFigure(kpi, number: i + 1) }
        return s + "</section>\n"
    }

    func bridgeFigure(_ kpi: KPIInfo, number: Int) -> String {
        guard let r = result(kpi.id, .total, "ALL") else { return "" }
        var s = "<figure class=\"bridge\" id=\"bridge-\(anchor(kpi.id))\">\n"
        guard let sentence = BridgeText.sentence(kpi, r, report), let (base, parts) = BridgeText.headline(r) else {
            return s + "<figcaption><span class=\"kpi\">\(HTML.name(kpi.name))</span></figcaption>\n"
                + HTML.paragraph("No bridge: a line's value or quantity is missing in a compared window.", class: "note") + "</figure>\n"
        }
        s += "<figcaption>\(HTML.text(sentence)).</figcaption>\n"
        let w = report.windows
        let baseWindow = base == .yoy ? w.yoy : w.prior
        if let chart = Waterfall.build(kpi: kpi, parts: parts, base: (base == .yoy ? r.yoy : r.prior)?.double, actual: r.actual?.double,
                                       baseLabel: baseWindow.id, actualLabel: period.id, currencySymbol: report.presentation.currencySymbol) {
            s += SVGRenderer.render(WaterfallLayout().scene(chart), id: "bridge-chart-\(number)", cssClass: "chart waterfall", inline: true) + "\n"
        }
        var table = HTMLTable([.init("Part", .text), .init("vs prior"), .init("vs last year"), .init("vs target")], class: "bridge")
        let bridge = r.bridge
        let symbol = report.presentation.currencySymbol
        for (j, (name, _)) in BridgeParts.zero.named.enumerated() {
            func cell(_ p: BridgeParts?) -> String { p.map { BridgeText.signed($0.named[j].value, kpi.unit, symbol) } ?? NumberText.missing }
            table.add([HTML.text(BridgeText.labels[name] ?? name), cell(bridge?.prior), cell(bridge?.yoy), cell(bridge?.target)])
        }
        return s + table.render() + "</figure>\n"
    }
}
