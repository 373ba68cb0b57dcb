import BalanceIO

/// The balance chapter of a cleaner-production audit report (清洁生产审核报告, 审核重点的物料/水/能量平衡) and the
/// outline of a GB/T 12452-2022 Annex A 水平衡测试报告书, as one document: scope, meter inventory and data sources
/// with their share of the uncertainty, the balance table, the diagram, reconciliation and suspect meters, the
/// indicators ± u, losses ranked, and with a second case the option's verified change.
///
/// The document is a JSON value (``json()``, FORMATS.md §5.13) built only from the JSON documents of the other
/// commands, so every figure in it is the figure `balance reconcile`, `water`, `energy`, `material` and `compare`
/// report. The same value is the context of the Mustache templates (``ReportTemplate``) that write HTML and Markdown:
/// each figure carries its number and a formatted string (value ± σ, σ to two significant digits, GUM §7.2.6).
public struct AuditReport: Sendable {
    /// What the report is made of: the other commands' JSON documents and the diagrams.
    public struct Parts: Sendable {
        /// The case's name (its folder).
        public var caseName: String
        /// The report title; `nil` takes the boundary's name (the enterprise node) or the case name.
        public var title: String?
        /// The test or audit period, as the user wrote it (`nil`: not stated).
        public var period: String?
        /// The language of the report's prose and names.
        public var language: LabelLanguage
        /// The standard balance of the chapter: `water`, `energy` or `material`, or `nil` (reconciliation only).
        public var balance: String?
        /// The `balance reconcile` JSON of the case; `nil` where `reconcile` does not apply (an energy case, reconciled
        /// in tce by `energy`; a chapter on data without uncertainties).
        public var reconciliation: JSONValue?
        /// The JSON of the standard balance (`balance water|energy|material`), with ``balance``.
        public var chapter: JSONValue?
        /// The `balance compare` JSON of this case (before) and the one after an option, when given.
        public var comparison: JSONValue?
        /// The diagram of the chapter as SVG (水平衡图 or Sankey), when there is one.
        public var diagramSVG: String?
        /// The number of nodes (units, workshops, the enterprise) of the case.
        public var nodes = 0

        /// Parts with the reconciliation only.
        public init(caseName: String, language: LabelLanguage, reconciliation: JSONValue?) {
            self.caseName = caseName
            self.language = language
            self.reconciliation = reconciliation
        }
    }

    /// The document (FORMATS.md §5.13).
    public let document: JSONValue

    /// Assembles the document from its parts.
    /// - Complexity: O(streams × contributors of the key figure + size of the parts).
    public init(_ parts: Parts) {
        let zh = parts.language.isChinese
        let chapter = parts.chapter
        // The root group names the plant (某印染有限公司); the enterprise row's own name is the generic 全厂.
        let boundary = chapter?["groups"]?.elements.first?["name"]?.text ?? chapter?["enterprise"]?["name"]?.text
        // The meters are the reconciliation's streams, else the chapter's (water and material list measured and
        // sigma too; energy lists the physical reading).
        let streams = (parts.reconciliation ?? chapter)?["streams"]?.elements ?? []
        let measured = streams.filter { $0["measured"]?.double != nil }
        // One unit for every stream is the scope's; with several (an energy case: t, kWh, m3) each reading has its own.
        let units = Set(streams.compactMap { $0["unit"]?.text })
        let commonUnit = units.count == 1 ? units.first : nil
        var members: [(String, JSONValue)] = [
            ("title", .string(parts.title ?? boundary ?? parts.caseName)),
            ("case", .string(parts.caseName)),
            ("period", .string(parts.period)),
            ("language", .string(parts.language.rawValue)),
            ("zh", .bool(zh)),
            ("balance", .string(parts.balance)),
            // `chapter.water` (or energy, material) is true for the chapter's balance: the templates' sections.
            ("chapter", .object(parts.balance.map { [($0, .bool(true))] } ?? [])),
            ("scope", .object([
                ("boundary", .string(boundary ?? parts.caseName)),
                ("nodes", .integer(parts.nodes)),
                ("streams", .integer(streams.count)),
                ("measured", .integer(measured.count)),
                ("unmeasured", .integer(streams.count - measured.count)),
                ("flowUnit", .string(chapter?["flowUnit"]?.text ?? commonUnit)),
            ])),
        ]
        let keyFigure = Self.keyFigure(chapter, balance: parts.balance, zh: zh)
        members.append(("meters", .array(Self.meters(streams, keyFigure: keyFigure, withUnits: units.count > 1, zh: zh))))
        members.append(("keyFigure", .string(keyFigure?.name)))
        members.append(("sourceShares", .array(Self.sourceShares(chapter, balance: parts.balance, zh: zh))))
        members.append(("water", parts.balance == "water" ? Self.waterChapter(chapter, zh: zh) : .null))
        members.append(("figures", parts.balance == "water" ? .array([]) : .array(Self.figures(chapter, balance: parts.balance, zh: zh))))
        members.append(("diagram", parts.diagramSVG.map { .object([("svg", .string($0))]) } ?? .null))
        members.append(("reconciliation", parts.reconciliation.map { Self.reconciliation($0, zh: zh) }
            ?? chapter?["globalTest"].flatMap { Self.globalTestOnly($0) } ?? .null))
        members.append(("suspects", .array(parts.reconciliation.map { Self.suspects($0, zh: zh) } ?? [])))
        members.append(("losses", .array(parts.balance == "water" ? Self.waterLosses(chapter)
            : parts.balance == "material" ? Self.materialLosses(chapter, zh: zh)
            : parts.balance == "energy" ? Self.energyLosses(chapter) : [])))
        members.append(("comparison", parts.comparison.map { Self.comparison($0) } ?? .null))
        // The notes and warnings of every part (energy and material call theirs `notes`), once each, in the report's
        // language (the message catalogue's Chinese for a Chinese report).
        let warnings = (parts.reconciliation?["warnings"]?.elements ?? []) + (chapter?["warnings"]?.elements ?? [])
            + (chapter?["notes"]?.elements ?? [])
        var seen = Set<String>()
        members.append(("warnings", .array(warnings.compactMap(\.text).filter { seen.insert($0).inserted }
            .map { .string(MessageCatalogue.text($0, language: parts.language)) })))
        document = .object(members)
    }

    /// The document as JSON (FORMATS.md §5.13).
    /// - Complexity: O(1); serialising it is O(size).
    public func json() -> JSONValue { document }
}
