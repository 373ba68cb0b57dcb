import BalanceCore
import BalanceStandards

/// The paths of the water balance diagram: orthogonal polylines between the placed boxes.
extension WaterDiagramBuilder {
    private static func point(_ x: Double, _ y: Double) -> WaterPoint { WaterPoint(x: x, y: y) }

    /// Sources (one box per boundary intake into a distributor, stacked beside it) and distributor →
    /// distributor links (a boundary meter node feeding the network).
    mutating func routeSources() {
        let sources = plan.streams { $0 == .sourceToDistributor }
        var count: [String: Int] = [:]
        for j in sources { count[plan.streams[j].to!, default: 0] += 1 }
        var index: [String: Int] = [:]
        for j in sources {
            let s = plan.streams[j]
            let target = rects[s.to!]!
            let i = index[s.to!, default: 0], n = count[s.to!]!
            index[s.to!] = i + 1
            let ty = port(target, i, of: n)
            let h = 44.0
            let stackTop = target.midY - (Double(n) * h + Double(n - 1) * 12) / 2
            let rect = WaterRect(x: sourceX, y: stackTop + Double(i) * (h + 12), width: M.sideBoxWidth * 0.85, height: h)
            let mx = rect.maxX + (target.x - rect.maxX) * 0.45
            layout.boxes.append(WaterDiagramBox(
                id: "source:\(s.id)", role: .source,
                lines: M.wrap(s.name ?? language.pick("水源", "source"), width: rect.width - 12, size: M.smallSize + 1),
                subtitle: s.source ?? s.id, closes: true, category: nil, inside: false, rect: rect))
            layout.paths.append(WaterDiagramPath(
                points: [Self.point(rect.maxX, rect.midY), Self.point(mx, rect.midY), Self.point(mx, ty), Self.point(target.x, ty)],
                kind: .intake, arrow: true, label: flow(plan.value(j)), labelAt: Self.point(target.x - 4, ty - 4), anchor: .end,
                streams: [s.id]))
        }
        for j in plan.streams({ $0 == .distributorToDistributor }) {
            let s = plan.streams[j]
            let a = rects[s.from!]!, b = rects[s.to!]!
            let mx = (a.maxX + b.x) / 2
            layout.paths.append(WaterDiagramPath(
                points: [Self.point(a.maxX, a.midY), Self.point(mx, a.midY), Self.point(mx, b.midY), Self.point(b.x, b.midY)],
                kind: plan.kind(j), arrow: true, label: flow(plan.value(j)), labelAt: Self.point(b.x - 4, b.midY - 5),
                anchor: .end, streams: [s.id]))
        }
    }

    /// Supply headers (给水干管): from each distributor to its lane, the lane, and a branch into every unit it feeds.
    mutating func routeSupply() {
        for d in supplyDistributors {
            let lane = supplyLane[d]!
            let r = rects[d]!
            let branches = plan.streams { $0 == .supply }.filter { plan.streams[$0].from == d }
            let ys = branches.map(leftPortY)
            layout.paths.append(WaterDiagramPath(points: [Self.point(r.maxX, r.midY), Self.point(lane, r.midY)], kind: .intake, arrow: false))
            let lo = (ys + [r.midY]).min()!, hi = (ys + [r.midY]).max()!
            layout.paths.append(WaterDiagramPath(points: [Self.point(lane, lo), Self.point(lane, hi)], kind: .intake, arrow: false))
            for (j, y) in zip(branches, ys) {
                layout.paths.append(WaterDiagramPath(
                    points: [Self.point(lane, y), Self.point(boxX, y)], kind: .intake, arrow: true, label: flow(plan.value(j)),
                    labelAt: Self.point(boxX - 7, y - 4), anchor: .end, streams: [plan.streams[j].id]))
            }
        }
    }

