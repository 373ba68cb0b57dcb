import BalanceCore
import BalanceStandards

/// The geometry of a water balance diagram: boxes, workshop frames, loops and orthogonal paths (see
/// ``WaterBalanceDiagram`` for the conventions). Built in steps by ``WaterDiagramBuilder``: columns (x),
/// the band of units with its workshop frames (y), the side columns, then the routes.
struct WaterDiagramLayout: Sendable {
    var boxes: [WaterDiagramBox] = []
    var paths: [WaterDiagramPath] = []
    var frames: [WaterDiagramFrame] = []
    var loops: [WaterDiagramLoop] = []
    var boundary: WaterRect?
    var width = 0.0
    var height = 0.0

    init(report: WaterReport) {
        var builder = WaterDiagramBuilder(plan: WaterDiagramPlan(report: report))
        builder.placeColumns()
        builder.placeBand()
        builder.placeSideColumns()
        builder.addBoxes()
        builder.routeSources()
        builder.routeSupply()
        builder.routeStubs()
        builder.routeTransfers()
        builder.routeCollectors()
        builder.routeOwnSinks()
        builder.routeBypasses()
        builder.addLoops()
        self = builder.finish()
    }

    /// An empty layout (the builder fills it).
    init() {}
}

/// The mutable state of the layout while it is built.
struct WaterDiagramBuilder {
    typealias M = WaterDiagramMetrics
    let plan: WaterDiagramPlan
    var layout = WaterDiagramLayout()
    var rects: [String: WaterRect] = [:]
    var nameLines: [String: [String]] = [:]
    // Columns.
    var sourceX = 0.0, meterX = 0.0, boundaryLeft = 0.0, boxX = 0.0, transferX0 = 0.0, treatmentX = 0.0
    var sinkX = 0.0, boundaryRight = 0.0
    var distributorX: [String: Double] = [:]
    var supplyDistributors: [String] = []
    var supplyLane: [String: Double] = [:]
    var collectorLane: [String: Double] = [:]
    // Band.
    var y = 0.0, bandTop = 0.0, bandBottom = 0.0
    // Lanes right of the band.
    var laneOf: [Int: Int] = [:]
    var laneIntervals: [[(Double, Double)]] = []
    var transferEnds: [Int: (Double, Double)] = [:]
    var bandTransfers: [Int] = []
    var treatmentTransfers: [Int] = []
    // Side columns.
    var collectorY: [String: Double] = [:]
    var sinkTop: [String: Double] = [:]
    var bypassY = 0.0

    init(plan: WaterDiagramPlan) { self.plan = plan }

    var language: WaterReportLanguage { plan.report.language }
    func flow(_ x: Double) -> String { plan.report.flow(x) }

    // MARK: Columns (x)

    mutating func placeColumns() {
        var x = M.margin
        sourceX = x
        if !plan.streams({ $0 == .sourceToDistributor }).isEmpty { x += M.sideBoxWidth * 0.85 + M.columnGap }
        meterX = x
        if !plan.outsideDistributors.isEmpty { x += M.sideBoxWidth + M.columnGap }
        boundaryLeft = x - 14
        x += 8
        // Inside distributors by level: one fed by another inside distributor goes one column right.
        var level: [String: Int] = [:]
        for id in plan.insideDistributors { level[id] = 0 }
        for _ in plan.insideDistributors {
            for j in plan.streams({ $0 == .distributorToDistributor }) {
                guard let f = plan.streams[j].from, let t = plan.streams[j].to, let lf = level[f], let lt = level[t] else { continue }
                level[t] = Swift.max(lt, lf + 1)
            }
        }
        for id in plan.outsideDistributors { distributorX[id] = meterX }
        for id in plan.insideDistributors { distributorX[id] = x + Double(level[id]!) * (M.sideBoxWidth + M.columnGap) }
        x += Double((level.values.max() ?? -1) + 1) * (M.sideBoxWidth + M.columnGap)
        // Supply gutter: one lane per distributor that feeds band units.
        let supplying = Set(plan.streams({ $0 == .supply }).compactMap { plan.streams[$0].from })
        supplyDistributors = (plan.outsideDistributors + plan.insideDistributors).filter(supplying.contains)
        for (i, d) in supplyDistributors.enumerated() { supplyLane[d] = x + Double(i) * M.laneSpacing }
        let nesting = Double(plan.frameDepth) * M.frameInset
        x += Double(supplyDistributors.count) * M.laneSpacing + M.labelZone + nesting
        boxX = x
        x += M.boxWidth + nesting + M.labelZone
        // Transfer lanes, then one lane per collector, then the treatment column.
        bandTransfers = plan.streams({ $0 == .transfer }).filter { plan.bandSet.contains(plan.streams[$0].from!) }
        treatmentTransfers = plan.streams({ $0 == .transfer }).filter { !plan.bandSet.contains(plan.streams[$0].from!) }
        transferX0 = x
    }

