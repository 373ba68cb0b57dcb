import BalanceCore
import BalanceStandards

/// Colours, line styles and fonts of the water balance diagram.
enum WaterDiagramStyle {
    /// A font-family list that finds a CJK font on Linux, macOS and Windows.
    static let fontFamily = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, SimHei, WenQuanYi Zen Hei, WenQuanYi Micro Hei, sans-serif"

    /// Stroke colour and dash pattern of a stream kind.
    static func stroke(_ kind: WaterStreamKind) -> (color: String, dash: String?) {
        switch kind {
        case .intake: return ("#1f6fb4", nil)
        case .series: return ("#2e9a3a", nil)
        case .circulating: return ("#0b9a9a", nil)
        case .condensate: return ("#e08a00", "6 3")
        case .steam: return ("#d62728", "6 3")
        case .discharge: return ("#8c5a2b", nil)
        case .consumption: return ("#7a7a7a", "2 2")
        case .leakage: return ("#b03080", "2 2")
        case .export: return ("#7b4fb0", nil)
        }
    }

    /// Fill of a box by category (or role).
    static func fill(_ box: WaterDiagramBox) -> String {
        switch box.role {
        case .source: return "#e8f1fb"
        case .meter: return "#ffffff"
        case .sink: return "#f3ece4"
        default: break
        }
        switch box.category {
        case .cooling?: return "#dff1f7"
        case .process?: return "#fff6d9"
        case .boiler?: return "#fde3e0"
        case .domestic?: return "#e4f4e1"
        case .auxiliary?: return "#ece8f5"
        case .network?: return "#e8f1fb"
        case .treatment?: return "#e0f2ee"
        case nil: return "#f4f4f4"
        }
    }

    /// Border of a box by category.
    static func border(_ box: WaterDiagramBox) -> String {
        switch box.role {
        case .source, .meter: return "#1f6fb4"
        case .sink: return "#8c5a2b"
        default: break
        }
        switch box.category {
        case .cooling?: return "#0b7a9a"
        case .process?: return "#b88a00"
        case .boiler?: return "#c0392b"
        case .domestic?: return "#3a8a3a"
        case .auxiliary?: return "#6a55a0"
        case .network?: return "#1f6fb4"
        case .treatment?: return "#2e8b74"
        case nil: return "#777777"
        }
    }


    /// A number for SVG attributes (one decimal).
    static func n(_ x: Double) -> String { NumberFormatting.fixed(x, decimals: 1) }
}

/// Writes the SVG document of a ``WaterDiagramLayout``.
enum WaterDiagramSVG {
    typealias S = WaterDiagramStyle
    typealias M = WaterDiagramMetrics

