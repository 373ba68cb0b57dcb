import BalanceCore
import BalanceStandards

extension SankeyDiagram {
    /// The Sankey diagram of a material balance: inputs on the left, the unit operations in the order of
    /// the flow (longest path from the inputs; recycles drawn as loops under the diagram), outputs on the
    /// right; wastes and losses red, products green. Drawn in total mass, or — with `component` — in the
    /// load of one component (Σ F·x; streams without a value of it count 0). A unit operation whose
    /// drawn values do not close gets its gap as a flow to or from 不明损失 / 平衡差, so every node closes.
    public static func material(
        _ result: MaterialBalanceResult, model: BalanceModel, caseName: String, language: LabelLanguage,
        component: String? = nil
    ) -> SankeyDiagram {
        var value: [String: Double] = [:]
        var unit = result.unit?.description ?? ""
        if let component, let balance = result.components.first(where: { $0.component == component }) {
            unit = balance.unit
            value = balance.loads
        } else {
            for s in result.streams { value[s.id] = s.value }
        }
        var diagram = SankeyDiagram(
            title: language.pick("物料平衡图 — ", "Material balance — ") + caseName
                + (component.map { language.pick(" (组分 \($0))", " (component \($0))") } ?? ""),
            subtitle: language.pick("单位 \(unit); 带宽与流量成正比; 各单元 输入 = 输出", "\(unit); band width ∝ flow; every unit: input = output"),
            unit: unit)
        diagram.valueDecimals = component == nil ? 1 : 3
        let layers = layering(model: model, streams: result.streams)
        let sinkColumn = (layers.values.max() ?? 1) + 1
        for (id, layer) in layers.sorted(by: { $0.value < $1.value }) {
            diagram.addNode(Node(id: "n:" + id, label: model.node(id)?.name ?? id, column: layer, role: .process))
        }
        for s in result.streams where !(s.from != nil && s.from == s.to) {
            let v = value[s.id] ?? 0
            let kind = s.kind.flatMap { MaterialKind(text: $0) }
            let label = s.name ?? s.id
            if v == 0 && (s.from == nil || s.to == nil) { continue }  // e.g. a stream without the component
            switch (s.from, s.to) {
            case let (nil, to?):
                diagram.addNode(Node(id: "in:" + s.id, label: label, column: 0, role: .source))
                diagram.addLink(Link(source: "in:" + s.id, target: "n:" + to, value: v, label: nil,
                                     color: kind == .water ? SankeyPalette.carrier("fresh-water") : SankeyPalette.carrier("raw-coal")))
            case let (from?, nil):
                let waste = kind?.isWaste ?? false
                diagram.addNode(Node(id: "out:" + s.id, label: label, column: sinkColumn, role: waste ? .loss : .sink))
                diagram.addLink(Link(source: "n:" + from, target: "out:" + s.id, value: v, label: nil,
                                     color: waste ? SankeyPalette.loss : kind == .product || kind == .byProduct ? SankeyPalette.effective : SankeyPalette.neutral))
            case let (from?, to?):
                diagram.addLink(Link(source: "n:" + from, target: "n:" + to, value: v, label: label,
                                     color: kind == .recycle ? SankeyPalette.recovered : SankeyPalette.neutral))
            default: break
            }
        }
        // Close every unit operation on the drawing; a gap that rounds to 0 at the shown precision is not drawn.
        let resolution = 0.5 * pow10(-diagram.valueDecimals)
        for id in layers.keys.sorted() {
            let sums = diagram.throughput()["n:" + id] ?? (0, 0)
            let gap = sums.inflow - sums.outflow
            guard abs(gap) >= resolution else { continue }
            if gap > 0 {
                diagram.addNode(Node(id: "gap-out", label: language.pick("不明损失 (平衡差)", "unaccounted"), column: sinkColumn, role: .loss))
                diagram.addLink(Link(source: "n:" + id, target: "gap-out", value: gap, label: nil, color: SankeyPalette.neutral))
            } else {
                diagram.addNode(Node(id: "gap-in", label: language.pick("平衡差 (输出多于输入)", "closure gap (out > in)"), column: 0, role: .source))
                diagram.addLink(Link(source: "gap-in", target: "n:" + id, value: -gap, label: nil, color: SankeyPalette.neutral))
            }
        }
        diagram.legend = [
            (SankeyPalette.carrier("raw-coal"), language.pick("原辅料", "materials")),
            (SankeyPalette.carrier("fresh-water"), language.pick("水", "water")),
            (SankeyPalette.effective, language.pick("产品", "products")),
            (SankeyPalette.loss, language.pick("废物与损失", "wastes and losses")),
            (SankeyPalette.recovered, language.pick("回用", "recycled")),
            (SankeyPalette.neutral, language.pick("内部流股/平衡差", "internal / closure gap")),
        ]
        return diagram
    }

    private static func pow10(_ n: Int) -> Double {
        var x = 1.0
        for _ in 0..<abs(n) { x *= 10 }
        return n < 0 ? 1 / x : x
    }

    /// Column of each unit operation: 1 + the longest path from the inputs, ignoring the edges that close a
    /// cycle (recycles), found by depth-first search from the nodes fed from outside.
    static func layering(model: BalanceModel, streams: [MaterialBalanceResult.Stream]) -> [String: Int] {
        var nodes: [String] = []
        for s in streams { for end in [s.from, s.to] { if let end, !nodes.contains(end) { nodes.append(end) } } }
        var successors: [String: [String]] = [:]
        for s in streams { if let f = s.from, let t = s.to, f != t { successors[f, default: []].append(t) } }
        let roots = nodes.filter { n in streams.contains { $0.from == nil && $0.to == n } }
        var state: [String: Int] = [:]  // 1 = on stack, 2 = done
        var forward: [String: [String]] = [:]
        var order: [String] = []
        func visit(_ n: String) {
            state[n] = 1
            for m in successors[n] ?? [] {
                if state[m] == 1 { continue }  // back edge: a recycle
                forward[n, default: []].append(m)
                if state[m] == nil { visit(m) }
            }
            state[n] = 2
            order.append(n)
        }
        for n in roots + nodes where state[n] == nil { visit(n) }
        var layer: [String: Int] = [:]
        for n in nodes { layer[n] = 1 }
        for n in order.reversed() {
            for m in forward[n] ?? [] { layer[m] = max(layer[m]!, layer[n]! + 1) }
        }
        return layer
    }
}