    // MARK: Band (y)

    mutating func placeBand() {
        y = M.headerHeight + 30
        bandTop = y
        let network = plan.network
        let roots = network.model.nodes.filter { $0.parent == nil }.map(\.id)
        let covering = roots.count == 1 && plan.band.allSatisfy { network.subtree(of: roots[0]).contains($0) } ? roots[0] : nil
        for root in roots {
            if plan.bandSet.contains(root) { placeUnit(root) }
            guard !network.children(of: root).isEmpty, holdsBand(root) else { continue }
            if root == covering { placeChildren(of: root, nesting: 0) } else { placeFrame(root, nesting: 0) }
        }
        for id in plan.band where rects[id] == nil { placeUnit(id) }
        bandBottom = Swift.max(y, bandTop + 60)
        // Now the ports are known: lanes for the transfers between band units.
        for j in bandTransfers {
            let s = plan.streams[j]
            transferEnds[j] = (rightPortY(j, at: s.from!), rightPortY(j, at: s.to!))
        }
        for j in bandTransfers.sorted(by: { span($0) < span($1) }) { assignLane(j, transferEnds[j]!.0, transferEnds[j]!.1) }
        let reserved = laneIntervals.count + treatmentTransfers.count
        var x = transferX0 + Double(reserved) * M.laneSpacing + (reserved > 0 ? 18 : 0)
        for (i, key) in plan.collectorOrder.enumerated() { collectorLane[key] = x + Double(i) * M.laneSpacing }
        x += Double(plan.collectorOrder.count) * M.laneSpacing + M.columnGap
        treatmentX = x
        boundaryRight = plan.treatment.isEmpty ? treatmentX - M.columnGap + 14 : treatmentX + M.sideBoxWidth + 14
        sinkX = plan.treatment.isEmpty ? treatmentX : treatmentX + M.sideBoxWidth + M.columnGap
    }

    private func span(_ j: Int) -> Double { abs(transferEnds[j]!.0 - transferEnds[j]!.1) }

    private func holdsBand(_ id: String) -> Bool { plan.network.subtree(of: id).contains(where: plan.bandSet.contains) }

    private mutating func placeUnit(_ id: String) {
        let lines = M.wrap(plan.name(id), width: M.boxWidth - 14, size: M.nameSize)
        nameLines[id] = lines
        let ports = Swift.max(plan.leftPorts[id]?.count ?? 0, plan.rightPorts[id]?.count ?? 0)
        let h = Swift.max(22 + Double(lines.count) * M.lineHeight + 28, Double(ports + 1) * M.portSpacing)
        if plan.loopsOf[id] != nil { y += M.loopSpace }
        rects[id] = WaterRect(x: boxX, y: y, width: M.boxWidth, height: h)
        y += h + (plan.bottomStubs[id] == nil ? 0 : M.stubSpace) + M.unitGap
    }

    private mutating func placeChildren(of id: String, nesting: Int) {
        for child in plan.network.children(of: id) {
            if plan.bandSet.contains(child) { placeUnit(child) }
            if !plan.network.children(of: child).isEmpty && holdsBand(child) { placeFrame(child, nesting: nesting) }
        }
    }

