import BalanceCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The contents of one input file, for loading a case from memory.
public struct CSVInput: Sendable, Hashable {
    /// The name used in messages (a path or just `streams.csv`).
    public var name: String
    /// The raw bytes, in any supported encoding.
    public var bytes: [UInt8]
    /// The rows already split into fields (a workbook's sheet); when set, ``bytes`` is not parsed.
    package var parsed: CSVTable?

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// A sheet of a workbook, read into fields already (``Workbook``).
    package init(name: String, parsed: CSVTable) {
        self.name = name
        self.bytes = []
        self.parsed = parsed
    }

    /// UTF-8 text.
    public init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }
}

/// Reads a case (FORMATS.md §1): `streams.csv` and the optional `nodes.csv`, `relations.csv`,
/// `components.csv`, `readings.csv` (several readings per meter, averaged), `meters.csv` (each stream's meter, class
/// and systematic part), into a validated `BalanceModel`.
///
/// ```swift
/// let loaded = try CaseLoader.load("cases/boiler-house")          // a folder
/// let same = try CaseLoader.load("cases/boiler-house/streams.csv") // or its streams.csv
/// for warning in loaded.warnings { print("warning:", warning) }
/// ```
///
/// Reading rules, beyond RFC 4180 (``CSVParser``) and the encodings (``TextDecoder``):
/// - Headers match case-insensitively after trimming, by English name or Chinese alias; an unknown
///   column is a warning; a duplicate column or a missing `id` column is an error.
/// - Cells are trimmed. Empty means "not given". Rows whose cells are all empty are skipped; missing
///   trailing cells are empty; extra cells are an error.
/// - Numbers are plain or scientific. Uncertainties: one of `sigma` (σ), `u95` (σ = u95/1.96),
///   `mpe` (σ = mpe/√3), absolute or a percentage of |value|; negative is an error, 0 means exact.
/// - With a `nodes.csv`, a stream naming an undeclared node is an error (a typo, usually).
/// - A file name is matched case-insensitively in the folder (`Streams.CSV` is found).
///
/// Every problem is an ``InputError`` naming the file, line, column and stream where known;
/// model validation errors (duplicate ids, unknown nodes …) are converted keeping their locations.
public enum CaseLoader {
    /// The file names of a case.
    public static let streamsFile = "streams.csv"
    public static let nodesFile = "nodes.csv"
    public static let relationsFile = "relations.csv"
    public static let componentsFile = "components.csv"
    public static let equationsFile = "equations.csv"
    public static let readingsFile = "readings.csv"
    public static let metersFile = "meters.csv"

    /// Loads the case at `path`: a folder holding `streams.csv`, or the path of a streams file (the
    /// other files are then looked up beside it).
    /// - Throws: ``InputError``; for a missing folder or file, one naming the path.
    public static func load(_ path: String, options: CaseLoadOptions = .init()) throws(InputError) -> LoadedCase {
        try CaseFiles.find(path).load(options: options)
    }

    /// Loads a case from in-memory files. `nodes` given (even with no rows) means every node named by a
    /// stream must be declared in it.
    /// - Throws: ``InputError`` naming the input's ``CSVInput/name``, line, column and stream.
    public static func load(
        streams: CSVInput, nodes: CSVInput? = nil, relations: CSVInput? = nil, components: CSVInput? = nil,
        covariance: CSVInput? = nil, equations: CSVInput? = nil, readings: CSVInput? = nil, meters: CSVInput? = nil,
        name: String = "case", options: CaseLoadOptions = .init()
    ) throws(InputError) -> LoadedCase {
        var warnings: [String] = []
        let readingTable = try readings.map { (input) throws(InputError) in
            try table(input, ReadingColumn.self, options, &warnings)
        }
        let averaged = try readingTable.map { (table) throws(InputError) in try readReadings(table) } ?? [:]
        var streamList = try readStreams(
            try table(streams, StreamColumn.self, options, &warnings), defaultUncertainty: options.defaultUncertainty,
            readings: averaged, readingsFile: readings?.name ?? readingsFile)
        if let readingTable {
            let known = Set(streamList.map(\.id))
            for (stream, entry) in averaged.sorted(by: { $0.value.line < $1.value.line }) where !known.contains(stream) {
                throw InputError(file: readingTable.file, line: entry.line, stream: stream,
                                 message: "stream '\(stream)' is not defined in \(streams.name) (a typo?)")
            }
            if let note = readingsNote(averaged, file: readingTable.file) { warnings.append(note) }
        }
        var meterList: [MeterAssignment] = []
        if let meters {
            let meterTable = try table(meters, MeterColumn.self, options, &warnings)
            meterList = try readMeters(meterTable)
            try applyMeters(meterList, to: &streamList, streamsFile: streams.name, table: meterTable)
        }
        let nodeList = try nodes.map { (input) throws(InputError) in
            try readNodes(try table(input, NodeColumn.self, options, &warnings))
        } ?? []
        let relationList = try relations.map { (input) throws(InputError) in
            try readRelations(try table(input, RelationColumn.self, options, &warnings))
        } ?? []
        let model: BalanceModel
        do throws(ModelError) {
            model = try BalanceModel(streams: streamList, nodes: nodeList, relations: relationList,
                                     requireDeclaredNodes: nodes != nil)
        } catch {
            throw InputError(error, file: streams.name)
        }
        let componentList = try components.map { (input) throws(InputError) in
            try readComponents(try table(input, ComponentColumn.self, options, &warnings),
                               streamIDs: model.streamIndex, streamsFile: streams.name)
        } ?? []
        var loaded = LoadedCase(
            model: model, components: componentList, warnings: warnings,
            files: [streams, nodes, relations, components, readings, meters].compactMap { $0?.name }, name: name)
        loaded.meters = meterList
        if let equations {
            loaded.equations = try readEquations(try table(equations, EquationColumn.self, options, &warnings))
            loaded.warnings = warnings
            loaded.files.append(equations.name)
        }
        if let covariance {
            loaded.covariance = try readCovariance(try table(covariance, CovarianceColumn.self, options, &warnings))
            loaded.warnings = warnings
            loaded.files.append(covariance.name)
        }
        loaded.covariance += meterCovariance(meterList, streams: streamList)
        return loaded
    }

