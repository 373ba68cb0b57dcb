#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// Layout and SVG rendering of a ``SankeyDiagram``: hand-written SVG 1.1, no scripts, no external files,
// so it opens in browsers, Inkscape and Office and converts with rsvg-convert.

extension SankeyDiagram {
    /// A node placed on the canvas.
    struct PlacedNode {
        var node: Node
        var x: Double
        var y: Double
        var height: Double
        var value: Double
        /// A waypoint of a band that skips columns (drawn as part of the band, not as a node).
        var isVirtual = false
        var center: Double { y + height / 2 }
    }

    /// One piece of a flow between adjacent columns (or a recycle): a link that spans several columns runs
    /// through one virtual node per column it crosses, so that the columns make room for it and no band is drawn
    /// across a node.
    struct Segment {
        var source: String
        var target: String
        /// The index of the link in ``SankeyDiagram/links``.
        var link: Int
        var value: Double
    }

    /// The layout: node positions (virtual waypoints included), the segments, the scale (px per unit of value).
    struct Layout {
        var nodes: [String: PlacedNode]
        var segments: [Segment]
        var scale: Double
        var columns: Int
        var top: Double
    }

    static let leftMargin = 230.0
    static let rightMargin = 250.0
    static let titleHeight = 78.0
    /// Room for the column headings (stage names) above the flow area, when there are any.
    static let headingHeight = 26.0

    /// The nodes and segments of the drawing: every link split at the columns it crosses (virtual waypoints with
    /// ids that no builder uses), recycles kept whole.
    /// - Complexity: O(links · columns).
    func segmented() -> (nodes: [Node], virtual: Set<String>, segments: [Segment]) {
        var all = nodes
        var column: [String: Int] = [:]
        for node in nodes { column[node.id] = node.column }
        var virtual = Set<String>()
        var segments: [Segment] = []
        for (k, link) in links.enumerated() {
            guard let c0 = column[link.source], let c1 = column[link.target] else { continue }
            var chain = [link.source]
            if c1 > c0 + 1 {
                for c in (c0 + 1)..<c1 {
                    let id = "\u{1}\(k)@\(c)"
                    all.append(Node(id: id, label: "", column: c, role: .process))
                    virtual.insert(id)
                    chain.append(id)
                }
            }
            chain.append(link.target)
            for (a, b) in zip(chain, chain.dropFirst()) {
                segments.append(Segment(source: a, target: b, link: k, value: abs(link.value)))
            }
        }
        return (all, virtual, segments)
    }

