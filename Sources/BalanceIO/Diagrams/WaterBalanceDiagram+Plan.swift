import BalanceCore
import BalanceStandards

/// Which column every node goes to and how every stream is drawn — the topology half of the layout.
///
/// Columns: *distributors* (nodes that pass `intake` on: the network, a boundary meter node) on the left;
/// *treatment* nodes (inside, collecting discharges from two or more units, which make up at least half of
/// their inflow) on the right; every other unit in the central *band*.
struct WaterDiagramPlan {
    /// How one stream is drawn.
    enum Route: Hashable {
        /// A source box in the first column feeding a distributor.
        case sourceToDistributor
        /// Distributor → unit, along the distributor's supply lane (给水干管).
        case supply
        case distributorToDistributor
        /// A short arrow into a box from the left (new water straight from outside).
        case stubIn
        /// A short arrow down out of a box (consumption, leakage …).
        case stubOut
        /// Unit → treatment or outfall, along that collector's lane (排水干管).
        case collector(String)
        /// Unit ↔ unit, or treatment → unit, along a transfer lane.
        case transfer
        /// Treatment → its own outfall box.
        case ownSink
        /// Anything else: around the bottom of the band.
        case bypass
    }

    let report: WaterReport
    let network: WaterNetwork
    let streams: [BalanceStream]
    /// Streams drawn: with a kind, touching the boundary or a distributor.
    let relevant: [Int]
    let distributors: Set<String>
    let insideDistributors: [String]
    let outsideDistributors: [String]
    let treatment: [String]
    let treatmentSet: Set<String>
    let band: [String]
    let bandSet: Set<String>
    /// Σ of the non-loop streams into and out of each node (what its box shows as 进 = 出).
    let grossIn: [String: Double]
    let grossOut: [String: Double]
    var routes: [Int: Route] = [:]
    var loopsOf: [String: [Int]] = [:]
    /// Collector keys (treatment node ids, `sink:discharge`, `sink:export`, outside node ids) in lane order.
    var collectorOrder: [String] = []
    /// Ports of the band units: left (supply, stubs in), right (transfers, then collectors), bottom stubs.
    var leftPorts: [String: [Int]] = [:]
    var rightPorts: [String: [Int]] = [:]
    var bottomStubs: [String: [Int]] = [:]
    /// Drawing order of the band units (depth first through the hierarchy).
    let bandOrder: [String: Int]

    func value(_ j: Int) -> Double { report.result.values[j] ?? 0 }
    func name(_ id: String) -> String { network.model.node(id)?.name ?? id }
    func kind(_ j: Int) -> WaterStreamKind { network.kinds[j]! }

    /// The streams drawn with a given route.
    func streams(_ test: (Route) -> Bool) -> [Int] { relevant.filter { routes[$0].map(test) ?? false } }

    init(report: WaterReport) {
        self.report = report
        network = report.result.network
        streams = network.model.streams
        let values = report.result.values
        let network = self.network, streams = self.streams
        let distributors = network.distributionNodes
        self.distributors = distributors
        relevant = streams.indices.filter { j in
            guard network.kinds[j] != nil else { return false }
            let s = streams[j]
            return network.isInside(s.from) || network.isInside(s.to)
                || s.to.map(distributors.contains) == true || s.from.map(distributors.contains) == true
        }
        var dischargeIn: [String: (sum: Double, sources: Set<String>)] = [:]
        var grossIn: [String: Double] = [:], grossOut: [String: Double] = [:]
        for j in relevant where !streams[j].isLoop {
            let s = streams[j], v = values[j] ?? 0
            if let to = s.to { grossIn[to, default: 0] += v }
            if let from = s.from { grossOut[from, default: 0] += v }
            if network.kinds[j] == .discharge, let to = s.to, let from = s.from {
                var entry = dischargeIn[to] ?? (0, [])
                entry.sum += v
                entry.sources.insert(from)
                dischargeIn[to] = entry
            }
        }
        self.grossIn = grossIn
        self.grossOut = grossOut
        treatment = network.units.filter { id in
            guard !distributors.contains(id), let d = dischargeIn[id] else { return false }
            return d.sources.count >= 2 && d.sum >= 0.5 * (grossIn[id] ?? 0)
        }
        treatmentSet = Set(treatment)
        let treatmentSet = self.treatmentSet
        band = network.units.filter { !distributors.contains($0) && !treatmentSet.contains($0) }
        bandSet = Set(band)
        let ids = network.model.nodes.map(\.id)
        insideDistributors = ids.filter { distributors.contains($0) && network.isInside($0) }
        outsideDistributors = ids.filter { distributors.contains($0) && !network.isInside($0) }
        bandOrder = Self.bandOrder(network: network, band: bandSet)
        planRoutes()
        planPorts()
    }

