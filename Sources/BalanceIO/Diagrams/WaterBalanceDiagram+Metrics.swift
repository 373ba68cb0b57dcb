import BalanceStandards

/// Sizes of the water balance diagram, in px, and text measurement.
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
    /// Minimum distance between two ports on one side of a box.
    static let portSpacing = 16.0
    /// Transfers longer than this are labelled at both ends.
    static let longTransfer = 160.0
    /// Height of the side boxes (network, treatment, outfalls).
    static let sideHeight = 22 + 2 * lineHeight + 30

    /// Approximate advance width of `text` at `size` (CJK 1 em, Latin and digits about 0.55 em).
    static func textWidth(_ text: String, size: Double) -> Double { Double(DisplayWidth.of(text)) * 0.55 * size }

    /// `text` cut into lines of at most `width` px (by characters; CJK text has no spaces), at most
    /// `maxLines`, the last ending with … when cut. Closing punctuation stays on its line.
    static func wrap(_ text: String, width: Double, size: Double, maxLines: Int = 2) -> [String] {
        let closing: Set<Character> = [")", "）", "]", "】", "，", ",", "、", "。", "：", ":", "；", ";", "》"]
        var lines: [String] = []
        var current = ""
        for ch in text {
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
}