    /// Loads a case from the bytes of an `.xlsx` workbook whose sheets are its files (FORMATS.md §1.8).
    /// - Parameters:
    ///   - bytes: the workbook file's bytes (a ZIP archive).
    ///   - name: the workbook's name in messages (`plant.xlsx` → `plant.xlsx: 流股!D7: …`); the case is named after
    ///     it without `.xlsx`.
    ///   - options: encoding (unused for a workbook) and default uncertainty, as for a folder.
    /// - Throws: ``InputError`` naming the sheet and cell.
    /// - Complexity: O(size of the unpacked sheets) besides the loading itself.
    public static func load(workbook bytes: [UInt8], name: String, options: CaseLoadOptions = .init())
        throws(InputError) -> LoadedCase
    {
        let file = name.split(separator: "/").last.map(String.init) ?? name
        let caseName = CaseFiles.isWorkbook(file) ? String(file.dropLast(5)) : file
        return try CaseFiles.loadWorkbook(bytes: bytes, name: name, caseName: caseName, options: options)
    }

    /// Decodes, parses and matches the header of one file.
    static func table<Column: TableColumn>(
        _ input: CSVInput, _: Column.Type, _ options: CaseLoadOptions, _ warnings: inout [String]
    ) throws(InputError) -> Table<Column> {
        if let parsed = input.parsed { return try Table<Column>(file: input.name, csv: parsed, warnings: &warnings) }
        return try Table<Column>(file: input.name, csv: try csv(input.bytes, file: input.name, encoding: options.encoding), warnings: &warnings)
    }

    /// The bytes of a CSV file decoded (UTF-8 or GB18030, ``TextDecoder``) and parsed (RFC 4180, ``CSVParser``): the
    /// one way the case's files and the side files (`--truth`, `--map`) are read.
    /// - Throws: ``InputError`` naming `file` and, for a syntax error, its line and field.
    /// - Complexity: O(size of the file).
    package static func csv(_ bytes: [UInt8], file: String, encoding: TextEncoding) throws(InputError) -> CSVTable {
        let decoded = try TextDecoder.decode(bytes, encoding: encoding, file: file)
        do throws(CSVSyntaxError) {
            return try CSVParser.parse(decoded.bytes)
        } catch {
            throw InputError(file: file, line: error.line, column: error.field, message: error.message)
        }
    }

    /// The path of the entry of `folder` named `name`, compared case-insensitively (an exact match wins).
    package static func locate(_ name: String, in folder: String) -> String? {
        let exact = join(folder, name)
        if BatchInputs.existsAndIsNotDirectory(exact) { return exact }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        return entries.sorted().first { $0.lowercased() == name }.map { join(folder, $0) }
    }

    package static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    package static func read(_ path: String) throws(InputError) -> [UInt8] {
        if let data = FileManager.default.contents(atPath: path) { return [UInt8](data) }
        // Pipes and character devices (`/dev/stdin`, a process substitution) have no size to read at once.
        if let bytes = BatchInputs.readAll(path) { return bytes }
        throw InputError(file: path, message: "cannot read the file (check that it exists and is readable)")
    }
}