    private mutating func planRoutes() {
        for j in relevant {
            let s = streams[j]
            if s.isLoop {
                loopsOf[s.from!, default: []].append(j)
                continue
            }
            routes[j] = route(s, kind(j))
            if case let .collector(key)? = routes[j], !collectorOrder.contains(key) { collectorOrder.append(key) }
        }
        // Treatment nodes first (they sit higher in their column), then outfalls.
        let treatmentSet = self.treatmentSet
        collectorOrder.sort { (treatmentSet.contains($0) ? 0 : 1) < (treatmentSet.contains($1) ? 0 : 1) }
    }

    private func route(_ s: BalanceStream, _ kind: WaterStreamKind) -> Route {
        let from = s.from, to = s.to
        let fromDistributor = from.map(distributors.contains) ?? false
        let toDistributor = to.map(distributors.contains) ?? false
        let fromOutside = !network.isInside(from) && !fromDistributor
        let toOutside = !network.isInside(to) && !toDistributor
        if fromOutside { return toDistributor ? .sourceToDistributor : .stubIn }
        if fromDistributor {
            if let to, bandSet.contains(to) { return .supply }
            if toDistributor { return .distributorToDistributor }
            return toOutside ? .stubOut : .bypass
        }
        if let from, treatmentSet.contains(from) {
            if toOutside { return to == nil && (kind == .consumption || kind == .leakage) ? .stubOut : .ownSink }
            if let to, bandSet.contains(to) { return .transfer }
            return .bypass
        }
        // From a band unit.
        if toOutside {
            switch kind {
            case .discharge: return .collector(to ?? "sink:discharge")
            case .export: return .collector(to ?? "sink:export")
            default: return to.map { .collector($0) } ?? .stubOut
            }
        }
        if let to, treatmentSet.contains(to) { return kind == .discharge ? .collector(to) : .transfer }
        if let to, bandSet.contains(to) { return .transfer }
        return .bypass
    }

    private mutating func planPorts() {
        for j in relevant {
            guard let route = routes[j] else { continue }
            let s = streams[j]
            switch route {
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
        // Transfers are brackets on lanes, shorter ones inside; they nest without crossing when the ports run,
        // top to bottom: other ends above the unit, nearest first; then other ends below it, farthest first
        // (treatment nodes count as below everything). Collectors come last.
        for (id, ports) in rightPorts {
            let own = bandOrder[id] ?? 0
            func key(_ j: Int) -> (Int, Int, Int) {
                guard case .transfer? = routes[j] else { return (2, 0, j) }
                let s = streams[j]
                let other = bandOrder[s.from == id ? s.to! : s.from!] ?? Int.max / 2
                return (other < own ? 0 : 1, -other, j)
            }
            rightPorts[id] = ports.sorted { key($0) < key($1) }
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
    var frameDepth: Int {
        func depth(_ id: String) -> Int {
            let children = network.children(of: id).filter {
                !network.children(of: $0).isEmpty && network.subtree(of: $0).contains(where: bandSet.contains)
            }
            return children.isEmpty ? 0 : 1 + children.map(depth).max()!
        }
        let roots = network.model.nodes.filter { $0.parent == nil }.map(\.id)
        return (roots.map(depth).max() ?? 0) + 1
    }
}
