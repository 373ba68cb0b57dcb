import BalanceCore
import BalanceStandards

/// Writes the water balance diagram as a Graphviz DOT graph: `rankdir=LR`, one cluster per group of the
/// `parent` hierarchy, boxes coloured by category with their `in = out` line, edges coloured and labelled
/// like the SVG, loops as self-edges, losses and outfalls as small terminal nodes.
enum WaterDiagramDOT {
    static func quote(_ s: String) -> String {
        var out = "\""
        for ch in s {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out + "\""
    }

    static func render(_ report: WaterReport) -> String {
        let result = report.result
        let network = result.network
        let model = network.model
        let l = report.language
        let flow = report.flow
        func value(_ j: Int) -> Double { result.values[j] ?? 0 }
        var grossIn: [String: Double] = [:], grossOut: [String: Double] = [:]
        let relevant = model.streams.indices.filter { j in
            network.kinds[j] != nil && (network.isInside(model.streams[j].from) || network.isInside(model.streams[j].to)
                || network.distributionNodes.contains(model.streams[j].to ?? "") )
        }
        for j in relevant where !model.streams[j].isLoop {
            if let to = model.streams[j].to { grossIn[to, default: 0] += value(j) }
            if let from = model.streams[j].from { grossOut[from, default: 0] += value(j) }
        }
        var out = "digraph water_balance {\n"
        out += "  graph [rankdir=LR, fontname=\(quote(WaterDiagramStyle.fontFamily)), label=\(quote(WaterDiagramSVG.title(report) + (report.unitText.isEmpty ? "" : " (\(report.unitText))"))), labelloc=t, fontsize=18, nodesep=0.25, ranksep=0.6, splines=spline, compound=true, newrank=true];\n"
        out += "  node [shape=box, style=\"rounded,filled\", fontname=\(quote(WaterDiagramStyle.fontFamily)), fontsize=11];\n"
        out += "  edge [fontname=\(quote(WaterDiagramStyle.fontFamily)), fontsize=10];\n"
        var declared = Set<String>()
        func nodeLine(_ id: String, indent: String) -> String {
            declared.insert(id)
            let node = model.node(id)
            let name = node?.name ?? id
            let a = grossIn[id] ?? 0, b = grossOut[id] ?? 0
            let closes = flow(a) == flow(b)
            var label = name
            if name != id { label += "\n" + id }
            if let c = network.category(of: id) { label += " · " + l.name(c) }
            if network.isInside(id) {
                label += "\n" + l.pick("进 ", "in ") + flow(a) + (closes ? " = " : " ≠ ") + l.pick("出 ", "out ") + flow(b)
            } else {
                label += "\n" + l.pick("边界外", "outside the boundary")
            }
            let box = WaterDiagramBox(id: id, role: network.isInside(id) ? .unit : .meter, lines: [], closes: closes,
                                      category: network.category(of: id), inside: network.isInside(id),
                                      rect: WaterRect(x: 0, y: 0, width: 0, height: 0))
            var attributes = "label=\(quote(label)), fillcolor=\(quote(WaterDiagramStyle.fill(box))), color=\(quote(WaterDiagramStyle.border(box)))"
            if !network.isInside(id) { attributes += ", style=\"rounded,dashed\"" }
            if !closes && network.isInside(id) { attributes += ", fontcolor=\"#c0392b\"" }
            return "\(indent)\(quote(id)) [\(attributes)];\n"
        }
        let endpoints = Set(relevant.flatMap { [model.streams[$0].from, model.streams[$0].to].compactMap { $0 } })
        func cluster(_ id: String, indent: String) -> String {
            let members = network.subtree(of: id).filter(endpoints.contains)
            guard !members.isEmpty else { return "" }
            var text = "\(indent)subgraph \(quote("cluster_" + id)) {\n\(indent)  label=\(quote(model.node(id)?.name ?? id)); style=\"rounded\"; color=\"#9aa7b4\"; fontsize=12;\n"
            if endpoints.contains(id) { text += nodeLine(id, indent: indent + "  ") }
            for child in network.children(of: id) {
                if network.children(of: child).isEmpty {
                    if endpoints.contains(child) { text += nodeLine(child, indent: indent + "  ") }
                } else {
                    text += cluster(child, indent: indent + "  ")
                }
            }
            return text + "\(indent)}\n"
        }
        for node in model.nodes where node.parent == nil {
            if network.children(of: node.id).isEmpty {
                if endpoints.contains(node.id) { out += nodeLine(node.id, indent: "  ") }
            } else {
                out += cluster(node.id, indent: "  ")
            }
        }
        for id in endpoints.sorted() where !declared.contains(id) { out += nodeLine(id, indent: "  ") }
        var terminal = 0
        for j in relevant {
            let s = model.streams[j]
            let kind = network.kinds[j]!
            let (color, dash) = WaterDiagramStyle.stroke(kind)
            var attributes = "label=\(quote(flow(value(j)))), color=\(quote(color)), fontcolor=\(quote(color))"
            if dash != nil { attributes += ", style=dashed" }
            let from: String
            if let f = s.from {
                from = f
            } else {
                terminal += 1
                from = "src_\(terminal)"
                out += "  \(quote(from)) [label=\(quote(s.name ?? l.pick("水源", "source"))), shape=cds, fillcolor=\"#e8f1fb\", color=\"#1f6fb4\"];\n"
            }
            let to: String
            if let t = s.to {
                to = t
            } else {
                terminal += 1
                to = "out_\(terminal)"
                let label = (s.name ?? l.name(kind))
                let shape = kind == .discharge || kind == .export ? "house" : "plaintext"
                out += "  \(quote(to)) [label=\(quote(label)), shape=\(shape), style=\"\", fontcolor=\(quote(color))];\n"
            }
            out += "  \(quote(from)) -> \(quote(to)) [\(attributes)];\n"
        }
        return out + "}\n"
    }
}
