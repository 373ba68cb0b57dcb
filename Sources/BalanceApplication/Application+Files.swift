import BalanceIO

extension Application {
    /// The case files a caller may hand over in memory, by file name (compared without folders, ignoring case).
    static let memoryFiles = [
        CaseLoader.streamsFile, CaseLoader.nodesFile, CaseLoader.relationsFile, CaseLoader.componentsFile,
        CaseLoader.covarianceFile, CaseLoader.equationsFile, CaseLoader.readingsFile,
        CaseLoader.metersFile,
    ]

    /// Loads a case held in memory: the CSV files by their names (`streams.csv`, `nodes.csv`, …), or one `.xlsx`
    /// workbook. Messages name the files as given.
    /// - Parameters:
    ///   - files: each file's name and bytes.
    ///   - caseName: the case's name in the reports (a workbook is named after its file instead).
    ///   - options: the encoding and default uncertainty, as for a folder.
    /// - Throws: a usage ``ApplicationError`` for no files, a name that is no case file, a name given twice, or a
    ///   workbook given with other files; a bad-data one for what the files hold.
    /// - Complexity: O(total size of the files).
    public static func load(
        files: [(name: String, bytes: [UInt8])], caseName: String = "case", options: AuditOptions
    ) throws(ApplicationError) -> LoadedCase {
        guard !files.isEmpty else { throw ApplicationError(.usage, "no files: give at least streams.csv or a workbook") }
        if let book = files.first(where: { $0.name.lowercased().hasSuffix(".xlsx") }) {
            guard files.count == 1 else {
                throw ApplicationError(.usage, "a workbook (\(book.name)) holds the whole case: give it alone")
            }
            do throws(InputError) {
                return try CaseLoader.load(workbook: book.bytes, name: book.name, options: options.loadOptions)
            } catch {
                throw ApplicationError(error)
            }
        }
        var inputs: [String: CSVInput] = [:]
        for file in files {
            let base = (file.name.split(separator: "/").last.map(String.init) ?? file.name).lowercased()
            guard memoryFiles.contains(base) else {
                throw ApplicationError(.usage, "'\(file.name)' is not a case file (case files: "
                    + memoryFiles.joined(separator: ", ") + ", or one .xlsx workbook)")
            }
            guard inputs[base] == nil else { throw ApplicationError(.usage, "'\(file.name)' is given twice") }
            inputs[base] = CSVInput(name: file.name, bytes: file.bytes)
        }
        do throws(InputError) {
            guard let streams = inputs[CaseLoader.streamsFile] else {
                throw InputError(file: CaseLoader.streamsFile, message: "the case has no "
                    + "\(CaseLoader.streamsFile) (a case needs at least that file)")
            }
            return try CaseLoader.load(
                streams: streams, nodes: inputs[CaseLoader.nodesFile], relations: inputs[CaseLoader.relationsFile],
                components: inputs[CaseLoader.componentsFile], covariance: inputs[CaseLoader.covarianceFile],
                equations: inputs[CaseLoader.equationsFile], readings: inputs[CaseLoader.readingsFile],
                meters: inputs[CaseLoader.metersFile], name: caseName,
                options: options.loadOptions)
        } catch {
            throw ApplicationError(error)
        }
    }
}
