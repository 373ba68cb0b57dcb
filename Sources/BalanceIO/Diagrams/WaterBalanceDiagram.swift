import BalanceCore
import BalanceStandards

/// The water balance diagram (水平衡图) of a water balance, as SVG for audit reports and as Graphviz DOT.
///
/// Conventions (GB/T 42031-2022 用水单位水平衡图绘制方法 as far as known — STANDARDS.md §1.6, [M]/[L]; the
/// standard's own figures were not seen): one box per water-use unit, grouped by the `parent` hierarchy in
/// workshop frames inside the enterprise boundary; arrows carry the flows with their values and the flow
/// unit; new water comes from the boundary sources through the supply network; circulating loops are drawn
/// as closed arrows on their unit; series water, steam and condensate run from box to box; consumption and
/// leakage leave the boxes downwards; discharges run to the wastewater plant or to the outfall. Every box
/// shows its own closure, `进 x = 出 y` (in = out) — in red with ≠ when the data as given do not close.
///
/// Layout: layered left to right — sources → boundary meters → supply network → units (one column,
/// workshop frames stacked top to bottom) → treatment → outfalls; a supply header (给水干管) to the left of
/// the units and drain headers (排水干管) to their right, with transfers between units on their own lanes,
/// so that lines run orthogonally and the picture stays readable for 20–50 units on a portrait page.
/// Hand-written SVG 1.1, no dependencies; fonts fall back through a CJK font-family list.
public struct WaterBalanceDiagram: Sendable {
    /// The report whose result, language and flow formatting the diagram uses.
    public var report: WaterReport

    /// The diagram of a report (its result, language and number formatting).
    public init(report: WaterReport) { self.report = report }

    /// The diagram as a standalone SVG document (UTF-8 text).
    public func svg() -> String { WaterDiagramSVG.render(layout(), report: report) }

    /// The diagram as a Graphviz DOT graph (`dot -Tsvg`): clusters for the workshops, `rankdir=LR`.
    public func dot() -> String { WaterDiagramDOT.render(report) }

    /// The computed geometry (boxes, frames, paths), for renderers and tests.
    func layout() -> WaterDiagramLayout { WaterDiagramLayout(report: report) }
}

/// A point in SVG user units (px).
struct WaterPoint: Sendable, Hashable {
    var x: Double
    var y: Double
}

/// An axis-aligned rectangle.
struct WaterRect: Sendable, Hashable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double
    var maxX: Double { x + width }
    var maxY: Double { y + height }
    var midX: Double { x + width / 2 }
    var midY: Double { y + height / 2 }
}

/// One box of the diagram.
struct WaterDiagramBox: Sendable {
    enum Role: Sendable, Hashable { case source, meter, distributor, unit, treatment, sink }
    var id: String
    var role: Role
    var lines: [String]
    var subtitle: String?
    var balance: String?
    var closes: Bool
    var category: WaterCategory?
    var inside: Bool
    var rect: WaterRect
}

/// A polyline with an optional arrowhead and label.
struct WaterDiagramPath: Sendable {
    enum Anchor: String, Sendable { case start, middle, end }
    var points: [WaterPoint]
    var kind: WaterStreamKind
    var arrow: Bool
    var label: String?
    var labelAt: WaterPoint?
    var anchor: Anchor = .middle
    var streams: [String] = []
}

/// A workshop frame.
struct WaterDiagramFrame: Sendable {
    var title: String
    var rect: WaterRect
    var level: Int
}

/// A circulating (or condensate) loop on top of a box.
struct WaterDiagramLoop: Sendable {
    var box: WaterRect
    var kind: WaterStreamKind
    var label: String
    var offset: Int
}
