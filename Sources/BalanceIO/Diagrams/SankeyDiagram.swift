/// A Sankey diagram of a balance: nodes in columns, flows as bands whose width is proportional to the
/// flow (tce for energy, mass for materials). Rendered to SVG by ``svg(options:)`` with no dependency.
///
/// Conventions (GB/T 28749 network diagram style, STANDARDS.md §4.2 rule 6):
/// - flows run left to right; a flow that skips columns passes through a gap that each column it crosses leaves
///   for it (a virtual waypoint in the layout), so no band is drawn across a node; a flow to an earlier or the same
///   column (recycle, recovered heat) is drawn as a loop under the diagram;
/// - every node must close visibly: its height is max(Σ in, Σ out), and the builders add the losses
///   (and any closure gap) as outflows, so in = out for every drawn node;
/// - labels give the name and the value; flows too thin to be seen are drawn 1 px wide (their value is
///   in the labels).
public struct SankeyDiagram: Sendable {
    /// What a node stands for; it decides its colour and where it sits in its column.
    public enum NodeRole: String, Sendable, Hashable {
        /// An input from outside the boundary (purchase, raw material).
        case source
        /// A unit, workshop, stage node.
        case process
        /// A useful output (effective energy, product, export).
        case sink
        /// A loss or waste sink: kept at the bottom of its column.
        case loss
    }

    /// A node.
    public struct Node: Sendable, Hashable {
        /// Unique node id.
        public var id: String
        /// Label (name); the value is appended when drawn.
        public var label: String
        /// Column, 0 = left.
        public var column: Int
        /// What the node stands for (colour, position).
        public var role: NodeRole
        /// Creates the value from its parts (see the properties for meanings and units).
        public init(id: String, label: String, column: Int, role: NodeRole) {
            self.id = id
            self.label = label
            self.column = column
            self.role = role
        }
    }

    /// A flow between two nodes.
    public struct Link: Sendable, Hashable {
        /// Id of the node the flow leaves.
        public var source: String
        /// Id of the node the flow enters.
        public var target: String
        /// Flow value (≥ 0); negative values are drawn with their magnitude and a "−" in the label.
        public var value: Double
        /// Short label (carrier, stream name); the value is appended when drawn.
        public var label: String?
        /// Band colour (CSS colour).
        public var color: String
        /// Creates the value from its parts (see the properties for meanings and units).
        public init(source: String, target: String, value: Double, label: String? = nil, color: String) {
            self.source = source
            self.target = target
            self.value = value
            self.label = label
            self.color = color
        }
    }

    /// Drawing options.
    public struct Options: Sendable, Hashable {
        /// Total width in px.
        public var width: Double = 1400
        /// Height of the flow area in px (title and legend come on top).
        public var flowHeight: Double = 640
        /// Node bar width in px.
        public var nodeWidth: Double = 16
        /// Vertical gap between nodes of a column, px.
        public var nodeGap: Double = 28
        /// Font size of node labels, px.
        public var fontSize: Double = 13
        /// Font families, Chinese first.
        public var fontFamily = "Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Zen Hei, Microsoft YaHei, SimHei, sans-serif"
        /// Creates the value from its parts (see the properties for meanings and units).
        public init() {}
    }

    /// Title (first line).
    public var title: String
    /// Subtitle: unit and what widths mean.
    public var subtitle: String
    /// Unit appended to values (`tce`, `kg/d`).
    public var unit: String
    /// The nodes.
    public var nodes: [Node]
    /// The flows.
    public var links: [Link]
    /// Legend entries (colour, text).
    public var legend: [(color: String, text: String)]
    /// Decimals of the values in labels.
    public var valueDecimals = 1
    /// A heading per column, drawn above it (the energy diagram's stages: 购入贮存, 加工转换, 输送分配, 最终使用);
    /// empty: none. An empty string leaves its column without one.
    public var columnHeadings: [String] = []

    /// Creates the value from its parts (see the properties for meanings and units).
    public init(title: String, subtitle: String, unit: String, nodes: [Node] = [], links: [Link] = [],
                legend: [(color: String, text: String)] = []) {
        self.title = title
        self.subtitle = subtitle
        self.unit = unit
        self.nodes = nodes
        self.links = links
        self.legend = legend
    }

    /// Adds a node unless one with that id exists.
    public mutating func addNode(_ node: Node) {
        if !nodes.contains(where: { $0.id == node.id }) { nodes.append(node) }
    }

    /// Adds a flow; flows of zero value are skipped; a flow between the same two nodes with the same
    /// label and colour is merged.
    public mutating func addLink(_ link: Link) {
        guard link.value != 0, link.value.isFinite else { return }
        if let k = links.firstIndex(where: {
            $0.source == link.source && $0.target == link.target && $0.label == link.label && $0.color == link.color
        }) {
            links[k].value += link.value
        } else {
            links.append(link)
        }
    }

    /// Σ in and Σ out of every node (magnitudes).
    public func throughput() -> [String: (inflow: Double, outflow: Double)] {
        var sums: [String: (inflow: Double, outflow: Double)] = [:]
        for node in nodes { sums[node.id] = (0, 0) }
        for link in links {
            sums[link.target, default: (0, 0)].inflow += abs(link.value)
            sums[link.source, default: (0, 0)].outflow += abs(link.value)
        }
        return sums
    }
}

/// Colours shared by the builders.
enum SankeyPalette {
    static let loss = "#d9534f"
    static let effective = "#3c9a5f"
    static let export = "#8e7cc3"
    static let recovered = "#f0ad4e"
    static let neutral = "#9aa5b1"
    static let nodeFill = "#37474f"

    /// A colour per energy carrier family or id.
    static func carrier(_ id: String?) -> String {
        switch id {
        case "raw-coal", "cleaned-coal", "middlings", "coal-slime", "coke": return "#5d6d7e"
        case "electricity": return "#2e86c1"
        case "steam": return "#e67e22"
        case "heat": return "#8e44ad"
        case "diesel", "gasoline", "kerosene", "fuel-oil", "crude-oil", "residual-oil", "lpg": return "#8d6e63"
        case "gas-field-gas", "oil-field-gas", "natural-gas", "coke-oven-gas", "blast-furnace-gas": return "#16a085"
        case "compressed-air": return "#7fb3d5"
        case "fresh-water", "softened-water", "deaerated-water": return "#5dade2"
        case nil: return neutral
        default: return "#b7950b"
        }
    }
}
