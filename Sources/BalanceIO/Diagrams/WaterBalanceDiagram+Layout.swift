import BalanceCore
import BalanceStandards

/// Sizes of the water balance diagram, in px.
enum WaterDiagramMetrics {
    static let margin = 24.0
    static let headerHeight = 78.0
    static let boxWidth = 210.0
    static let sideBoxWidth = 150.0
    static let columnGap = 44.0
    static let laneSpacing = 14.0
    static let labelZone = 52.0
    static let nameSize = 13.0
    static let smallSize = 10.5
    static let labelSize = 11.0
    static let lineHeight = 15.0
    static let unitGap = 14.0
    static let loopSpace = 24.0
    static let stubSpace = 30.0
    static let frameTitle = 24.0
    static let framePad = 10.0
    static let frameInset = 9.0
    static let frameGap = 14.0
    static let stubSpacing = 66.0
    /// Transfers longer than this (px) are labelled at both ends.
    static let longTransfer = 160.0

    /// Approximate advance width of `text` at `size` (CJK 1 em, Latin and digits about 0.55 em).
    static func textWidth(_ text: String, size: Double) -> Double { Double(DisplayWidth.of(text)) * 0.55 * size }

    /// `text` cut into lines of at most `width` px (by characters; CJK text has no spaces), at most
    /// `maxLines`, the last ending with … when cut.
    static func wrap(_ text: String, width: Double, size: Double, maxLines: Int = 2) -> [String] {
        var lines: [String] = []
        var current = ""
        let closing: Set<Character> = [")", "）", "]", "】", "，", ",", "、", "。", "：", ":", "；", ";", "》"]
        for ch in text {
            // Closing punctuation stays on its line even when it overflows a little.
            if textWidth(current + String(ch), size: size) > width && !current.isEmpty && !closing.contains(ch) {
                lines.append(current)
                current = ""
                if lines.count == maxLines { break }
            }
            current.append(ch)
        }
        if lines.count < maxLines {
            if !current.isEmpty { lines.append(current) }
        } else if let last = lines.popLast() {
            var cut = last
            while !cut.isEmpty && textWidth(cut + "…", size: size) > width { cut.removeLast() }
            lines.append(cut + "…")
        }
        return lines.isEmpty ? [""] : lines
    }
}

/// The geometry of a water balance diagram: boxes, workshop frames, loops and orthogonal paths (see
/// ``WaterBalanceDiagram`` for the conventions).
struct WaterDiagramLayout: Sendable {
    var boxes: [WaterDiagramBox] = []
    var paths: [WaterDiagramPath] = []
    var frames: [WaterDiagramFrame] = []
    var loops: [WaterDiagramLoop] = []
    var boundary: WaterRect?
    var width = 0.0
    var height = 0.0
    var contentBottom = 0.0

    /// How one stream is drawn.
    private enum Plan {
        case sourceToDistributor      // a source box in column 0 feeding a distributor
        case supply                   // distributor → unit, along the distributor's supply lane
        case distributorToDistributor
        case stubIn                   // short arrow into a box from the left (new water from outside)
        case stubOut                  // short arrow out of a box's bottom (consumption, leakage …)
        case collector(String)        // unit → treatment or outfall, along the collector's lane
        case transfer                 // unit ↔ unit (or treatment → unit), along a transfer lane
        case ownSink                  // treatment → its own outfall box
        case bypass                   // anything else: around the bottom
    }

