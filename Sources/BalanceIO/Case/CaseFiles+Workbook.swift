/// A case kept as an `.xlsx` workbook: one sheet per case file (FORMATS.md §1.8).
extension CaseFiles {
    /// The sheet names of each case file, English and Chinese, compared after trimming and ignoring case.
    static let workbookSheets: [(file: String, names: [String])] = [
        (CaseLoader.streamsFile, ["streams", "流股"]),
        (CaseLoader.nodesFile, ["nodes", "节点"]),
        (CaseLoader.relationsFile, ["relations", "关系"]),
        (CaseLoader.componentsFile, ["components", "组分"]),
        (CaseLoader.equationsFile, ["equations", "方程"]),
        (CaseLoader.covarianceFile, ["covariance", "协方差"]),
        (CaseLoader.readingsFile, ["readings", "读数"]),
        (CaseLoader.metersFile, ["meters", "仪表"]),
    ]

    /// Whether `path` names an `.xlsx` workbook (by its extension, ignoring case).
    static func isWorkbook(_ path: String) -> Bool { path.lowercased().hasSuffix(".xlsx") }

    /// The case of the workbook at `path`: its folder, its name without `.xlsx`.
    static func workbookCase(_ path: String) -> CaseFiles {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) }.map { $0.isEmpty ? "/" : $0 } ?? "."
        let file = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return CaseFiles(
            streams: path, nodes: nil, relations: nil, components: nil, covariance: nil, equations: nil, readings: nil,
            meters: nil, folder: folder,
            caseName: String(file.dropLast(5)), workbook: path)
    }

    /// The name messages give a sheet: `plant.xlsx[流股]` (``InputError`` shows a cell of it as `plant.xlsx: 流股!D7`).
    static func sheetFile(_ workbook: String, _ sheet: String) -> String { "\(workbook)[\(sheet)]" }

    /// Reads the workbook and loads its sheets as the case's files.
    func loadWorkbook(_ path: String, options: CaseLoadOptions) throws(InputError) -> LoadedCase {
        var loaded = try Self.loadWorkbook(bytes: try CaseLoader.read(path), name: path, caseName: caseName, options: options)
        loaded.folder = folder
        return loaded
    }

    /// Loads the case held in the workbook `bytes`; `path` names it in messages.
    static func loadWorkbook(
        bytes: [UInt8], name path: String, caseName: String, options: CaseLoadOptions
    ) throws(InputError) -> LoadedCase {
        let book: Workbook
        do throws(Workbook.Failure) { book = try Workbook(bytes: bytes) } catch {
            throw InputError(
                file: error.sheet.map { Self.sheetFile(path, $0) } ?? path, line: error.cell?.row, column: error.cell?.column,
                message: error.message)
        }
        var inputs: [String: CSVInput] = [:]
        var warnings: [String] = []
        for sheet in book.sheets {
            let key = Text.trim(sheet.name).lowercased()
            guard let file = Self.workbookSheets.first(where: { $0.names.contains(key) })?.file else {
                warnings.append("\(path): sheet '\(sheet.name)' is not a case sheet and is ignored (case sheets: "
                    + Self.workbookSheets.map { $0.names.joined(separator: "/") }.joined(separator: ", ") + ")")
                continue
            }
            if let earlier = inputs[file] {
                throw InputError(file: Self.sheetFile(path, sheet.name), message: "the sheets '\(earlier.name)' and "
                    + "'\(Self.sheetFile(path, sheet.name))' both hold \(file): keep one")
            }
            inputs[file] = CSVInput(name: Self.sheetFile(path, sheet.name), parsed: CSVTable(records: sheet.records))
        }
        guard let streams = inputs[CaseLoader.streamsFile] else {
            throw InputError(file: path, message: "the workbook has no sheet 'streams' or '流股' (its sheets are "
                + book.sheets.map { "'\($0.name)'" }.joined(separator: ", ") + ")")
        }
        var loaded = try CaseLoader.load(
            streams: streams, nodes: inputs[CaseLoader.nodesFile], relations: inputs[CaseLoader.relationsFile],
            components: inputs[CaseLoader.componentsFile], covariance: inputs[CaseLoader.covarianceFile],
            equations: inputs[CaseLoader.equationsFile], readings: inputs[CaseLoader.readingsFile],
            meters: inputs[CaseLoader.metersFile], name: caseName,
            options: options)
        loaded.warnings = warnings + loaded.warnings
        return loaded
    }
}