    static func render(_ layout: WaterDiagramLayout, report: WaterReport) -> String {
        let language = report.language
        let suspect = suspects(report)
        var legendItems = legend(layout, language)
        if !suspect.streams.isEmpty || !suspect.nodes.isEmpty {
            legendItems.append(("suspect", language.pick("可疑仪表 / 泄漏（疏失误差检验）", "suspect meter / leak (gross-error test)")))
        }
        let legendRows = (legendItems.count + 4) / 5
        let width = Swift.max(layout.width, 900)
        let height = layout.height + 8 + Double(legendRows) * 22 + 20
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(S.n(width))" height="\(S.n(height))" viewBox="0 0 \(S.n(width)) \(S.n(height))" font-family="\(S.fontFamily)">
            <title>\(SVGText.escape(title(report)))</title>
            <defs>

            """
        for kind in WaterStreamKind.allCases {
            let (color, _) = S.stroke(kind)
            out += "<marker id=\"arrow-\(kind.rawValue)\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\" markerUnits=\"userSpaceOnUse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"\(color)\"/></marker>\n"
        }
        out += "</defs>\n<rect x=\"0\" y=\"0\" width=\"\(S.n(width))\" height=\"\(S.n(height))\" fill=\"#ffffff\"/>\n"
        out += header(report, width: width)
        if let b = layout.boundary {
            out += "<g id=\"boundary\"><rect x=\"\(S.n(b.x))\" y=\"\(S.n(b.y))\" width=\"\(S.n(b.width))\" height=\"\(S.n(b.height))\" rx=\"10\" fill=\"none\" stroke=\"#1f6fb4\" stroke-width=\"1.4\" stroke-dasharray=\"10 5\"/>"
            out += text(language.pick("用水单位边界", "Boundary of the water-using organisation"), x: b.x + 10, y: b.y + 16, size: 11, color: "#1f6fb4", weight: "bold")
            out += "</g>\n"
        }
        out += "<g id=\"frames\">\n"
        for f in layout.frames.sorted(by: { $0.level < $1.level }) {
            let r = f.rect
            let fill = f.level % 2 == 0 ? "#f6f8fa" : "#eef2f6"
            out += "<rect x=\"\(S.n(r.x))\" y=\"\(S.n(r.y))\" width=\"\(S.n(r.width))\" height=\"\(S.n(r.height))\" rx=\"8\" fill=\"\(fill)\" stroke=\"#9aa7b4\" stroke-width=\"1\"/>"
            out += text(f.title, x: r.x + 8, y: r.y + 16, size: 12.5, color: "#34495e", weight: "bold") + "\n"
        }
        out += "</g>\n<g id=\"flows\" fill=\"none\">\n"
        for p in layout.paths where !suspect.streams.isDisjoint(with: p.streams) { out += highlight(p) }
        for p in layout.paths { out += path(p) }
        out += "</g>\n<g id=\"loops\">\n"
        for l in layout.loops { out += loop(l) }
        out += "</g>\n<g id=\"boxes\">\n"
        for b in layout.boxes { out += box(b, leak: suspect.nodes.contains(b.id)) }
        out += "</g>\n<g id=\"labels\">\n"
        for p in layout.paths {
            guard let label = p.label, let at = p.labelAt else { continue }
            out += haloText(label, x: at.x, y: at.y, size: M.labelSize, color: S.stroke(p.kind).color, anchor: p.anchor.rawValue)
            let flagged = p.streams.filter(suspect.streams.contains)
            if !flagged.isEmpty {
                out += haloText("⚠ " + language.pick("可疑 ", "suspect ") + flagged.joined(separator: ", "), x: at.x, y: at.y + M.labelSize + 2,
                                size: M.labelSize, color: suspectColor, anchor: p.anchor.rawValue)
            }
        }
        out += "</g>\n"
        out += legendSVG(legendItems, top: layout.height + 8, width: width, language: language)
        out += "</svg>\n"
        return out
    }

    static func title(_ report: WaterReport) -> String {
        report.language.pick("水平衡图 — \(report.plantName)", "Water balance diagram — \(report.plantName)")
    }

    /// The meters the reconciliation flags as biased (gross errors of type bias), and the nodes with a leak: drawn
    /// in red so that the diagram shows where the data are suspect.
    static func suspects(_ report: WaterReport) -> (streams: Set<String>, nodes: Set<String>) {
        let errors = report.result.reconciliation?.grossErrors ?? []
        return (Set(errors.compactMap { $0.kind == .bias ? $0.stream : nil }), Set(errors.compactMap { $0.kind == .leak ? $0.node : nil }))
    }

    /// The red of suspect meters and leaks.
    static let suspectColor = "#d62728"

    static func header(_ report: WaterReport, width: Double) -> String {
        let l = report.language
        let r = report.result
        var out = text(title(report), x: M.margin, y: 32, size: 20, color: "#1a2a3a", weight: "bold")
        var facts = [l.pick("单位：", "Unit: ") + report.unitNote]
        facts.append(l.pick("取水量 V_f ", "intake V_f ") + report.flow(r.enterprise[.intake]))
        for indicator in [WaterIndicator.repeatUtilizationRate, .leakageRate, .dischargeRate] {
            let v = r.indicator(indicator)
            if v.value != nil { facts.append(l.name(indicator) + " " + indicator.symbol + " " + report.formatted(v)) }
        }
        facts.append(r.mode == .exact ? l.pick("数据按给定值", "data as given") : l.pick("协调后数值", "reconciled values"))
        out += text(facts.joined(separator: "　·　"), x: M.margin, y: 56, size: 12, color: "#34495e")
        out += text(l.pick("每个方框标出 进 = 出；图式参照 GB/T 12452-2022、GB/T 42031-2022（近似）",
                           "Every box shows in = out; conventions after GB/T 12452-2022 and GB/T 42031-2022 (approximate)"),
                    x: M.margin, y: 74, size: 10.5, color: "#7f8c8d")
        return out + "\n"
    }

    static func text(_ s: String, x: Double, y: Double, size: Double, color: String, weight: String? = nil, anchor: String = "start") -> String {
        "<text x=\"\(S.n(x))\" y=\"\(S.n(y))\" font-size=\"\(S.n(size))\" fill=\"\(color)\"" + (weight.map { " font-weight=\"\($0)\"" } ?? "")
            + (anchor == "start" ? "" : " text-anchor=\"\(anchor)\"") + ">\(SVGText.escape(s))</text>"
    }

    /// Text with a white halo so that labels stay legible where they cross lines.
    static func haloText(_ s: String, x: Double, y: Double, size: Double, color: String, anchor: String) -> String {
        "<text x=\"\(S.n(x))\" y=\"\(S.n(y))\" font-size=\"\(S.n(size))\" fill=\"\(color)\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\""
            + (anchor == "start" ? "" : " text-anchor=\"\(anchor)\"") + ">\(SVGText.escape(s))</text>\n"
    }

    static func path(_ p: WaterDiagramPath) -> String {
        guard let first = p.points.first else { return "" }
        let (color, dash) = S.stroke(p.kind)
        var d = "M\(S.n(first.x)),\(S.n(first.y))"
        for point in p.points.dropFirst() { d += " L\(S.n(point.x)),\(S.n(point.y))" }
        var attributes = "d=\"\(d)\" stroke=\"\(color)\" stroke-width=\"\(p.kind == .intake || p.kind == .discharge ? "1.7" : "1.5")\""
        if let dash { attributes += " stroke-dasharray=\"\(dash)\"" }
        if p.arrow { attributes += " marker-end=\"url(#arrow-\(p.kind.rawValue))\"" }
        let title = p.streams.isEmpty ? "" : "<title>\(SVGText.escape(p.streams.joined(separator: ", ")))</title>"
        return "<path \(attributes)>\(title)</path>\n"
    }

    static func loop(_ l: WaterDiagramLoop) -> String {
        let r = l.box
        let right = r.maxX - 20 - Double(l.offset) * 110
        let left = right - 44
        let top = r.y - 17
        let (color, dash) = S.stroke(l.kind)
        var out = "<path d=\"M\(S.n(left)),\(S.n(r.y)) L\(S.n(left)),\(S.n(top + 6)) Q\(S.n(left)),\(S.n(top)) \(S.n(left + 6)),\(S.n(top)) L\(S.n(right - 6)),\(S.n(top)) Q\(S.n(right)),\(S.n(top)) \(S.n(right)),\(S.n(top + 6)) L\(S.n(right)),\(S.n(r.y))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\""
        if let dash { out += " stroke-dasharray=\"\(dash)\"" }
        out += " marker-end=\"url(#arrow-\(l.kind.rawValue))\"/>"
        out += haloText(l.label, x: left - 5, y: top + 9, size: M.labelSize, color: color, anchor: "end")
        return out
    }

    /// A wide translucent red band under a path that carries a suspect meter.
    static func highlight(_ p: WaterDiagramPath) -> String {
        guard let first = p.points.first else { return "" }
        var d = "M\(S.n(first.x)),\(S.n(first.y))"
        for point in p.points.dropFirst() { d += " L\(S.n(point.x)),\(S.n(point.y))" }
        return "<path class=\"suspect\" d=\"\(d)\" stroke=\"\(suspectColor)\" stroke-width=\"7\" stroke-opacity=\"0.35\" stroke-linecap=\"round\"/>\n"
    }

    static func box(_ b: WaterDiagramBox, leak: Bool = false) -> String {
        let r = b.rect
        var out = "<g id=\"box-\(SVGText.escape(b.id))\">"
        let dash = b.inside || b.role == .source ? "" : " stroke-dasharray=\"5 3\""
        let border = leak ? suspectColor : S.border(b)
        out += "<rect x=\"\(S.n(r.x))\" y=\"\(S.n(r.y))\" width=\"\(S.n(r.width))\" height=\"\(S.n(r.height))\" rx=\"6\" fill=\"\(S.fill(b))\" stroke=\"\(border)\" stroke-width=\"\(leak ? "3" : "1.4")\"\(dash)/>"
        var y = r.y + 17
        let size = b.role == .source ? M.smallSize + 1 : M.nameSize
        for line in b.lines {
            out += text(line, x: r.x + 7, y: y, size: size, color: "#1a2a3a", weight: "bold")
            y += M.lineHeight
        }
        if let subtitle = b.subtitle {
            out += text(subtitle, x: r.x + 7, y: y - 1, size: M.smallSize, color: "#5d6d7e")
            y += 14
        }
        if let balance = b.balance {
            out += text(balance, x: r.x + 7, y: y + 1, size: 11.5, color: b.closes ? "#1e7b34" : "#c0392b", weight: "bold")
        }
        return out + "</g>\n"
    }

    /// The legend entries present in the diagram: line styles of the kinds used, categories of the boxes.
    static func legend(_ layout: WaterDiagramLayout, _ l: WaterReportLanguage) -> [(String, String)] {
        var kinds = Set(layout.paths.map(\.kind))
        for loop in layout.loops { kinds.insert(loop.kind) }
        var items: [(String, String)] = WaterStreamKind.allCases.filter(kinds.contains).map { ("line:\($0.rawValue)", l.name($0)) }
        let categories = Set(layout.boxes.compactMap(\.category))
        for c in WaterCategory.allCases where categories.contains(c) { items.append(("box:\(c.rawValue)", l.name(c))) }
        if layout.boxes.contains(where: { $0.role == .meter || $0.role == .sink }) {
            items.append(("box:outside", l.pick("边界外(水表/排放口)", "outside the boundary")))
        }
        return items
    }

    static func legendSVG(_ items: [(String, String)], top: Double, width: Double, language: WaterReportLanguage) -> String {
        var out = "<g id=\"legend\">"
        out += text(language.pick("图例", "Legend"), x: M.margin, y: top + 18, size: 13, color: "#1a2a3a", weight: "bold")
        let columnWidth = Swift.max(160, (width - 2 * M.margin - 50) / 5)
        for (i, (key, label)) in items.enumerated() {
            let x = M.margin + 50 + Double(i % 5) * columnWidth
            let y = top + 14 + Double(i / 5) * 22
            if key == "suspect" {
                out += "<path d=\"M\(S.n(x)),\(S.n(y)) L\(S.n(x + 32)),\(S.n(y))\" fill=\"none\" stroke=\"\(suspectColor)\" stroke-width=\"7\" stroke-opacity=\"0.35\" stroke-linecap=\"round\"/>"
            } else if key.hasPrefix("line:"), let kind = WaterStreamKind(rawValue: String(key.dropFirst(5))) {
                let (color, dash) = S.stroke(kind)
                if kind == .circulating {
                    out += "<path d=\"M\(S.n(x)),\(S.n(y + 4)) L\(S.n(x)),\(S.n(y - 4)) L\(S.n(x + 30)),\(S.n(y - 4)) L\(S.n(x + 30)),\(S.n(y + 3))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" marker-end=\"url(#arrow-\(kind.rawValue))\"/>"
                } else {
                    out += "<path d=\"M\(S.n(x)),\(S.n(y)) L\(S.n(x + 32)),\(S.n(y))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.7\""
                        + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + " marker-end=\"url(#arrow-\(kind.rawValue))\"/>"
                }
            } else {
                let fake: WaterDiagramBox
                let category = WaterCategory(rawValue: String(key.dropFirst(4)))
                fake = WaterDiagramBox(id: key, role: category == nil ? .sink : .unit, lines: [], closes: true, category: category,
                                       inside: category != nil, rect: WaterRect(x: x, y: y - 8, width: 32, height: 16))
                let dash = fake.inside ? "" : " stroke-dasharray=\"5 3\""
                out += "<rect x=\"\(S.n(x))\" y=\"\(S.n(y - 8))\" width=\"32\" height=\"16\" rx=\"4\" fill=\"\(S.fill(fake))\" stroke=\"\(S.border(fake))\" stroke-width=\"1.3\"\(dash)/>"
            }
            out += text(label, x: x + 40, y: y + 4, size: 11.5, color: "#34495e")
        }
        return out + "</g>\n"
    }
}