    /// Short arrows: new water from outside straight into a box (left), losses out of a box (down).
    mutating func routeStubs() {
        for j in plan.streams({ $0 == .stubIn }) {
            let s = plan.streams[j]
            guard let r = rects[s.to!] else { continue }
            let y = plan.bandSet.contains(s.to!) ? leftPortY(j) : r.midY
            layout.paths.append(WaterDiagramPath(
                points: [Self.point(r.x - 40, y), Self.point(r.x, y)], kind: plan.kind(j), arrow: true,
                label: (s.name ?? language.name(plan.kind(j))) + " " + flow(plan.value(j)),
                labelAt: Self.point(r.x - 4, y - 5), anchor: .end, streams: [s.id]))
        }
        var stubs = plan.bottomStubs
        for j in plan.streams({ $0 == .stubOut }) {
            let from = plan.streams[j].from!
            if !(stubs[from]?.contains(j) ?? false) { stubs[from, default: []].append(j) }
        }
        for id in plan.network.model.nodes.map(\.id) {
            guard let list = stubs[id], let r = rects[id] else { continue }
            for (i, j) in list.enumerated() {
                let x = r.x + 14 + Double(i) * M.stubSpacing
                layout.paths.append(WaterDiagramPath(
                    points: [Self.point(x, r.maxY), Self.point(x, r.maxY + 17)], kind: plan.kind(j), arrow: true,
                    label: M.shortName(plan.kind(j), language) + " " + flow(plan.value(j)),
                    labelAt: Self.point(x + 4, r.maxY + 14), anchor: .start, streams: [plan.streams[j].id]))
            }
        }
    }

    /// Transfers (series, steam, condensate): brackets on their lanes right of the units; treated water sent
    /// back from a treatment box leaves its left side. Long ones are labelled at both ends.
    mutating func routeTransfers() {
        let right = boxX + M.boxWidth
        for j in bandTransfers {
            let (a, b) = transferEnds[j]!
            let lane = laneX(j)
            addTransfer(j, [Self.point(right, a), Self.point(lane, a), Self.point(lane, b), Self.point(right, b)],
                        labelAt: Self.point(right + 5, a - 3), anchor: .start, arrival: b)
        }
        var portIndex: [String: Int] = [:]
        for j in treatmentTransfers {
            let s = plan.streams[j]
            guard let t = rects[s.from!] else { continue }
            let b = rightPortY(j, at: s.to!)
            let index = portIndex[s.from!, default: 0]
            portIndex[s.from!] = index + 1
            let a = t.y + 12 + Double(index) * 15
            assignLane(j, a, b)
            let lane = laneX(j)
            addTransfer(j, [Self.point(t.x, a), Self.point(lane, a), Self.point(lane, b), Self.point(right, b)],
                        labelAt: Self.point(t.x - 5, a - 4), anchor: .end, arrival: b)
        }
    }

    private mutating func addTransfer(_ j: Int, _ points: [WaterPoint], labelAt: WaterPoint, anchor: WaterDiagramPath.Anchor, arrival: Double) {
        let id = plan.streams[j].id
        layout.paths.append(WaterDiagramPath(
            points: points, kind: plan.kind(j), arrow: true, label: flow(plan.value(j)), labelAt: labelAt, anchor: anchor, streams: [id]))
        if abs(points[0].y - arrival) > M.longTransfer {
            // A long transfer is labelled at its arrival too, so that a reader need not follow the lane.
            layout.paths.append(WaterDiagramPath(
                points: [], kind: plan.kind(j), arrow: false, label: flow(plan.value(j)),
                labelAt: Self.point(boxX + M.boxWidth + 5, arrival - 3), anchor: .start, streams: [id]))
        }
    }