    private mutating func placeFrame(_ id: String, nesting: Int) {
        let top = y
        y += M.frameTitle
        placeChildren(of: id, nesting: nesting + 1)
        y += M.framePad - M.unitGap
        let inset = Double(plan.frameDepth - nesting) * M.frameInset + 6
        layout.frames.append(WaterDiagramFrame(
            title: plan.name(id),
            rect: WaterRect(x: boxX - inset - 4, y: top, width: M.boxWidth + 2 * inset + 8, height: y - top), level: nesting))
        y += M.frameGap
    }

    /// The y of port `index` of `count` evenly spaced along a box side.
    func port(_ rect: WaterRect, _ index: Int, of count: Int) -> Double {
        rect.y + rect.height * Double(index + 1) / Double(count + 1)
    }

    func leftPortY(_ j: Int) -> Double {
        let id = plan.streams[j].to!
        let list = plan.leftPorts[id]!
        return port(rects[id]!, list.firstIndex(of: j)!, of: list.count)
    }

    func rightPortY(_ j: Int, at id: String) -> Double {
        let list = plan.rightPorts[id]!
        return port(rects[id]!, list.firstIndex(of: j)!, of: list.count)
    }

    /// Puts transfer `j` spanning [a, b] on the innermost lane where it overlaps no other transfer.
    mutating func assignLane(_ j: Int, _ a: Double, _ b: Double) {
        let lo = Swift.min(a, b) - 5, hi = Swift.max(a, b) + 5
        for (k, intervals) in laneIntervals.enumerated() where !intervals.contains(where: { $0.0 < hi && lo < $0.1 }) {
            laneIntervals[k].append((lo, hi))
            laneOf[j] = k
            return
        }
        laneIntervals.append([(lo, hi)])
        laneOf[j] = laneIntervals.count - 1
    }

    func laneX(_ j: Int) -> Double { transferX0 + Double(laneOf[j]!) * M.laneSpacing }

    // MARK: Side columns

    /// Tops for boxes of the given heights, as near their wanted centres as the boxes above allow.
    func resolve(_ wanted: [(String, Double, Double)]) -> [String: Double] {
        var out: [String: Double] = [:]
        var bottom = bandTop
        for (key, centre, h) in wanted.sorted(by: { $0.1 < $1.1 }) {
            let top = Swift.max(centre - h / 2, bottom)
            out[key] = top
            bottom = top + h + 40
        }
        return out
    }

    /// Treatment boxes at the mean height of the discharges they collect; outfalls likewise; distributors at
    /// the mean height of the units they feed (a boundary meter node in line with the network it feeds).
    mutating func placeSideColumns() {
        var branchYs: [String: [Double]] = [:]
        for j in plan.relevant {
            if case let .collector(key)? = plan.routes[j] { branchYs[key, default: []].append(rightPortY(j, at: plan.streams[j].from!)) }
        }
        func mean(_ ys: [Double]?) -> Double {
            guard let ys, !ys.isEmpty else { return (bandTop + bandBottom) / 2 }
            return ys.reduce(0, +) / Double(ys.count)
        }
        let treatmentTops = resolve(plan.treatment.map { id in
            (id, mean(branchYs[id]), M.sideHeight + (plan.loopsOf[id] == nil ? 0 : M.loopSpace))
        })
        for id in plan.treatment {
            let outgoing = treatmentTransfers.filter { plan.streams[$0].from == id }.count
            let h = Swift.max(M.sideHeight, 12 + Double(outgoing) * 15 + 30)
            let top = treatmentTops[id]! + (plan.loopsOf[id] == nil ? 0 : M.loopSpace)
            rects[id] = WaterRect(x: treatmentX, y: top, width: M.sideBoxWidth, height: h)
            collectorY[id] = outgoing == 0 ? top + h / 2 : top + 12 + Double(outgoing) * 15 + 6
        }
        var sinks: [(String, Double, Double)] = plan.collectorOrder.filter { !plan.treatmentSet.contains($0) }.map {
            ($0, mean(branchYs[$0]), M.sideHeight)
        }
        for j in plan.streams({ $0 == .ownSink }) { sinks.append(("own:\(j)", rects[plan.streams[j].from!]!.midY, M.sideHeight)) }
        sinkTop = resolve(sinks)
        var byColumn: [Double: [(String, Double, Double)]] = [:]
        for d in plan.outsideDistributors + plan.insideDistributors {
            let ys = plan.streams({ $0 == .supply }).filter { plan.streams[$0].from == d }.map(leftPortY)
            let sources = plan.streams({ $0 == .sourceToDistributor }).filter { plan.streams[$0].to == d }.count
            byColumn[distributorX[d]!, default: []].append((d, mean(ys), Swift.max(M.sideHeight, Double(sources + 1) * 18)))
        }
        for (x, wanted) in byColumn.sorted(by: { $0.key < $1.key }) {
            let tops = resolve(wanted)
            for (d, _, h) in wanted { rects[d] = WaterRect(x: x, y: tops[d]!, width: M.sideBoxWidth, height: h) }
        }
        for j in plan.streams({ $0 == .distributorToDistributor }) {
            guard let f = plan.streams[j].from, let t = plan.streams[j].to, !plan.network.isInside(f),
                  var r = rects[f], let target = rects[t] else { continue }
            r.y = target.y
            rects[f] = r
        }
    }