    func layout(_ options: Options) -> Layout {
        let (allNodes, virtual, segments) = segmented()
        var sums: [String: (inflow: Double, outflow: Double)] = [:]
        for node in allNodes { sums[node.id] = (0, 0) }
        for segment in segments {
            sums[segment.target, default: (0, 0)].inflow += segment.value
            sums[segment.source, default: (0, 0)].outflow += segment.value
        }
        let columnCount = (allNodes.map(\.column).max() ?? 0) + 1
        var byColumn = [[Node]](repeating: [], count: columnCount)
        for node in allNodes { byColumn[node.column].append(node) }
        func value(_ id: String) -> Double { sums[id].map { max($0.inflow, $0.outflow) } ?? 0 }
        // A waypoint needs less room beside its neighbours than a node with labels.
        func gap(_ a: String, _ b: String) -> Double {
            virtual.contains(a) || virtual.contains(b) ? options.nodeGap / 2 : options.nodeGap
        }
        var scale = Double.infinity
        for column in byColumn where !column.isEmpty {
            let total = column.reduce(0) { $0 + value($1.id) }
            let gaps = zip(column, column.dropFirst()).reduce(0) { $0 + gap($1.0.id, $1.1.id) }
            let room = options.flowHeight - gaps
            if total > 0 { scale = min(scale, max(room, options.flowHeight * 0.3) / total) }
        }
        if !scale.isFinite { scale = 1 }
        let innerWidth = options.width - Self.leftMargin - Self.rightMargin - options.nodeWidth
        let step = columnCount > 1 ? innerWidth / Double(columnCount - 1) : 0
        let top = Self.titleHeight + (columnHeadings.isEmpty ? 0 : Self.headingHeight)
        var placed: [String: PlacedNode] = [:]
        for (c, column) in byColumn.enumerated() {
            var y = top
            for node in column {
                let h = virtual.contains(node.id) ? max(value(node.id) * scale, 1) : max(value(node.id) * scale, 2)
                placed[node.id] = PlacedNode(node: node, x: Self.leftMargin + Double(c) * step, y: y, height: h,
                                             value: value(node.id), isVirtual: virtual.contains(node.id))
                y += h + options.nodeGap
            }
        }
        // Relaxation (as in d3-sankey): move each node towards the weighted mean centre of its neighbours in
        // other columns, then resolve overlaps inside the column within the flow area; loss sinks sink to
        // the bottom. Sweeps alternate left→right and right→left.
        let bottom = top + options.flowHeight
        var neighbours: [String: [(String, Double)]] = [:]
        for segment in segments {
            neighbours[segment.source, default: []].append((segment.target, segment.value))
            neighbours[segment.target, default: []].append((segment.source, segment.value))
        }
        func resolve(_ c: Int) {
            var column = byColumn[c].map { placed[$0.id]! }
            column.sort { a, b in
                let la = a.node.role == .loss, lb = b.node.role == .loss
                return la != lb ? !la : (a.center, a.node.id) < (b.center, b.node.id)
            }
            var y = top
            for k in column.indices {
                if k > 0 { y += gap(column[k - 1].node.id, column[k].node.id) }
                column[k].y = max(column[k].y, y)
                y = column[k].y + column[k].height
            }
            var limit = max(bottom, y)
            if y > bottom { limit = bottom }
            for k in column.indices.reversed() {
                column[k].y = min(column[k].y, limit - column[k].height)
                if k > 0 { limit = column[k].y - gap(column[k - 1].node.id, column[k].node.id) }
            }
            y = top
            for k in column.indices {
                if k > 0 { y += gap(column[k - 1].node.id, column[k].node.id) }
                column[k].y = max(column[k].y, y)
                y = column[k].y + column[k].height
            }
            byColumn[c] = column.map(\.node)
            for p in column { placed[p.node.id] = p }
        }
        for iteration in 0..<16 {
            let order = iteration % 2 == 0 ? Array(0..<columnCount) : Array((0..<columnCount).reversed())
            for c in order where !byColumn[c].isEmpty {
                for node in byColumn[c] {
                    var sum = 0.0, weight = 0.0
                    for (other, w) in neighbours[node.id] ?? [] {
                        guard let p = placed[other], p.node.column != c else { continue }
                        sum += p.center * w
                        weight += w
                    }
                    guard var p = placed[node.id] else { continue }
                    if node.role == .loss {
                        p.y = bottom
                    } else if weight > 0 {
                        p.y = sum / weight - p.height / 2
                    }
                    placed[node.id] = p
                }
                resolve(c)
            }
        }
        return Layout(nodes: placed, segments: segments, scale: scale, columns: columnCount, top: top)
    }

