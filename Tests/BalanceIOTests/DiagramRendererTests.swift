import BalanceApplication
import BalanceIO
import Foundation
import Testing

/// Diagrams as PDF and PNG through librsvg and cairo (issue 13, Deliver 5): one page, A4 turned to the diagram's
/// shape or A3 for a tall plant, the CJK font embedded; read back with the PDF's own structure (no PDF library).
@Suite("Diagrams as PDF and PNG")
struct DiagramRendererTests {
    static let datasets = TestDatasets.root

    static func waterSVG(_ folder: String) throws -> String {
        var options = AuditOptions()
        options.language = .zh
        let outcome = try Application.run(.water, casePath: datasets.appendingPathComponent(folder).path, options: options)
        return try #require(outcome.waterDiagramSVG())
    }

    /// The page's MediaBox [0 0 w h] in points, and whether a font program is embedded (FontFile2/FontFile3).
    static func pdfFacts(_ bytes: [UInt8]) -> (width: Double, height: Double, embedsFont: Bool)? {
        let text = String(decoding: bytes, as: Unicode.ASCII.self)
        guard let box = text.range(of: "/MediaBox [ 0 0 ") else { return nil }
        let numbers = text[box.upperBound...].prefix(40).split(separator: " ").prefix(2).compactMap { Double($0) }
        guard numbers.count == 2 else { return nil }
        return (numbers[0], numbers[1], text.contains("/FontFile2") || text.contains("/FontFile3"))
    }

    @Test("the demo plant (wider than tall): one A4 landscape page with the font embedded")
    func landscape() throws {
        let pdf = try DiagramRenderer.render(try Self.waterSVG("demo/dyeing-plant-water"), as: .pdf)
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        let facts = try #require(Self.pdfFacts(pdf))
        // A4 landscape: 297 × 210 mm = 841.89 × 595.28 pt (to cairo's rounding).
        #expect(abs(facts.width - 841.89) < 0.01 && abs(facts.height - 595.28) < 0.01, "\(facts)")
        #expect(facts.embedsFont)
    }

    @Test("a 24-unit brewery (tall): A3 portrait, since A4 would shrink it below half")
    func tall() throws {
        let pdf = try DiagramRenderer.render(try Self.waterSVG("water/brewery-24-units"), as: .pdf)
        let facts = try #require(Self.pdfFacts(pdf))
        #expect(abs(facts.width - 841.89) < 0.01 && abs(facts.height - 1190.55) < 0.01, "\(facts)")
    }

    @Test("PNG: twice the SVG's size, on white")
    func png() throws {
        let svg = try Self.waterSVG("demo/dyeing-plant-water")
        let bytes = try DiagramRenderer.render(svg, as: .png)
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // IHDR: width and height, big-endian, at bytes 16…23.
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let svgWidth = try #require(Double(svg.firstMatch(of: /width="([0-9.]+)"/)?.1 ?? ""))
        #expect(width == Int((svgWidth * 2).rounded(.up)))
    }

    @Test("the file's name decides: .svg is the text, .pdf and .png are rendered; an SVG librsvg rejects is an error")
    func byName() throws {
        let svg = try Self.waterSVG("demo/dyeing-plant-water")
        #expect(try DiagramRenderer.file(svg: svg, forPath: "plant.svg") == Array(svg.utf8))
        #expect(try DiagramRenderer.file(svg: svg, forPath: "PLANT.PDF").starts(with: Array("%PDF".utf8)))
        #expect(throws: DiagramRenderer.RenderError.self) { try DiagramRenderer.render("<svg", as: .pdf) }
    }
}
