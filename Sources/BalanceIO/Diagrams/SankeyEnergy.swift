import BalanceStandards

extension SankeyDiagram {
    /// The energy-flow diagram of an energy balance, in tce (当量值).
    ///
    /// Columns: purchases by carrier → 购入贮存 → 加工转换 → 输送分配 → 最终使用 → 有效能量 / 外供.
    /// The losses of each node go to a loss sink of its stage, drawn at the bottom of the next column, and
    /// a node whose given values do not close (exact data) sends its gap there too (不明损失), so every node
    /// closes on the drawing. Purchases and stock changes of one carrier into one node are drawn net.
    public static func energy(_ result: EnergyBalanceResult, caseName: String, language: LabelLanguage) -> SankeyDiagram {
        let zh = language.isChinese
        var diagram = SankeyDiagram(
            title: language.pick("能量平衡图 — ", "Energy flow diagram — ") + caseName,
            subtitle: language.pick("单位 tce (当量值); 带宽与能量成正比; 各节点 供入 = 产出 + 损失",
                                    "tce (calorific); band width ∝ energy; every node: input = output + losses"),
            unit: "tce")
        let network = result.network
        let lastColumn = EnergyStage.allCases.count + 1
        func column(_ stage: EnergyStage) -> Int { stage.index + 1 }
        func nodeLabel(_ id: String) -> String {
            network.tceModel.node(id)?.name ?? id
        }
        for stage in EnergyStage.allCases {
            for id in network.stages.filter({ $0.value == stage }).keys.sorted() {
                diagram.addNode(Node(id: "n:" + id, label: nodeLabel(id), column: column(stage), role: .process))
            }
        }
        func lossSink(_ stage: EnergyStage) -> String {
            let id = "loss:" + stage.rawValue
            diagram.addNode(Node(id: id, label: stage.label(chinese: zh) + language.pick("损失", " losses"),
                                 column: min(column(stage) + 1, lastColumn), role: .loss))
            return id
        }
        var carriersSeen: [(String?, String)] = []
        func carrierLabel(_ s: EnergyStreamResult) -> String {
            let label = s.carrier?.name(chinese: zh) ?? language.pick("其他", "other")
            if !carriersSeen.contains(where: { $0.0 == s.carrier?.id }) { carriersSeen.append((s.carrier?.id, label)) }
            return label
        }
        for s in network.streams where !(s.from != nil && s.from == s.to) {
            let label = carrierLabel(s)
            let color = s.kind == .recovered ? SankeyPalette.recovered : SankeyPalette.carrier(s.carrier?.id)
            switch (s.from, s.to) {
            case let (nil, to?):
                let source = "src:" + (s.carrier?.id ?? "")
                diagram.addNode(Node(id: source, label: language.pick("购入 ", "Purchased ") + label, column: 0, role: .source))
                diagram.addLink(Link(source: source, target: "n:" + to, value: s.tce, label: label, color: color))
            case let (from?, nil):
                let target: String
                switch s.kind {
                case .effective:
                    target = "effective"
                    diagram.addNode(Node(id: target, label: language.pick("有效能量", "Effective energy"), column: lastColumn, role: .sink))
                case .export:
                    target = "export"
                    diagram.addNode(Node(id: target, label: language.pick("外供", "Exported"), column: lastColumn, role: .sink))
                default:
                    target = lossSink(network.stages[from] ?? .endUse)
                }
                diagram.addLink(Link(source: "n:" + from, target: target, value: s.tce, label: label,
                                     color: s.kind == .loss ? SankeyPalette.loss : color))
            case let (from?, to?):
                diagram.addLink(Link(source: "n:" + from, target: "n:" + to, value: s.tce, label: label, color: color))
            default:
                break
            }
        }
        for (node, gap) in network.nodeImbalance where gap != 0 {
            let stage = network.stages[node] ?? .endUse
            if gap > 0 {
                diagram.addLink(Link(source: "n:" + node, target: lossSink(stage), value: gap,
                                     label: language.pick("不明损失", "unaccounted"), color: SankeyPalette.neutral))
            } else {
                diagram.addNode(Node(id: "gap", label: language.pick("平衡差", "closure gap"), column: 0, role: .source))
                diagram.addLink(Link(source: "gap", target: "n:" + node, value: -gap,
                                     label: language.pick("平衡差", "closure gap"), color: SankeyPalette.neutral))
            }
        }
        diagram.legend = carriersSeen.map { (SankeyPalette.carrier($0.0), $0.1) } + [
            (SankeyPalette.loss, language.pick("损失", "losses")),
            (SankeyPalette.effective, language.pick("有效能量", "effective energy")),
        ]
        diagram.columnHeadings = [language.pick("购入能源", "Purchased")]
            + EnergyStage.allCases.map { $0.label(chinese: zh) } + [language.pick("有效能量与外供", "Effective and exported")]
        if network.streams.contains(where: { $0.kind == .recovered }) {
            diagram.legend.append((SankeyPalette.recovered, language.pick("回收利用", "recovered")))
        }
        return diagram
    }
}