    /// The diagram as a standalone SVG document.
    public func svg(options: Options = Options()) -> String {
        let layout = layout(options)
        let flowBottom = layout.nodes.values.map { $0.y + $0.height }.max() ?? (layout.top + options.flowHeight)
        let segments = layout.segments
        // Ports: outgoing bands stacked in the order of their targets' heights, incoming ones in the order of
        // their sources' heights, so that bands cross as little as possible. A waypoint has one band in and out.
        func width(_ segment: Segment) -> Double { max(segment.value * layout.scale, 1) }
        var start = [Double](repeating: 0, count: segments.count), end = [Double](repeating: 0, count: segments.count)
        var offset: [String: Double] = [:]
        for k in segments.indices.sorted(by: { (layout.nodes[segments[$0].target]?.center ?? 0, $0) < (layout.nodes[segments[$1].target]?.center ?? 0, $1) }) {
            let segment = segments[k]
            guard let s = layout.nodes[segment.source] else { continue }
            start[k] = s.y + offset[segment.source, default: 0] + width(segment) / 2
            offset[segment.source, default: 0] += width(segment)
        }
        offset = [:]
        for k in segments.indices.sorted(by: { (layout.nodes[segments[$0].source]?.center ?? 0, $0) < (layout.nodes[segments[$1].source]?.center ?? 0, $1) }) {
            let segment = segments[k]
            guard let t = layout.nodes[segment.target] else { continue }
            end[k] = t.y + offset[segment.target, default: 0] + width(segment) / 2
            offset[segment.target, default: 0] += width(segment)
        }
        var bands: [String] = []
        var labels: [String] = []
        var linkLabels: [(text: String, points: [(Double, Double)])] = []
        var labelled = Set<Int>()
        var laneY = flowBottom + 30
        for (k, segment) in segments.enumerated() {
            let link = links[segment.link]
            guard let s = layout.nodes[segment.source], let t = layout.nodes[segment.target] else { continue }
            let w = width(segment)
            let y0 = start[k], y1 = end[k]
            let x0 = s.x + options.nodeWidth, x1 = t.x
            let title = "\(link.label.map { $0 + ": " } ?? "")\(format(link.value, options)) \(unit)"
            if t.node.column > s.node.column {
                let xm = (x0 + x1) / 2
                // A filled band between two Bézier edges (a stroked centre line breaks up when bands are wide).
                let (a0, b0, a1, b1) = (y0 - w / 2, y0 + w / 2, y1 - w / 2, y1 + w / 2)
                bands.append("<path d=\"M\(f(x0)),\(f(a0)) C\(f(xm)),\(f(a0)) \(f(xm)),\(f(a1)) \(f(x1)),\(f(a1)) "
                    + "L\(f(x1)),\(f(b1)) C\(f(xm)),\(f(b1)) \(f(xm)),\(f(b0)) \(f(x0)),\(f(b0)) Z\" "
                    + "fill=\"\(link.color)\" fill-opacity=\"0.55\"><title>\(SVGText.escape(title))</title></path>")
                if t.isVirtual {
                    // Straight through the waypoint's column, where a node bar would be.
                    bands.append("<rect x=\"\(f(t.x))\" y=\"\(f(a1))\" width=\"\(f(options.nodeWidth))\" height=\"\(f(w))\" "
                        + "fill=\"\(link.color)\" fill-opacity=\"0.55\"><title>\(SVGText.escape(title))</title></rect>")
                }
                if w >= 12, let label = link.label, !labelled.contains(segment.link) {
                    // Candidate anchor points along the band's centre line (cubic Bézier), best first.
                    let points = [0.5, 0.38, 0.62, 0.28, 0.72].map { u -> (Double, Double) in
                        let a = (1 - u) * (1 - u) * (1 - u), b = 3 * (1 - u) * (1 - u) * u, c = 3 * (1 - u) * u * u, d = u * u * u
                        return (a * x0 + b * xm + c * xm + d * x1, a * y0 + b * y0 + c * y1 + d * y1)
                    }
                    linkLabels.append((label + " " + format(link.value, options), points))
                    labelled.insert(segment.link)
                }
            } else {
                // Recycle (to the same or an earlier column): full-width stubs at both ports keep the nodes visibly
                // closed; a thin dashed connector under the diagram joins them, so wide recycles do not cover the
                // other flows.
                let stub = 34.0
                let lane = laneY
                laneY += 16
                let (a0, b0, a1, b1) = (y0 - w / 2, y0 + w / 2, y1 - w / 2, y1 + w / 2)
                let tip = min(w / 2, 10)
                bands.append("<path d=\"M\(f(x0)),\(f(a0)) L\(f(x0 + stub)),\(f(a0)) L\(f(x0 + stub + tip)),\(f(y0)) "
                    + "L\(f(x0 + stub)),\(f(b0)) L\(f(x0)),\(f(b0)) Z\" fill=\"\(link.color)\" fill-opacity=\"0.75\">"
                    + "<title>\(SVGText.escape(title))</title></path>")
                bands.append("<path d=\"M\(f(x1 - stub)),\(f(a1)) L\(f(x1)),\(f(a1)) L\(f(x1)),\(f(b1)) L\(f(x1 - stub)),\(f(b1)) "
                    + "L\(f(x1 - stub + tip)),\(f(y1)) Z\" fill=\"\(link.color)\" fill-opacity=\"0.75\"><title>\(SVGText.escape(title))</title></path>")
                bands.append("<path d=\"M\(f(x0 + stub + tip)),\(f(y0)) L\(f(x0 + stub + 14)),\(f(y0)) L\(f(x0 + stub + 14)),\(f(lane)) "
                    + "L\(f(x1 - stub - 14)),\(f(lane)) L\(f(x1 - stub - 14)),\(f(y1)) L\(f(x1 - stub)),\(f(y1))\" fill=\"none\" "
                    + "stroke=\"\(link.color)\" stroke-width=\"2\" stroke-dasharray=\"6 4\"><title>\(SVGText.escape(title))</title></path>")
                labels.append(text((link.label.map { $0 + " " } ?? "") + format(link.value, options) + " " + unit + " ↺",
                                   x: (x0 + x1) / 2, y: lane - 4, size: options.fontSize - 2, anchor: "middle",
                                   weight: "normal", options))
            }
        }
        var nodeShapes: [String] = []
        var occupied: [(x0: Double, y0: Double, x1: Double, y1: Double)] = []
        func box(_ content: String, x: Double, y: Double, size: Double, anchor: String) -> (x0: Double, y0: Double, x1: Double, y1: Double) {
            let width = Double(DisplayWidth.of(content)) * size * 0.56
            let left = anchor == "end" ? x - width : anchor == "middle" ? x - width / 2 : x
            return (left - 2, y - size, left + width + 2, y + size * 0.3)
        }
        func free(_ b: (x0: Double, y0: Double, x1: Double, y1: Double)) -> Bool {
            !occupied.contains { $0.x0 < b.x1 && b.x0 < $0.x1 && $0.y0 < b.y1 && b.y0 < $0.y1 }
        }
        for p in layout.nodes.values.sorted(by: { ($0.node.column, $0.y) < ($1.node.column, $1.y) }) where !p.isVirtual {
            let fill = p.node.role == .loss ? SankeyPalette.loss : p.node.role == .sink ? SankeyPalette.effective : SankeyPalette.nodeFill
            nodeShapes.append("<rect x=\"\(f(p.x))\" y=\"\(f(p.y))\" width=\"\(f(options.nodeWidth))\" height=\"\(f(p.height))\" "
                + "fill=\"\(fill)\"><title>\(SVGText.escape(p.node.label)): \(format(p.value, options)) \(unit)</title></rect>")
            let leftSide = p.node.column == 0
            let x = leftSide ? p.x - 8 : p.x + options.nodeWidth + 8
            let anchor = leftSide ? "end" : "start"
            let cy = p.center
            let valueText = format(p.value, options) + " " + unit
            labels.append(text(p.node.label, x: x, y: cy - 2, size: options.fontSize, anchor: anchor, weight: "bold", options))
            labels.append(text(valueText, x: x, y: cy + options.fontSize, size: options.fontSize - 1,
                               anchor: anchor, weight: "normal", options))
            occupied.append(box(p.node.label, x: x, y: cy - 2, size: options.fontSize, anchor: anchor))
            occupied.append(box(valueText, x: x, y: cy + options.fontSize, size: options.fontSize - 1, anchor: anchor))
            occupied.append((p.x - 1, p.y, p.x + options.nodeWidth + 1, p.y + p.height))
        }
        for candidate in linkLabels {
            let size = options.fontSize - 2
            for (x, y) in candidate.points {
                let b = box(candidate.text, x: x, y: y + 4, size: size, anchor: "middle")
                if free(b) {
                    occupied.append(b)
                    labels.append(text(candidate.text, x: x, y: y + 4, size: size, anchor: "middle", weight: "normal", options))
                    break
                }
            }
        }
        let legendY = max(laneY + 28, flowBottom + 36) + 10
        var legendItems: [String] = []
        var lx = Self.leftMargin
        for item in legend {
            legendItems.append("<rect x=\"\(f(lx))\" y=\"\(f(legendY - 10))\" width=\"22\" height=\"12\" fill=\"\(item.color)\" fill-opacity=\"0.7\"/>")
            legendItems.append(text(item.text, x: lx + 28, y: legendY, size: options.fontSize - 1, anchor: "start", weight: "normal", options))
            lx += 40 + Double(DisplayWidth.of(item.text)) * (options.fontSize - 1) * 0.55
        }
        let height = legendY + 24
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(options.width))\" height=\"\(f(height))\" "
            + "viewBox=\"0 0 \(f(options.width)) \(f(height))\" font-family=\"\(SVGText.escape(options.fontFamily))\">\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        out += text(title, x: options.width / 2, y: 32, size: options.fontSize + 7, anchor: "middle", weight: "bold", options) + "\n"
        out += text(subtitle, x: options.width / 2, y: 56, size: options.fontSize, anchor: "middle", weight: "normal", options) + "\n"
        if !columnHeadings.isEmpty {
            // Stage headings over the columns (e.g. 购入贮存 → 加工转换 → 输送分配 → 最终使用), with a rule below.
            let innerWidth = options.width - Self.leftMargin - Self.rightMargin - options.nodeWidth
            let step = layout.columns > 1 ? innerWidth / Double(layout.columns - 1) : 0
            var headings: [String] = []
            for (c, heading) in columnHeadings.enumerated() where c < layout.columns && !heading.isEmpty {
                let x = Self.leftMargin + Double(c) * step + options.nodeWidth / 2
                headings.append(text(heading, x: x, y: Self.titleHeight + 8, size: options.fontSize, anchor: "middle",
                                     weight: "bold", options))
            }
            headings.append("<line x1=\"\(f(Self.leftMargin - 20))\" y1=\"\(f(Self.titleHeight + 15))\" "
                + "x2=\"\(f(options.width - Self.rightMargin + options.nodeWidth + 20))\" y2=\"\(f(Self.titleHeight + 15))\" "
                + "stroke=\"#c5ccd3\" stroke-width=\"1\"/>")
            out += "<g id=\"stages\">\n" + headings.joined(separator: "\n") + "\n</g>\n"
        }
        out += "<g id=\"flows\">\n" + bands.joined(separator: "\n") + "\n</g>\n"
        out += "<g id=\"nodes\">\n" + nodeShapes.joined(separator: "\n") + "\n</g>\n"
        out += "<g id=\"labels\">\n" + labels.joined(separator: "\n") + "\n</g>\n"
        out += "<g id=\"legend\">\n" + legendItems.joined(separator: "\n") + "\n</g>\n"
        out += "</svg>\n"
        return out
    }

    private func format(_ value: Double, _ options: Options) -> String {
        NumberFormatting.fixed(value, decimals: valueDecimals)
    }

    /// A text element with a white halo so that it stays readable over bands.
    private func text(_ content: String, x: Double, y: Double, size: Double, anchor: String, weight: String,
                      _ options: Options) -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(f(size))\" text-anchor=\"\(anchor)\" font-weight=\"\(weight)\" "
            + "fill=\"#1b2631\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">"
            + SVGText.escape(content) + "</text>"
    }

    private func f(_ x: Double) -> String { CFormat.format("%.2f", x) }

}
