#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files of one case on disk, found with a single listing of its folder — the one lookup that
/// ``CaseLoader/load(_:options:)`` and the batch runner share: exact name first, then ignoring case.
package struct CaseFiles: Sendable {
    /// The streams file and the optional files found beside it, as paths for messages.
    package var streams: String
    package var nodes: String?
    package var relations: String?
    package var components: String?
    package var covariance: String?
    package var equations: String?
    package var readings: String?
    package var meters: String?
    /// The folder the files were looked up in.
    package var folder: String
    /// The case name for report headings: the case folder's name (a workbook's: its file name without `.xlsx`).
    package var caseName: String
    /// The `.xlsx` workbook that holds the case's files as sheets (``streams`` is then its path too).
    package var workbook: String?

    /// Every file of the case that exists.
    package var all: [String] { [streams, nodes, relations, components, covariance, equations, readings, meters].compactMap { $0 } }

    /// The files of the case at `path` (a case folder or a streams file).
    /// - Throws: ``InputError`` for a missing path or a folder without streams.csv.
    package static func find(_ path: String) throws(InputError) -> CaseFiles {
        let folder: String
        let streams: String?
        let entries: [String]
        let directory = BatchInputs.isDirectory(path)
        if !directory && isWorkbook(path) {
            guard BatchInputs.exists(path) else { throw InputError(file: path, message: "no such file or folder") }
            return workbookCase(path)
        }
        if directory {
            folder = path
            entries = listing(folder)
            streams = match(CaseLoader.streamsFile, in: entries).map { CaseLoader.join(folder, $0) }
        } else {
            guard BatchInputs.exists(path) else { throw InputError(file: path, message: "no such file or folder") }
            let slash = path.lastIndex(of: "/")
            folder = slash.map { String(path[..<$0]) }.map { $0.isEmpty ? "/" : $0 } ?? "."
            entries = listing(folder)
            streams = path
        }
        guard let streams else {
            // A folder holding a workbook instead: say how to give it.
            let books = entries.filter { isWorkbook($0) }.sorted()
            let hint = books.isEmpty ? "" : "; to read the workbook \(books[0]), give its path: "
                + CaseLoader.join(folder, books[0])
            throw InputError(file: CaseLoader.join(folder, CaseLoader.streamsFile), message: "the case folder "
                + "'\(path)' has no \(CaseLoader.streamsFile) (a case needs at least that file)\(hint)")
        }
        let display = directory || path.contains("/")
        func optional(_ name: String) -> String? {
            match(name, in: entries).map { display ? CaseLoader.join(folder, $0) : $0 }
        }
        let caseName = name(of: folder)
        return CaseFiles(
            streams: streams, nodes: optional(CaseLoader.nodesFile), relations: optional(CaseLoader.relationsFile),
            components: optional(CaseLoader.componentsFile), covariance: optional(CaseLoader.covarianceFile),
            equations: optional(CaseLoader.equationsFile), readings: optional(CaseLoader.readingsFile),
            meters: optional(CaseLoader.metersFile), folder: folder, caseName: caseName)
    }

    /// The names in a folder (without `.` and `..`); empty when it cannot be read.
    static func listing(_ folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            // d_name read in place: a directory record is often shorter than `dirent`, so copying the
            // 256-byte field would read past the record.
            let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
            let name = String(cString: (UnsafeRawPointer(entry) + offset).assumingMemoryBound(to: CChar.self))
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The last component of a folder path, as `CaseLoader` names a case (`.` and `..` resolved).
    static func name(of folder: String) -> String {
        var trimmed = Substring(folder)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        let last = trimmed.split(separator: "/").last.map(String.init) ?? "/"
        guard last == "." || last == ".." else { return last }
        return BatchInputs.realPath(folder).split(separator: "/").last.map(String.init) ?? "/"
    }

    /// The entry called `name`: exactly, else case-insensitively (the first in sorted order).
    static func match(_ name: String, in entries: [String]) -> String? {
        if entries.contains(name) { return name }
        return entries.filter { $0.lowercased() == name }.min()
    }

    /// The newest modification time of the case's files (nanoseconds), `nil` if one has vanished.
    package var newestModification: Int64? {
        var newest = Int64.min
        for file in all {
            guard let time = BatchFiles.modificationTime(file) else { return nil }
            newest = max(newest, time)
        }
        return newest
    }

    /// Reads and loads the case, `covariance.csv` included.
    package func load(options: CaseLoadOptions) throws(InputError) -> LoadedCase {
        if let workbook { return try loadWorkbook(workbook, options: options) }
        func input(_ path: String?) throws(InputError) -> CSVInput? {
            guard let path else { return nil }
            return CSVInput(name: path, bytes: try CaseLoader.read(path))
        }
        let streamsInput = try input(streams)!
        var loaded = try CaseLoader.load(
            streams: streamsInput, nodes: try input(nodes), relations: try input(relations),
            components: try input(components), covariance: try input(covariance),
            equations: try input(equations), readings: try input(readings), meters: try input(meters), name: caseName,
            options: options)
        loaded.folder = folder
        loaded.streamsHeaderIsChinese = Self.hasChineseHeader(bytes: streamsInput.bytes)
        return loaded
    }
}