    // MARK: Boxes

    mutating func addBoxes() {
        let network = plan.network
        for id in plan.band + plan.treatment + plan.insideDistributors {
            let a = plan.grossIn[id] ?? 0, b = plan.grossOut[id] ?? 0
            let closes = flow(a) == flow(b)
            let category = language.name(network.category(of: id))
            let lines = nameLines[id] ?? M.wrap(plan.name(id), width: M.sideBoxWidth - 14, size: M.nameSize)
            layout.boxes.append(WaterDiagramBox(
                id: id, role: plan.bandSet.contains(id) ? .unit : (plan.treatmentSet.contains(id) ? .treatment : .distributor),
                lines: lines, subtitle: plan.name(id).contains(id) ? category : "\(id) · \(category)",
                balance: language.pick("进 ", "in ") + flow(a) + (closes ? " = " : " ≠ ") + language.pick("出 ", "out ") + flow(b),
                closes: closes, category: network.category(of: id), inside: true, rect: rects[id]!))
        }
        for id in plan.outsideDistributors {
            let check = plan.report.result.boundaryCheck
            let delta = check?.relative.map { " δ = " + NumberFormatting.percent($0) } ?? ""
            layout.boxes.append(WaterDiagramBox(
                id: id, role: .meter, lines: M.wrap(plan.name(id), width: M.sideBoxWidth - 14, size: M.nameSize),
                subtitle: language.pick("边界计量", "boundary meter") + delta,
                balance: flow(plan.grossIn[id] ?? 0) + " → " + flow(plan.grossOut[id] ?? 0),
                closes: check?.withinTolerance ?? true, category: nil, inside: false, rect: rects[id]!))
        }
    }

    // MARK: Extent

    func finish() -> WaterDiagramLayout {
        var out = layout
        var maxX = boundaryRight
        var maxY = bypassY
        for b in out.boxes {
            maxX = Swift.max(maxX, b.rect.maxX)
            maxY = Swift.max(maxY, b.rect.maxY + 30)
        }
        for f in out.frames { maxY = Swift.max(maxY, f.rect.maxY) }
        let inside = out.boxes.filter(\.inside).map(\.rect) + out.frames.map(\.rect)
        if let bottom = inside.map(\.maxY).max() {
            let top = M.headerHeight + 8
            let boundary = WaterRect(x: boundaryLeft, y: top, width: boundaryRight - boundaryLeft,
                                     height: Swift.max(bottom + 34, bypassY) - top)
            out.boundary = boundary
            maxY = Swift.max(maxY, boundary.maxY)
        }
        out.width = maxX + M.margin
        out.height = maxY + 10
        return out
    }
}