    init(report: WaterReport) {
        typealias M = WaterDiagramMetrics
        let result = report.result
        let network = result.network
        let model = network.model
        let language = report.language
        let streams = model.streams
        func value(_ j: Int) -> Double { result.values[j] ?? 0 }
        func name(_ id: String) -> String { model.node(id)?.name ?? id }

        // MARK: Roles of the nodes
        let distributors = network.distributionNodes
        let relevant = streams.indices.filter { j in
            guard network.kinds[j] != nil else { return false }
            let s = streams[j]
            return network.isInside(s.from) || network.isInside(s.to)
                || s.to.map(distributors.contains) == true || s.from.map(distributors.contains) == true
        }
        var dischargeIn: [String: (sum: Double, sources: Set<String>)] = [:]
        var grossIn: [String: Double] = [:]
        var grossOut: [String: Double] = [:]
        for j in relevant where !streams[j].isLoop {
            let s = streams[j]
            if let to = s.to { grossIn[to, default: 0] += value(j) }
            if let from = s.from { grossOut[from, default: 0] += value(j) }
            if network.kinds[j] == .discharge, let to = s.to, let from = s.from {
                var entry = dischargeIn[to] ?? (0, [])
                entry.sum += value(j)
                entry.sources.insert(from)
                dischargeIn[to] = entry
            }
        }
        let treatment = network.units.filter { id in
            guard !distributors.contains(id), let d = dischargeIn[id] else { return false }
            return d.sources.count >= 2 && d.sum >= 0.5 * (grossIn[id] ?? 0)
        }
        let treatmentSet = Set(treatment)
        let band = network.units.filter { !distributors.contains($0) && !treatmentSet.contains($0) }
        let bandSet = Set(band)
        let insideDistributors = model.nodes.map(\.id).filter { distributors.contains($0) && network.isInside($0) }
        let outsideDistributors = model.nodes.map(\.id).filter { distributors.contains($0) && !network.isInside($0) }

        // MARK: Plan every stream
        var plans: [Int: Plan] = [:]
        var loopsOf: [String: [Int]] = [:]
        for j in relevant {
            let s = streams[j]
            let kind = network.kinds[j]!
            if s.isLoop {
                loopsOf[s.from!, default: []].append(j)
                continue
            }
            let from = s.from, to = s.to
            let fromDistributor = from.map(distributors.contains) ?? false
            let toDistributor = to.map(distributors.contains) ?? false
            let fromOutside = !network.isInside(from) && !fromDistributor
            let toOutside = !network.isInside(to) && !toDistributor
            let plan: Plan
            if fromOutside {
                plan = toDistributor ? .sourceToDistributor : .stubIn
            } else if fromDistributor {
                if let to, bandSet.contains(to) { plan = .supply }
                else if toDistributor { plan = .distributorToDistributor }
                else if toOutside { plan = .stubOut }
                else { plan = .bypass }
            } else if let from, treatmentSet.contains(from) {
                if toOutside { plan = (kind == .discharge || kind == .export) && to == nil ? .ownSink : (to == nil ? .stubOut : .ownSink) }
                else if let to, bandSet.contains(to) { plan = .transfer }
                else { plan = .bypass }
            } else {
                // from a band unit
                if toOutside {
                    switch kind {
                    case .discharge: plan = .collector(to ?? "sink:discharge")
                    case .export: plan = .collector(to ?? "sink:export")
                    default: plan = to == nil ? .stubOut : .collector(to!)
                    }
                } else if let to, treatmentSet.contains(to) {
                    plan = kind == .discharge ? .collector(to) : .transfer
                } else if let to, bandSet.contains(to) {
                    plan = .transfer
                } else {
                    plan = .bypass
                }
            }
            plans[j] = plan
        }
        func streamsPlanned(_ test: (Int, Plan) -> Bool) -> [Int] {
            relevant.filter { j in plans[j].map { test(j, $0) } ?? false }
        }
        var collectorOrder: [String] = []
        for j in relevant {
            if case let .collector(key)? = plans[j], !collectorOrder.contains(key) { collectorOrder.append(key) }
        }
        // Treatment nodes first (they sit higher), then outfalls.
        collectorOrder.sort { (treatmentSet.contains($0) ? 0 : 1) < (treatmentSet.contains($1) ? 0 : 1) }

        // Ports of the band units: left (supply, stubs in), right (transfers, collectors), bottom stubs.
        var leftPorts: [String: [Int]] = [:]
        var rightPorts: [String: [Int]] = [:]
        var bottomStubs: [String: [Int]] = [:]
        for j in relevant {
            guard let plan = plans[j] else { continue }
            let s = streams[j]
            switch plan {
            case .supply, .stubIn:
                leftPorts[s.to!, default: []].append(j)
            case .transfer:
                if let from = s.from, bandSet.contains(from) { rightPorts[from, default: []].append(j) }
                if let to = s.to, bandSet.contains(to) { rightPorts[to, default: []].append(j) }
            case .collector:
                rightPorts[s.from!, default: []].append(j)
            case .stubOut:
                bottomStubs[s.from!, default: []].append(j)
            case .sourceToDistributor, .distributorToDistributor, .ownSink, .bypass:
                break
            }
        }
        // Transfers above collectors on the right side. Transfers are brackets on lanes, shorter ones inside;
        // they nest without crossing when the ports run, top to bottom: other ends above the unit, nearest
        // first; then other ends below it, farthest first (treatment nodes count as below everything).
        let bandOrder = WaterDiagramLayout.bandOrder(network: network, band: bandSet)
        for (id, ports) in rightPorts {
            let own = bandOrder[id] ?? 0
            func key(_ j: Int) -> (Int, Int, Int) {
                guard case .transfer? = plans[j] else { return (2, 0, j) }
                let s = streams[j]
                let other = bandOrder[s.from == id ? s.to! : s.from!] ?? Int.max / 2
                return (other < own ? 0 : 1, -other, j)
            }
            rightPorts[id] = ports.sorted { key($0) < key($1) }
        }

        // MARK: Columns (x)
        var x = M.margin
        let sourcesToDistributors = streamsPlanned { _, p in if case .sourceToDistributor = p { return true } else { return false } }
        let sourceX = x
        if !sourcesToDistributors.isEmpty { x += M.sideBoxWidth * 0.85 + M.columnGap }
        let meterX = x
        if !outsideDistributors.isEmpty { x += M.sideBoxWidth + M.columnGap }
        let boundaryLeft = x - 14
        x += 8
        // Inside distributors by level (a distributor fed by another inside distributor goes one column right).
        var level: [String: Int] = [:]
        for id in insideDistributors { level[id] = 0 }
        for _ in 0..<insideDistributors.count {
            for j in relevant {
                guard case .distributorToDistributor? = plans[j], let f = streams[j].from, let t = streams[j].to,
                      let lf = level[f], level[t] != nil else { continue }
                level[t] = Swift.max(level[t]!, lf + 1)
            }
        }
        let levels = (level.values.max() ?? -1) + 1
        var distributorX: [String: Double] = [:]
        for id in outsideDistributors { distributorX[id] = meterX }
        for id in insideDistributors { distributorX[id] = x + Double(level[id]!) * (M.sideBoxWidth + M.columnGap) }
        x += Double(levels) * (M.sideBoxWidth + M.columnGap)
        // Supply gutter: one lane per distributor that feeds band units.
        let supplyDistributors = (outsideDistributors + insideDistributors).filter { d in
            relevant.contains { j in if case .supply? = plans[j] { return streams[j].from == d } else { return false } }
        }
        var supplyLane: [String: Double] = [:]
        for (i, d) in supplyDistributors.enumerated() { supplyLane[d] = x + Double(i) * M.laneSpacing }
        let maxNesting = WaterDiagramLayout.frameDepth(network: network, band: bandSet)
        x += Double(supplyDistributors.count) * M.laneSpacing + M.labelZone + Double(maxNesting) * M.frameInset
        let boxX = x
        x += M.boxWidth + Double(maxNesting) * M.frameInset + M.labelZone

        // MARK: Band (y)
        let hasLoops = Set(loopsOf.keys)
        var y = M.headerHeight + 30
        let bandTop = y
        var rects: [String: WaterRect] = [:]
        var nameLines: [String: [String]] = [:]
        func placeUnit(_ id: String) {
            let lines = M.wrap(name(id), width: M.boxWidth - 14, size: M.nameSize)
            nameLines[id] = lines
            let ports = Swift.max(leftPorts[id]?.count ?? 0, rightPorts[id]?.count ?? 0)
            let h = Swift.max(22 + Double(lines.count) * M.lineHeight + 28, Double(ports + 1) * 16)
            if hasLoops.contains(id) { y += M.loopSpace }
            rects[id] = WaterRect(x: boxX, y: y, width: M.boxWidth, height: h)
            y += h + (bottomStubs[id] == nil ? 0 : M.stubSpace) + M.unitGap
        }
        var framesOut: [WaterDiagramFrame] = []
        func contains(_ id: String) -> Bool { network.subtree(of: id).contains(where: bandSet.contains) }
        func place(children id: String, nesting: Int) {
            for child in network.children(of: id) {
                if bandSet.contains(child) { placeUnit(child) }
                if !network.children(of: child).isEmpty && contains(child) { frame(child, nesting: nesting) }
            }
        }
        func frame(_ id: String, nesting: Int) {
            let top = y
            y += M.frameTitle
            place(children: id, nesting: nesting + 1)
            y += M.framePad - M.unitGap
            let inset = Double(maxNesting - nesting) * M.frameInset + 6
            framesOut.append(WaterDiagramFrame(
                title: name(id), rect: WaterRect(x: boxX - inset - 4, y: top, width: M.boxWidth + 2 * inset + 8, height: y - top),
                level: nesting))
            y += M.frameGap
        }
        let roots = model.nodes.filter { $0.parent == nil }.map(\.id)
        let coveringRoot = roots.count == 1 && band.allSatisfy { network.subtree(of: roots[0]).contains($0) } ? roots[0] : nil
        for root in roots {
            if bandSet.contains(root) { placeUnit(root) }
            guard !network.children(of: root).isEmpty, contains(root) else { continue }
            if root == coveringRoot { place(children: root, nesting: 0) } else { frame(root, nesting: 0) }
        }
        for id in band where rects[id] == nil { placeUnit(id) }
        let bandBottom = Swift.max(y, bandTop + 60)

        func port(_ rect: WaterRect, _ index: Int, of count: Int) -> Double {
            rect.y + rect.height * Double(index + 1) / Double(count + 1)
        }
        func leftPortY(_ j: Int) -> Double {
            let id = streams[j].to!
            let list = leftPorts[id]!
            return port(rects[id]!, list.firstIndex(of: j)!, of: list.count)
        }
        func rightPortY(_ j: Int, at id: String) -> Double {
            let list = rightPorts[id]!
            return port(rects[id]!, list.firstIndex(of: j)!, of: list.count)
        }

        // MARK: Lanes right of the band
        let transfers = streamsPlanned { _, p in if case .transfer = p { return true } else { return false } }
        var transferEnds: [Int: (Double, Double)] = [:]
        // Treatment boxes are placed after the lanes; their transfer ends are fixed below.
        var laneOf: [Int: Int] = [:]
        var laneIntervals: [[(Double, Double)]] = []
        func assignLane(_ j: Int, _ a: Double, _ b: Double) {
            let lo = Swift.min(a, b) - 5, hi = Swift.max(a, b) + 5
            for (k, intervals) in laneIntervals.enumerated() where !intervals.contains(where: { $0.0 < hi && lo < $0.1 }) {
                laneIntervals[k].append((lo, hi))
                laneOf[j] = k
                return
            }
            laneIntervals.append([(lo, hi)])
            laneOf[j] = laneIntervals.count - 1
        }
        let bandTransfers = transfers.filter { bandSet.contains(streams[$0].from!) }
        for j in bandTransfers {
            let s = streams[j]
            let a = rightPortY(j, at: s.from!)
            let b = rightPortY(j, at: s.to!)
            transferEnds[j] = (a, b)
        }
        for j in bandTransfers.sorted(by: { abs(transferEnds[$0]!.0 - transferEnds[$0]!.1) < abs(transferEnds[$1]!.0 - transferEnds[$1]!.1) }) {
            assignLane(j, transferEnds[j]!.0, transferEnds[j]!.1)
        }
        let transferX0 = x
        // Lanes from treatment boxes are added after those boxes are placed; reserve room for them.
        let treatmentTransfers = transfers.filter { !bandSet.contains(streams[$0].from!) }
        let reservedLanes = laneIntervals.count + treatmentTransfers.count
        x += Double(reservedLanes) * M.laneSpacing + (reservedLanes > 0 ? 18 : 0)
        var collectorLane: [String: Double] = [:]
        for (i, key) in collectorOrder.enumerated() { collectorLane[key] = x + Double(i) * M.laneSpacing }
        x += Double(collectorOrder.count) * M.laneSpacing + M.columnGap
        let treatmentX = x

        // MARK: Collector boxes (treatment in the boundary, outfalls beyond it)
        var collectorY: [String: Double] = [:]
        var branchYs: [String: [Double]] = [:]
        for j in relevant {
            if case let .collector(key)? = plans[j] { branchYs[key, default: []].append(rightPortY(j, at: streams[j].from!)) }
        }
        func resolve(_ wanted: [(String, Double, Double)]) -> [String: Double] {
            // (key, wanted centre y, height) → top y, in order of wanted y, without overlaps.
            var out: [String: Double] = [:]
            var bottom = bandTop
            for (key, centre, h) in wanted.sorted(by: { $0.1 < $1.1 }) {
                let top = Swift.max(centre - h / 2, bottom)
                out[key] = top
                bottom = top + h + 40
            }
            return out
        }
        let sideHeight = 22 + 2 * M.lineHeight + 30
        var treatmentWanted: [(String, Double, Double)] = []
        for id in treatment {
            let ys = branchYs[id] ?? [(bandTop + bandBottom) / 2]
            treatmentWanted.append((id, ys.reduce(0, +) / Double(ys.count), sideHeight + (loopsOf[id] == nil ? 0 : M.loopSpace)))
        }
        let treatmentTop = resolve(treatmentWanted)
        for id in treatment {
            let outgoing = treatmentTransfers.filter { streams[$0].from == id }.count
            let h = Swift.max(sideHeight, 12 + Double(outgoing) * 15 + 30)
            let top = treatmentTop[id]! + (loopsOf[id] == nil ? 0 : M.loopSpace)
            rects[id] = WaterRect(x: treatmentX, y: top, width: M.sideBoxWidth, height: h)
            collectorY[id] = outgoing == 0 ? top + h / 2 : top + 12 + Double(outgoing) * 15 + 6
        }
        let boundaryRight = treatment.isEmpty ? treatmentX - M.columnGap + 14 : treatmentX + M.sideBoxWidth + 14
        let sinkX = treatment.isEmpty ? treatmentX : treatmentX + M.sideBoxWidth + M.columnGap
        // Outfall boxes: shared collectors (not treatment) and each treatment's own outfall.
        var sinkWanted: [(String, Double, Double)] = []
        for key in collectorOrder where !treatmentSet.contains(key) {
            let ys = branchYs[key] ?? [bandTop]
            sinkWanted.append((key, ys.reduce(0, +) / Double(ys.count), sideHeight))
        }
        let ownSinks = streamsPlanned { _, p in if case .ownSink = p { return true } else { return false } }
        for j in ownSinks { sinkWanted.append(("own:\(j)", rects[streams[j].from!]!.midY, sideHeight)) }
        let sinkTop = resolve(sinkWanted)

        // MARK: Distributors and their sources
        var distributorWanted: [String: [(String, Double, Double)]] = [:]
        for d in outsideDistributors + insideDistributors {
            let ys = relevant.compactMap { j -> Double? in
                if case .supply? = plans[j], streams[j].from == d { return leftPortY(j) } else { return nil }
            }
            let centre = ys.isEmpty ? (bandTop + bandBottom) / 2 : ys.reduce(0, +) / Double(ys.count)
            let sources = sourcesToDistributors.filter { streams[$0].to == d }.count
            let h = Swift.max(sideHeight, Double(sources + 1) * 18)
            distributorWanted["\(distributorX[d]!)", default: []].append((d, centre, h))
        }
        for (_, wanted) in distributorWanted {
            let tops = resolve(wanted)
            for (d, _, h) in wanted { rects[d] = WaterRect(x: distributorX[d]!, y: tops[d]!, width: M.sideBoxWidth, height: h) }
        }
        // A meter node feeding an inside distributor lines up with it.
        for j in relevant {
            guard case .distributorToDistributor? = plans[j], let f = streams[j].from, let t = streams[j].to,
                  !network.isInside(f), var r = rects[f], let target = rects[t] else { continue }
            r.y = target.y
            rects[f] = r
        }

        // MARK: Boxes
        let flow = report.flow
        func balanceLine(_ id: String) -> (String, Bool) {
            let a = grossIn[id] ?? 0, b = grossOut[id] ?? 0
            let closes = flow(a) == flow(b)
            let text = language.pick("进 ", "in ") + flow(a) + (closes ? " = " : " ≠ ") + language.pick("出 ", "out ") + flow(b)
            return (text, closes)
        }
        func subtitle(_ id: String) -> String {
            let category = language.name(network.category(of: id))
            return name(id).contains(id) ? category : "\(id) · \(category)"
        }
        for id in band + treatment + insideDistributors {
            let (line, closes) = balanceLine(id)
            let lines = nameLines[id] ?? M.wrap(name(id), width: (rects[id]?.width ?? M.sideBoxWidth) - 14, size: M.nameSize)
            boxes.append(WaterDiagramBox(
                id: id, role: bandSet.contains(id) ? .unit : (treatmentSet.contains(id) ? .treatment : .distributor),
                lines: lines, subtitle: subtitle(id), balance: line, closes: closes, category: network.category(of: id),
                inside: true, rect: rects[id]!))
        }
        for id in outsideDistributors {
            let check = result.boundaryCheck
            let delta = check?.relative.map { " δ = " + NumberFormatting.percent($0) } ?? ""
            boxes.append(WaterDiagramBox(
                id: id, role: .meter, lines: M.wrap(name(id), width: M.sideBoxWidth - 14, size: M.nameSize),
                subtitle: language.pick("边界计量", "boundary meter") + delta,
                balance: flow(grossIn[id] ?? 0) + " → " + flow(grossOut[id] ?? 0),
                closes: check?.withinTolerance ?? true, category: nil, inside: false, rect: rects[id]!))
        }

        // MARK: Paths
        // Sources feeding distributors.
        var sourceCount: [String: Int] = [:]
        for j in sourcesToDistributors { sourceCount[streams[j].to!, default: 0] += 1 }
        var sourceIndex: [String: Int] = [:]
        for j in sourcesToDistributors {
            let s = streams[j]
            let target = rects[s.to!]!
            let i = sourceIndex[s.to!, default: 0]
            sourceIndex[s.to!] = i + 1
            let n = sourceCount[s.to!]!
            let ty = port(target, i, of: n)
            let h = 44.0
            let stackTop = target.midY - (Double(n) * h + Double(n - 1) * 12) / 2
            let rect = WaterRect(x: sourceX, y: stackTop + Double(i) * (h + 12), width: M.sideBoxWidth * 0.85, height: h)
            let sy = rect.midY
            let mx = rect.maxX + (target.x - rect.maxX) * 0.45
            boxes.append(WaterDiagramBox(
                id: "source:\(s.id)", role: .source,
                lines: M.wrap(s.name ?? language.pick("水源", "source"), width: rect.width - 12, size: M.smallSize + 1),
                subtitle: s.source ?? s.id, balance: nil, closes: true, category: nil, inside: false, rect: rect))
            paths.append(WaterDiagramPath(
                points: [WaterPoint(x: rect.maxX, y: sy), WaterPoint(x: mx, y: sy), WaterPoint(x: mx, y: ty), WaterPoint(x: target.x, y: ty)],
                kind: .intake, arrow: true, label: flow(value(j)), labelAt: WaterPoint(x: target.x - 4, y: ty - 4), anchor: .end,
                streams: [s.id]))
        }
        // Distributor → distributor.
        for j in streamsPlanned({ _, p in if case .distributorToDistributor = p { return true } else { return false } }) {
            let s = streams[j]
            let a = rects[s.from!]!, b = rects[s.to!]!
            let ya = a.midY, yb = b.midY
            let mx = (a.maxX + b.x) / 2
            paths.append(WaterDiagramPath(
                points: [WaterPoint(x: a.maxX, y: ya), WaterPoint(x: mx, y: ya), WaterPoint(x: mx, y: yb), WaterPoint(x: b.x, y: yb)],
                kind: network.kinds[j]!, arrow: true, label: flow(value(j)), labelAt: WaterPoint(x: b.x - 4, y: yb - 5),
                anchor: .end, streams: [s.id]))
        }
        // Supply headers.
        for d in supplyDistributors {
            let lane = supplyLane[d]!
            let r = rects[d]!
            let branches = relevant.filter { j in if case .supply? = plans[j] { return streams[j].from == d } else { return false } }
            let ys = branches.map(leftPortY)
            let dy = r.midY
            paths.append(WaterDiagramPath(
                points: [WaterPoint(x: r.maxX, y: dy), WaterPoint(x: lane, y: dy)], kind: .intake, arrow: false))
            let lo = (ys + [dy]).min()!, hi = (ys + [dy]).max()!
            paths.append(WaterDiagramPath(points: [WaterPoint(x: lane, y: lo), WaterPoint(x: lane, y: hi)], kind: .intake, arrow: false))
            for (j, yy) in zip(branches, ys) {
                paths.append(WaterDiagramPath(
                    points: [WaterPoint(x: lane, y: yy), WaterPoint(x: boxX, y: yy)], kind: .intake, arrow: true,
                    label: flow(value(j)), labelAt: WaterPoint(x: boxX - 7, y: yy - 4), anchor: .end, streams: [streams[j].id]))
            }
        }
        // New water from outside straight into a box: a short arrow from the left.
        for j in streamsPlanned({ _, p in if case .stubIn = p { return true } else { return false } }) {
            let s = streams[j]
            guard let r = rects[s.to!] else { continue }
            let yy = bandSet.contains(s.to!) ? leftPortY(j) : r.midY
            let label = (s.name ?? language.name(network.kinds[j]!)) + " " + flow(value(j))
            paths.append(WaterDiagramPath(
                points: [WaterPoint(x: r.x - 40, y: yy), WaterPoint(x: r.x, y: yy)], kind: network.kinds[j]!, arrow: true,
                label: label, labelAt: WaterPoint(x: r.x - 4, y: yy - 5), anchor: .end, streams: [s.id]))
        }
        // Losses: short arrows down from the bottom of a box.
        var stubsAt: [String: [Int]] = bottomStubs
        for j in streamsPlanned({ _, p in if case .stubOut = p { return true } else { return false } }) {
            let from = streams[j].from!
            if !(stubsAt[from]?.contains(j) ?? false) { stubsAt[from, default: []].append(j) }
        }
        for (id, list) in stubsAt {
            guard let r = rects[id] else { continue }
            for (i, j) in list.enumerated() {
                let sx = r.x + 14 + Double(i) * M.stubSpacing
                let kind = network.kinds[j]!
                let short = WaterDiagramLayout.shortName(kind, language)
                paths.append(WaterDiagramPath(
                    points: [WaterPoint(x: sx, y: r.maxY), WaterPoint(x: sx, y: r.maxY + 17)], kind: kind, arrow: true,
                    label: short + " " + flow(value(j)), labelAt: WaterPoint(x: sx + 4, y: r.maxY + 14), anchor: .start,
                    streams: [streams[j].id]))
            }
        }
        // Transfers between units.
        for j in bandTransfers {
            let s = streams[j]
            let (a, b) = transferEnds[j]!
            let lane = transferX0 + Double(laneOf[j]!) * M.laneSpacing
            let right = boxX + M.boxWidth
            paths.append(WaterDiagramPath(
                points: [WaterPoint(x: right, y: a), WaterPoint(x: lane, y: a), WaterPoint(x: lane, y: b), WaterPoint(x: right, y: b)],
                kind: network.kinds[j]!, arrow: true, label: flow(value(j)), labelAt: WaterPoint(x: right + 5, y: a - 3),
                anchor: .start, streams: [s.id]))
            if abs(a - b) > M.longTransfer {
                // A long transfer is labelled at its arrival too, so that a reader need not follow the lane.
                paths.append(WaterDiagramPath(
                    points: [], kind: network.kinds[j]!, arrow: false, label: flow(value(j)),
                    labelAt: WaterPoint(x: right + 5, y: b - 3), anchor: .start, streams: [s.id]))
            }
        }
        // Transfers from treatment back to units (reuse of treated water).
        var treatmentPortIndex: [String: Int] = [:]
        for j in treatmentTransfers {
            let s = streams[j]
            guard let t = rects[s.from!] else { continue }
            let b = rightPortY(j, at: s.to!)
            let index = treatmentPortIndex[s.from!, default: 0]
            treatmentPortIndex[s.from!] = index + 1
            let ty = t.y + 12 + Double(index) * 15
            assignLane(j, ty, b)
            let lane = transferX0 + Double(laneOf[j]!) * M.laneSpacing
            let right = boxX + M.boxWidth
            paths.append(WaterDiagramPath(
                points: [WaterPoint(x: t.x, y: ty), WaterPoint(x: lane, y: ty), WaterPoint(x: lane, y: b), WaterPoint(x: right, y: b)],
                kind: network.kinds[j]!, arrow: true, label: flow(value(j)), labelAt: WaterPoint(x: t.x - 5, y: ty - 4),
                anchor: .end, streams: [s.id]))
            if abs(ty - b) > M.longTransfer {
                paths.append(WaterDiagramPath(
                    points: [], kind: network.kinds[j]!, arrow: false, label: flow(value(j)),
                    labelAt: WaterPoint(x: right + 5, y: b - 3), anchor: .start, streams: [s.id]))
            }
        }
        // Collectors: branches from the units, a trunk, the entry into the collector box.
        var sinkRects: [String: WaterRect] = [:]
        for key in collectorOrder {
            let lane = collectorLane[key]!
            let branches = relevant.filter { j in if case let .collector(k)? = plans[j] { return k == key } else { return false } }
            var kind: WaterStreamKind = .discharge
            var ys: [Double] = []
            var total = 0.0
            for j in branches {
                let yy = rightPortY(j, at: streams[j].from!)
                ys.append(yy)
                total += value(j)
                kind = network.kinds[j]!
                paths.append(WaterDiagramPath(
                    points: [WaterPoint(x: boxX + M.boxWidth, y: yy), WaterPoint(x: lane, y: yy)], kind: kind, arrow: true,
                    label: flow(value(j)), labelAt: WaterPoint(x: boxX + M.boxWidth + 5, y: yy - 3), anchor: .start,
                    streams: [streams[j].id]))
            }
            let targetRect: WaterRect
            if let r = rects[key] {
                targetRect = r
            } else {
                let top = sinkTop[key] ?? bandTop
                let r = WaterRect(x: sinkX, y: top, width: M.sideBoxWidth, height: sideHeight)
                sinkRects[key] = r
                targetRect = r
                let title: String
                switch key {
                case "sink:discharge": title = language.pick("厂区排水口", "Outfall")
                case "sink:export": title = language.pick("外供用户", "Export")
                default: title = name(key)
                }
                boxes.append(WaterDiagramBox(
                    id: key, role: .sink, lines: M.wrap(title, width: M.sideBoxWidth - 14, size: M.nameSize),
                    subtitle: language.name(kind), balance: language.pick("合计 ", "total ") + flow(total), closes: true,
                    category: nil, inside: false, rect: r))
            }
            let ty = collectorY[key] ?? targetRect.midY
            let lo = (ys + [ty]).min()!, hi = (ys + [ty]).max()!
            paths.append(WaterDiagramPath(points: [WaterPoint(x: lane, y: lo), WaterPoint(x: lane, y: hi)], kind: kind, arrow: false))
            var entry = [WaterPoint(x: lane, y: ty), WaterPoint(x: targetRect.x, y: ty)]
            // Outfalls beyond the treatment column: run below any treatment box in the way.
            if rects[key] == nil, let blocking = treatment.compactMap({ rects[$0] }).first(where: { ty > $0.y - 6 && ty < $0.maxY + 6 }) {
                let detour = blocking.maxY + 24
                entry = [WaterPoint(x: lane, y: ty), WaterPoint(x: lane, y: detour), WaterPoint(x: targetRect.x - 16, y: detour),
                         WaterPoint(x: targetRect.x - 16, y: ty), WaterPoint(x: targetRect.x, y: ty)]
                paths.append(WaterDiagramPath(points: [WaterPoint(x: lane, y: hi), WaterPoint(x: lane, y: detour)], kind: kind, arrow: false))
            }
            paths.append(WaterDiagramPath(
                points: entry, kind: kind, arrow: true, label: language.pick("合计 ", "Σ ") + flow(total),
                labelAt: WaterPoint(x: targetRect.x - 6, y: ty - 5), anchor: .end))
        }
        // Each treatment node's own outfall.
        for j in ownSinks {
            let s = streams[j]
            let t = rects[s.from!]!
            let top = sinkTop["own:\(j)"]!
            let r = WaterRect(x: sinkX, y: top, width: M.sideBoxWidth, height: sideHeight)
            let kind = network.kinds[j]!
            boxes.append(WaterDiagramBox(
                id: "own:\(s.id)", role: .sink,
                lines: M.wrap(s.to.map(name) ?? s.name ?? language.pick("排放口", "Outfall"), width: M.sideBoxWidth - 14, size: M.nameSize),
                subtitle: language.name(kind) + " · " + s.id, balance: flow(value(j)), closes: true, category: nil, inside: false, rect: r))
            let ya = t.midY, yb = r.midY
            let mx = (t.maxX + r.x) / 2
            paths.append(WaterDiagramPath(
                points: [WaterPoint(x: t.maxX, y: ya), WaterPoint(x: mx, y: ya), WaterPoint(x: mx, y: yb), WaterPoint(x: r.x, y: yb)],
                kind: kind, arrow: true, label: flow(value(j)), labelAt: WaterPoint(x: t.maxX + 5, y: ya - 5), anchor: .start,
                streams: [s.id]))
        }
        // Everything else goes around the bottom.
        var bypassY = bandBottom + 16
        for j in streamsPlanned({ _, p in if case .bypass = p { return true } else { return false } }) {
            let s = streams[j]
            guard let a = rects[s.from!], let b = s.to.flatMap({ rects[$0] }) else { continue }
            let sy = a.midY, ty = b.midY
            let pts = [WaterPoint(x: a.maxX, y: sy), WaterPoint(x: a.maxX + 12, y: sy), WaterPoint(x: a.maxX + 12, y: bypassY),
                       WaterPoint(x: b.x - 12, y: bypassY), WaterPoint(x: b.x - 12, y: ty), WaterPoint(x: b.x, y: ty)]
            paths.append(WaterDiagramPath(
                points: pts, kind: network.kinds[j]!, arrow: true, label: flow(value(j)),
                labelAt: WaterPoint(x: (a.maxX + b.x) / 2, y: bypassY - 4), streams: [s.id]))
            bypassY += 14
        }
        // Loops.
        for (id, list) in loopsOf {
            guard let r = rects[id] else { continue }
            for (i, j) in list.enumerated() {
                loops.append(WaterDiagramLoop(
                    box: r, kind: network.kinds[j]!,
                    label: WaterDiagramLayout.shortName(network.kinds[j]!, language) + " " + flow(value(j)), offset: i))
            }
        }
        frames = framesOut

        // MARK: Extent
        var maxX = sinkRects.values.map(\.maxX).max() ?? 0
        var maxY = bypassY
        for b in boxes { maxX = Swift.max(maxX, b.rect.maxX); maxY = Swift.max(maxY, b.rect.maxY + 30) }
        for f in frames { maxY = Swift.max(maxY, f.rect.maxY) }
        maxX = Swift.max(maxX, boundaryRight)
        let insideRects = boxes.filter(\.inside).map(\.rect) + frames.map(\.rect)
        if let bottom = insideRects.map(\.maxY).max() {
            let top = M.headerHeight + 8
            boundary = WaterRect(x: boundaryLeft, y: top, width: boundaryRight - boundaryLeft,
                                 height: Swift.max(bottom + 34, bypassY) - top)
            maxY = Swift.max(maxY, boundary!.maxY)
        }
        contentBottom = maxY + 10
        width = maxX + M.margin
        height = contentBottom
    }

