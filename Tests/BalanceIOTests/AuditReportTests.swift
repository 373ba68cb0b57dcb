import TestSupport
import BalanceApplication
import BalanceIO
import BalanceReport
import BalanceStandards
import Foundation
import Testing

/// `balance report` (issue 15, Deliver 3): the chapter's figures are those of the commands' own JSON — value for value,
/// not recomputed — its prose comes from the template, and it renders the same bytes every time.
@Suite("Audit report")
struct AuditReportTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let demo = root.appendingPathComponent("Datasets/demo/dyeing-plant-water").path
    static let before = root.appendingPathComponent("Datasets/water/dyeing-plant-option/before").path
    static let after = root.appendingPathComponent("Datasets/water/dyeing-plant-option/after").path

    static func options(_ language: LabelLanguage = .zh, balance: String? = "water") -> AuditOptions {
        var options = AuditOptions()
        options.comparedBalance = balance
        options.language = language
        return options
    }

    static func object(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    static func report(_ options: AuditOptions, path: String = demo) throws -> AuditOutcome {
        try Application.run(.report, casePath: path, options: options)
    }

    @Test("every indicator, total, test and suspect of the report is the figure of the water and reconcile JSON")
    func figuresAreTheCommandsFigures() throws {
        let options = Self.options()
        let document = try Self.object(try Self.report(options).render(.json))
        let water = try Self.object(try Application.run(.water, casePath: Self.demo, options: options).render(.json))
        let reconciled = try Self.object(try Application.run(.reconcile, casePath: Self.demo, options: options).render(.json))

        let chapter = try #require(document["water"] as? [String: Any])
        let indicators = try #require(chapter["indicators"] as? [[String: Any]])
        let details = try #require(water["indicatorDetails"] as? [[String: Any]])
        #expect(indicators.count == details.count)
        for (shown, detail) in zip(indicators, details) {
            #expect(shown["key"] as? String == detail["key"] as? String)
            // Bit for bit: the report copies the JSON's numbers.
            #expect(shown["value"] as? Double == detail["value"] as? Double, "\(detail["key"] ?? "")")
            #expect(shown["sigma"] as? Double == detail["sigma"] as? Double, "\(detail["key"] ?? "")")
        }
        let r = try #require(indicators.first { $0["key"] as? String == "repeatUtilizationRate" })
        // R = 0.787054… ± 0.002141…: σ to two significant digits in percent.
        #expect(r["display"] as? String == "78.71 % ± 0.21 %")

        let test = try #require(reconciled["globalTest"] as? [String: Any])
        let shownTest = try #require(document["reconciliation"] as? [String: Any])
        #expect(shownTest["statistic"] as? String == NumberFormatting.fixed(test["statistic"] as? Double ?? .nan, decimals: 3))
        #expect(shownTest["passed"] as? Bool == test["passed"] as? Bool)

        let suspects = try #require(document["suspects"] as? [[String: Any]])
        let errors = try #require(reconciled["grossErrors"] as? [[String: Any]])
        #expect(suspects.map { $0["stream"] as? String } == errors.map { $0["stream"] as? String })
        #expect(suspects.first?["stream"] as? String == "W14" && suspects.first?["readsHigh"] as? Bool == true)

        // The meter inventory: every measured stream, its share of σ²(R) from the indicator's own budget.
        let meters = try #require(document["meters"] as? [[String: Any]])
        let measured = try #require(reconciled["streams"] as? [[String: Any]]).filter { $0["measured"] is Double }
        #expect(meters.map { $0["id"] as? String } == measured.map { $0["id"] as? String })
        let budget = try #require(details.first?["uncertaintyBudget"] as? [[String: Any]])
        for entry in budget {
            guard let stream = entry["stream"] as? String else { continue }
            let meter = try #require(meters.first { $0["id"] as? String == stream })
            #expect(meter["share"] as? Double == entry["share"] as? Double, "\(stream)")
        }
    }

    @Test("HTML and Markdown: every section, the SVG diagram inline, the figures as the JSON formats them")
    func renders() throws {
        let outcome = try Self.report(Self.options())
        let html = String(decoding: try outcome.render(.html), as: UTF8.self)
        let markdown = String(decoding: try outcome.render(.markdown), as: UTF8.self)
        for heading in ["测试范围与时段", "计量器具与数据来源", "平衡表", "平衡图", "数据校正与可疑仪表", "用水指标", "损失排序"] {
            #expect(html.contains(heading), "html: \(heading)")
        }
        #expect(html.contains("<svg") && html.hasPrefix("<!DOCTYPE html>"))
        #expect(!markdown.contains("<svg") && markdown.hasPrefix("# 某印染有限公司"))
        let document = try Self.object(try outcome.render(.json))
        let indicators = try #require((document["water"] as? [String: Any])?["indicators"] as? [[String: Any]])
        for indicator in indicators {
            let display = try #require(indicator["display"] as? String)
            #expect(html.contains(display) && markdown.contains(display), "\(display)")
        }
        // Nothing of the template is left unrendered, and no value is HTML-escaped twice.
        #expect(!html.contains("{{") && !markdown.contains("{{") && !html.contains("&amp;amp;"))
    }

    @Test("the same case gives the same bytes in every format, run after run")
    func deterministic() throws {
        for format in [ReportFormat.json, .html, .markdown] {
            let first = try Self.report(Self.options()).render(format)
            let second = try Self.report(Self.options()).render(format)
            #expect(first == second, "\(format)")
        }
    }

    @Test("English: the template's other language; a report without --balance has the reconciliation only")
    func english() throws {
        let html = String(decoding: try Self.report(Self.options(.en)).render(.html), as: UTF8.self)
        #expect(html.contains("Water-use indicators") && html.contains("Suspect meter W14") && !html.contains("用水指标"))
        let plain = String(decoding: try Self.report(Self.options(.en, balance: nil)).render(.markdown), as: UTF8.self)
        #expect(plain.contains("No standard balance chosen") && plain.contains("Global test"))
    }

    @Test("energy: the GB/T 3484 figures and the global test are the energy JSON's (reconciled in tce, no reconcile run)")
    func energyChapter() throws {
        let path = Self.root.appendingPathComponent("Datasets/energy/dyeing-mill-2024").path
        let options = Self.options(balance: "energy")
        let document = try Self.object(try Self.report(options, path: path).render(.json))
        let energy = try Self.object(try Application.run(.energy, casePath: path, options: options).render(.json))
        let figures = try #require(document["figures"] as? [[String: Any]])
        let uncertainty = try #require(energy["uncertainty"] as? [String: Any])
        for key in ["suppliedTce", "effectiveTce", "lossTce", "utilizationRate"] {
            let figure = try #require(figures.first { $0["key"] as? String == key }, "\(key)")
            #expect(figure["value"] as? Double == energy[key] as? Double, "\(key)")
            #expect(figure["sigma"] as? Double == uncertainty[key] as? Double, "\(key)")
        }
        let test = try #require(energy["globalTest"] as? [String: Any])
        let shown = try #require(document["reconciliation"] as? [String: Any])
        #expect(shown["passed"] as? Bool == test["passed"] as? Bool && shown["dof"] as? Int == test["dof"] as? Int)
        #expect(document["keyFigure"] as? String == "供入能量（综合能耗）")
        #expect((document["diagram"] as? [String: Any])?["svg"] is String, "the Sankey diagram")
        // Losses: every loss stream of the energy JSON, in decreasing tce, its σ and its share of lossTce.
        let losses = try #require(document["losses"] as? [[String: Any]])
        let lossStreams = (energy["streams"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "loss" }
        #expect(losses.count == lossStreams.count && losses.count == 8)
        let lossTce = try #require(energy["lossTce"] as? Double)
        var previous = Double.infinity, shares = 0.0
        for (k, loss) in losses.enumerated() {
            let stream = try #require(lossStreams.first { $0["id"] as? String == loss["id"] as? String })
            let tce = try #require(loss["loss"] as? Double)
            #expect(tce == stream["tce"] as? Double && loss["lossSigma"] as? Double == stream["tceSigma"] as? Double)
            #expect(loss["rank"] as? Int == k + 1 && tce <= previous)
            #expect(loss["node"] as? String == stream["from"] as? String)
            // The share is computed from the chapter's figures; read back through Foundation's JSON parser, which is
            // not always correctly rounded in the last bit: 1e-14 relative.
            #expect(abs((loss["share"] as? Double ?? .nan) - tce / lossTce) <= 1e-14 * tce / lossTce)
            previous = tce
            shares += tce / lossTce
        }
        // The loss streams are all of lossTce here (no unaccounted energy): the shares close to 1.
        #expect(abs(shares - 1) <= 1e-12)
        #expect(losses.first?["id"] as? String == "L01" && losses.first?["lossDisplay"] as? String == "1740 ± 75 tce")
    }

    @Test("material without uncertainties: the component balances in exact mode, and the report says nothing was reconciled")
    func materialExact() throws {
        let path = Self.root.appendingPathComponent("Datasets/material/chrome-plating-line").path
        let outcome = try Self.report(Self.options(balance: "material"), path: path)
        let document = try Self.object(try outcome.render(.json))
        #expect(document["reconciliation"] is NSNull && (document["suspects"] as? [Any])?.isEmpty == true)
        let material = try Self.object(try Application.run(.material, casePath: path, options: Self.options()).render(.json))
        let components = try #require(material["components"] as? [[String: Any]])
        let figures = try #require(document["figures"] as? [[String: Any]])
        for component in components {
            let name = try #require(component["component"] as? String)
            let input = try #require(figures.first { $0["key"] as? String == "\(name):input" })
            #expect(input["value"] as? Double == component["input"] as? Double, "\(name)")
        }
        let markdown = String(decoding: try outcome.render(.markdown), as: UTF8.self)
        #expect(markdown.contains("审核重点物料平衡分析") && markdown.contains("未进行数据校正"))
        // Losses: each component's waste and loss outputs, largest first, as the material JSON gives them.
        let losses = try #require(document["losses"] as? [[String: Any]])
        #expect(!losses.isEmpty)
        for component in components {
            let name = component["component"] as? String
            let ranked = losses.filter { $0["component"] as? String == name }.compactMap { $0["loss"] as? Double }
            #expect(ranked == ranked.sorted(by: >), "\(name ?? "")")
            let outputs = component["outputs"] as? [[String: Any]] ?? []
            for loss in losses where loss["component"] as? String == name {
                let output = try #require(outputs.first { $0["stream"] as? String == loss["id"] as? String })
                #expect(output["value"] as? Double == loss["loss"] as? Double)
                #expect(MaterialKind(text: output["kind"] as? String ?? "")?.isWaste == true)
            }
        }
    }

    @Test("with --after: the option's change is the compare JSON's")
    func comparison() throws {
        var options = Self.options()
        options.afterCase = Self.after
        let document = try Self.object(try Self.report(options, path: Self.before).render(.json))
        let compared = try Self.object(try Application.run(.compare, casePath: Self.before, secondPath: Self.after, options: options).render(.json))
        let shown = try #require(document["comparison"] as? [String: Any])
        let rows = try #require(shown["indicators"] as? [[String: Any]])
        let entries = try #require(compared["indicators"] as? [[String: Any]])
        #expect(rows.map { $0["id"] as? String } == entries.map { $0["id"] as? String })
        for (row, entry) in zip(rows, entries) where entry["change"] is Double {
            let change = entry["change"] as? Double ?? .nan, sigma = entry["changeSigma"] as? Double
            #expect(row["change"] as? String == IndependentFormat.withSigma(change, sigma), "\(entry["id"] ?? "")")
            #expect(row["statement"] as? String == entry["statement"] as? String)
        }
        let streams = try #require(shown["streams"] as? [[String: Any]])
        #expect(streams.contains { $0["id"] as? String == "W03" }, "the rinse shop's intake changed significantly")
    }

    @Test("a user's template replaces the built-in one; one that does not parse is bad data naming line and column")
    func userTemplate() throws {
        let folder = try TemporaryFolder.make(prefix: "report-template")
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("mine.mustache"), bad = folder.appendingPathComponent("bad.mustache")
        try Data("{{title}}: {{#water}}{{#indicators}}{{symbol}}={{display}};{{/indicators}}{{/water}}".utf8).write(to: good)
        try Data("line one\n{{#water}}\n{{/wrong}}\n".utf8).write(to: bad)
        var options = Self.options()
        options.template = good.path
        let text = String(decoding: try Self.report(options).render(.html), as: UTF8.self)
        #expect(text.hasPrefix("某印染有限公司: R=78.71 % ± 0.21 %;"))
        options.template = bad.path
        #expect {
            try Self.report(options)
        } throws: { error in
            guard let error = error as? ApplicationError else { return false }
            return error.exitStatus == 65 && error.message.contains("bad.mustache:3:") && error.message.contains("does not parse")
        }
        options.template = folder.appendingPathComponent("missing.mustache").path
        #expect(throws: ApplicationError.self) { try Self.report(options) }
    }

    @Test("formats: csv and xlsx are refused for the report (64), html and pdf for the other commands")
    func formats() throws {
        let outcome = try Self.report(Self.options())
        for format in [ReportFormat.csv, .xlsx] {
            #expect { try outcome.render(format) } throws: { ($0 as? ApplicationError)?.exitStatus == 64 }
        }
        let reconciled = try Application.run(.reconcile, casePath: Self.demo, options: Self.options())
        #expect { try reconciled.render(.html) } throws: { ($0 as? ApplicationError)?.exitStatus == 64 }
        var options = Self.options()
        options.comparedBalance = "steam"
        #expect { try Self.report(options) } throws: { ($0 as? ApplicationError)?.exitStatus == 64 }
    }
}

/// The report's formatting rule, written out independently: σ to two significant digits, the value to the same decimals
/// (GUM §7.2.6).
enum IndependentFormat {
    static func withSigma(_ value: Double, _ sigma: Double?) -> String {
        guard let sigma, sigma > 0 else { return NumberFormatting.fixed(value, decimals: NumberFormatting.decimals(forValue: value)) }
        let decimals = max(0, min(8, 1 - Int(floor(log10(sigma)))))
        var shown = String(format: "%.\(decimals)f", value)
        // A value that rounds to zero is written without a sign ("-0.00" reads as a sign that is not there).
        if shown.hasPrefix("-") && shown.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { shown.removeFirst() }
        return shown + " ± " + String(format: "%.\(decimals)f", sigma)
    }
}
