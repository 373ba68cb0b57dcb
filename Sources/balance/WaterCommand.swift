import ArgumentParser
import AuditBalance

extension Balance {
    /// `balance water CASE`: the GB/T 12452 water balance (水平衡测试) — tables, indicators, diagram.
    struct Water: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "water",
            abstract: "Water balance to GB/T 12452: balance tables, indicators with uncertainties, water balance diagram.",
            discussion: """
                Streams carry a kind (intake 取水, circulating 循环, series 串联, consumption 耗水, discharge 排水, \
                leakage 漏失, export 外供, steam 蒸汽, condensate 冷凝水回用) and nodes a category (cooling 间接冷却, \
                process 工艺, boiler 锅炉, domestic 生活, auxiliary 辅助, network 管网); see docs/FORMATS.md §3 and \
                docs/WATER.md.

                Without uncertainties the data are taken as exact and unmeasured streams are computed from the \
                balances; with uncertainties the case is reconciled first and every indicator gets a standard \
                uncertainty. Closures are checked per unit and against the boundary meter (an intake stream into a \
                network node; put it on a node marked balance = no to compare it with the sum of the units).

                Examples:
                  balance water Datasets/water/gbt12452-example-9.1 --production 300
                  balance water Datasets/demo/dyeing-plant-water --lang en --format markdown
                  balance water plant --diagram water.svg --dot water.dot
                  balance water plant --format csv --bom --output tables.csv
                  balance water plant --benchmark textile-dyeing --benchmark intakePerProduct=5.5
                """
        )

        @OptionGroup var input: CaseOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var operatingTime: OperatingTimeOptions

        @Option(parsing: .unconditional, help: "Production Q over the same period as the flows (e.g. t/d when flows are m³/d), for V_uf.")
        var production: Double?

        @Option(help: "Unit of the product, for labels (m³/t).")
        var productionUnit: String = "t"

        @Option(parsing: .unconditional, help: "Output value Z in 万元 over the same period as the flows, for 万元产值取水量 V_wf.")
        var outputValue: Double?

        @Option(parsing: .unconditional, help: "Number of employees n, for 职工人均生活日新水量 V_lf (needs domestic units).")
        var staff: Double?

        @Option(help: "Label language: zh or en. (default: zh).")
        var lang: LabelLanguage?

        @Option(help: "Write the water balance diagram (水平衡图) to this file: SVG, or PDF (one A4/A3 page, CJK font embedded) or PNG by the extension.")
        var diagram: String?

        @Option(help: "Title of the diagram (default: the root group's name, e.g. the enterprise in nodes.csv, else the case name).")
        var title: String?

        @Option(help: "Write the water balance diagram as Graphviz DOT to this file.")
        var dot: String?

        @Option(help: "Unit closure tolerance, fraction (0.05) or percentage (5%). Default 5 % (STANDARDS.md §1.5, UNCONFIRMED).")
        var unitTolerance: String = "5%"

        @Option(help: "Boundary meter tolerance, fraction or percentage. Default 10 % (STANDARDS.md §1.5).")
        var boundaryTolerance: String = "10%"

        @Option(help: "Benchmark for the analysis table: textile-dyeing, iron-steel, petroleum-refining, or KEY=VALUE (e.g. repeatUtilizationRate=45%). Repeatable.")
        var benchmark: [String] = []

        @Flag(help: "Start CSV output with a UTF-8 byte order mark (for Excel).")
        var bom = false

        @Flag(help: "Take every value as exact even when uncertainties are given (no reconciliation).")
        var exact = false

        @Option(help: "Uncertainty for measured streams that have none: absolute (0.5) or relative (2%). Implies reconciliation.")
        var defaultUncertainty: String?

        @Option(parsing: .unconditional, help: "Significance level of the reconciliation tests.")
        var alpha: Double = 0.05

        func options() throws -> AuditOptions {
            var options = AuditOptions()
            options.encoding = input.encoding
            operatingTime.apply(to: &options)
            options.defaultUncertainty = try CLI.uncertainty(defaultUncertainty, option: "--default-uncertainty")
            options.alpha = alpha
            options.production = production
            options.productionUnit = productionUnit
            options.outputValue = outputValue
            options.staff = staff
            options.title = title
            // zh unless given; given, it is also the language of an error message (Application.errorLanguage).
            if let lang { options.language = lang }
            options.unitTolerance = try CLI.fraction(unitTolerance, option: "--unit-tolerance")
            options.boundaryTolerance = try CLI.fraction(boundaryTolerance, option: "--boundary-tolerance", example: "0.1", percent: "10%")
            options.benchmarks = benchmark
            options.exact = exact
            options.byteOrderMark = bom
            return options
        }

        func validate() throws {
            try CLI.validate(try options(), for: .water)
        }

        func run() throws {
            CLI.execute(.water, casePath: input.casePath, options: try options(), output: output) { outcome in
                [(diagram ?? "", diagram.flatMap { _ in outcome?.waterDiagramSVG() }),
                 (dot ?? "", dot.flatMap { _ in outcome?.waterDiagramDOT() })]
            }
        }
    }
}
