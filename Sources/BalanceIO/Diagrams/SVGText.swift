/// Text helpers shared by the SVG writers (water balance diagram, Sankey diagrams).
enum SVGText {
    /// `text` escaped for XML character data and attribute values (& < > ").
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}