    /// Drain headers (排水干管): a branch from every unit to the collector's lane, the lane, and the entry into
    /// the treatment box or outfall (created here), labelled with the total.
    mutating func routeCollectors() {
        for key in plan.collectorOrder {
            let lane = collectorLane[key]!
            var kind = WaterStreamKind.discharge
            var ys: [Double] = []
            var total = 0.0
            for j in plan.relevant where plan.routes[j] == .collector(key) {
                let y = rightPortY(j, at: plan.streams[j].from!)
                ys.append(y)
                total += plan.value(j)
                kind = plan.kind(j)
                layout.paths.append(WaterDiagramPath(
                    points: [Self.point(boxX + M.boxWidth, y), Self.point(lane, y)], kind: kind, arrow: true,
                    label: flow(plan.value(j)), labelAt: Self.point(boxX + M.boxWidth + 5, y - 3), anchor: .start,
                    streams: [plan.streams[j].id]))
            }
            let target: WaterRect
            if let r = rects[key] {
                target = r
            } else {
                target = WaterRect(x: sinkX, y: sinkTop[key] ?? bandTop, width: M.sideBoxWidth, height: M.sideHeight)
                let title: String
                switch key {
                case "sink:discharge": title = language.pick("厂区排水口", "Outfall")
                case "sink:export": title = language.pick("外供用户", "Export")
                default: title = plan.name(key)
                }
                layout.boxes.append(WaterDiagramBox(
                    id: key, role: .sink, lines: M.wrap(title, width: M.sideBoxWidth - 14, size: M.nameSize),
                    subtitle: language.name(kind), balance: language.pick("合计 ", "total ") + flow(total), closes: true,
                    category: nil, inside: false, rect: target))
            }
            let ty = collectorY[key] ?? target.midY
            let lo = (ys + [ty]).min()!, hi = (ys + [ty]).max()!
            layout.paths.append(WaterDiagramPath(points: [Self.point(lane, lo), Self.point(lane, hi)], kind: kind, arrow: false))
            var entry = [Self.point(lane, ty), Self.point(target.x, ty)]
            // An outfall beyond the treatment column: run below any treatment box in the way.
            if rects[key] == nil,
               let blocking = plan.treatment.compactMap({ rects[$0] }).first(where: { ty > $0.y - 6 && ty < $0.maxY + 6 }) {
                let detour = blocking.maxY + 24
                entry = [Self.point(lane, ty), Self.point(lane, detour), Self.point(target.x - 16, detour),
                         Self.point(target.x - 16, ty), Self.point(target.x, ty)]
                layout.paths.append(WaterDiagramPath(points: [Self.point(lane, hi), Self.point(lane, detour)], kind: kind, arrow: false))
            }
            layout.paths.append(WaterDiagramPath(
                points: entry, kind: kind, arrow: true, label: language.pick("合计 ", "Σ ") + flow(total),
                labelAt: Self.point(target.x - 6, ty - 5), anchor: .end))
        }
    }

    /// Each treatment node's discharge out of the boundary, to its own outfall box.
    mutating func routeOwnSinks() {
        for j in plan.streams({ $0 == .ownSink }) {
            let s = plan.streams[j]
            let t = rects[s.from!]!
            let r = WaterRect(x: sinkX, y: sinkTop["own:\(j)"]!, width: M.sideBoxWidth, height: M.sideHeight)
            let kind = plan.kind(j)
            layout.boxes.append(WaterDiagramBox(
                id: "own:\(s.id)", role: .sink,
                lines: M.wrap(s.to.map(plan.name) ?? s.name ?? language.pick("排放口", "Outfall"), width: M.sideBoxWidth - 14, size: M.nameSize),
                subtitle: language.name(kind) + " · " + s.id, balance: flow(plan.value(j)), closes: true, category: nil,
                inside: false, rect: r))
            let mx = (t.maxX + r.x) / 2
            layout.paths.append(WaterDiagramPath(
                points: [Self.point(t.maxX, t.midY), Self.point(mx, t.midY), Self.point(mx, r.midY), Self.point(r.x, r.midY)],
                kind: kind, arrow: true, label: flow(plan.value(j)), labelAt: Self.point(t.maxX + 5, t.midY - 5), anchor: .start,
                streams: [s.id]))
        }
    }

    /// Whatever the columns do not provide for runs around the bottom of the band, one track each.
    mutating func routeBypasses() {
        bypassY = bandBottom + 16
        for j in plan.streams({ $0 == .bypass }) {
            let s = plan.streams[j]
            guard let a = rects[s.from!], let b = s.to.flatMap({ rects[$0] }) else { continue }
            layout.paths.append(WaterDiagramPath(
                points: [Self.point(a.maxX, a.midY), Self.point(a.maxX + 12, a.midY), Self.point(a.maxX + 12, bypassY),
                         Self.point(b.x - 12, bypassY), Self.point(b.x - 12, b.midY), Self.point(b.x, b.midY)],
                kind: plan.kind(j), arrow: true, label: flow(plan.value(j)),
                labelAt: Self.point((a.maxX + b.x) / 2, bypassY - 4), streams: [s.id]))
            bypassY += 14
        }
    }

    /// Circulating and condensate loops on top of their boxes.
    mutating func addLoops() {
        for id in plan.network.model.nodes.map(\.id) {
            guard let list = plan.loopsOf[id], let r = rects[id] else { continue }
            for (i, j) in list.enumerated() {
                layout.loops.append(WaterDiagramLoop(
                    box: r, kind: plan.kind(j), label: M.shortName(plan.kind(j), language) + " " + flow(plan.value(j)), offset: i))
            }
        }
    }
}