    /// Short label of a stream kind for stubs and loops (`耗`, `漏`, `循环` …).
    static func shortName(_ kind: WaterStreamKind, _ language: WaterReportLanguage) -> String {
        switch kind {
        case .consumption: return language.pick("耗", "cons.")
        case .leakage: return language.pick("漏", "leak")
        case .discharge: return language.pick("排", "disch.")
        case .export: return language.pick("外供", "export")
        case .circulating: return language.pick("循环", "circ.")
        case .condensate: return language.pick("冷凝水", "cond.")
        case .steam: return language.pick("汽", "steam")
        case .series: return language.pick("串", "series")
        case .intake: return language.pick("新", "new")
        }
    }

    /// Position of every band unit in drawing order (depth first through the hierarchy).
    static func bandOrder(network: WaterNetwork, band: Set<String>) -> [String: Int] {
        var order: [String: Int] = [:]
        func visit(_ id: String) {
            if band.contains(id) && order[id] == nil { order[id] = order.count }
            for child in network.children(of: id) { visit(child) }
        }
        for node in network.model.nodes where node.parent == nil { visit(node.id) }
        for id in network.units where band.contains(id) && order[id] == nil { order[id] = order.count }
        return order
    }

    /// The deepest frame nesting among the groups that hold band units (for frame insets).
    static func frameDepth(network: WaterNetwork, band: Set<String>) -> Int {
        func depth(_ id: String) -> Int {
            let children = network.children(of: id).filter { !network.children(of: $0).isEmpty && network.subtree(of: $0).contains(where: band.contains) }
            return children.isEmpty ? 0 : 1 + children.map(depth).max()!
        }
        let roots = network.model.nodes.filter { $0.parent == nil }.map(\.id)
        return (roots.map(depth).max() ?? 0) + 1
    }
}
