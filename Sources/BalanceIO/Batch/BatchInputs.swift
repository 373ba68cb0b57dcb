#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One case of a batch run: where it is read from, and the name of its result.
public struct BatchJob: Sendable, Hashable {
    /// The case as found: a case folder, or the path of a streams file.
    public var path: String
    /// The result's file name without extension; unique within the run (and never `summary`).
    public var name: String
    /// Set when the input cannot be a case (no such path, a pattern that matches nothing, a folder
    /// without `streams.csv`): the job fails with this message, as bad data.
    public var problem: String?

    public init(path: String, name: String, problem: String? = nil) {
        self.path = path
        self.name = name
        self.problem = problem
    }
}

/// Turns the INPUTS of `balance batch` into cases.
///
/// Each input is
/// - a case folder (it holds `streams.csv`);
/// - a folder of case folders (it has no `streams.csv`, but subfolders that do: each is a case; each `.xlsx`
///   workbook in it is a case too);
/// - the path of a streams file (any name; the other files are looked up beside it);
/// - a glob pattern (`cases/*`, `plant-20??/streams.csv`, `{a,b}/*`), expanded here with glob(3),
///   because shells may pass it quoted and because a folder of 10,000 cases does not fit on a
///   command line. A pattern is expanded only when no file of that exact name exists.
///
/// Cases named twice (by overlapping patterns) are run once. An input that is not a case becomes a
/// job with a ``BatchJob/problem``, reported in the summary like any bad case.
///
/// Result names come from the case folder's name (for a streams file not called `streams.csv`, from
/// the file's name without extension). When several cases share a name, each gets its parent folder's
/// name in front (`plant-a/2023` → `plant-a-2023`), and, where that is not enough, `-2`, `-3` … in the
/// order of their paths; so a name depends only on the set of cases, not on the order of the inputs.
public enum BatchInputs {
    /// The jobs of `inputs`, in the order given (pattern matches and subfolders sorted by name).
    public static func expand(_ inputs: [String]) -> [BatchJob] {
        // Cases and problems in order; a problem's key is its path, so it is never a duplicate of a case.
        var entries: [(path: String, key: String, base: String, parent: String, problem: String?)] = []
        var seen = Set<String>()
        let workingDirectory = FileManager.default.currentDirectoryPath
        func problem(_ path: String, _ message: String) {
            let url = URL(fileURLWithPath: path)
            entries.append((path, "\u{0}" + path, sanitize(url.lastPathComponent),
                            sanitize(url.deletingLastPathComponent().lastPathComponent), message))
        }
        for input in inputs {
            let paths: [String]
            if exists(input) {
                paths = [input]
            } else if isPattern(input) {
                paths = glob(input)
                if paths.isEmpty { problem(input, "\(input): the pattern matches no file or folder") }
            } else {
                paths = []
                problem(input, "\(input): no such file or folder")
            }
            for path in paths {
                let (cases, misses) = casesAndMisses(path)
                if cases.isEmpty && misses.isEmpty {
                    problem(path, "\(path): no \(CaseLoader.streamsFile) in this folder or its subfolders")
                }
                for miss in misses {
                    problem(miss, "\(CaseLoader.join(miss, CaseLoader.streamsFile)): the case folder '\(miss)' has no "
                        + "\(CaseLoader.streamsFile) (a case needs at least that file)")
                }
                for (casePath, streamsPath) in cases {
                    let key = realPath(streamsPath)
                    guard seen.insert(key).inserted else { continue }
                    let (base, parent) = names(casePath: casePath, streamsPath: streamsPath, workingDirectory: workingDirectory)
                    entries.append((casePath, key, base, parent, nil))
                }
            }
        }
        let unique = uniqueNames(entries.map { ($0.key, $0.base, $0.parent) })
        return zip(entries, unique).map { BatchJob(path: $0.path, name: $1, problem: $0.problem) }
    }

    /// `true` when `text` has glob(3) metacharacters.
    public static func isPattern(_ text: String) -> Bool {
        text.contains { "*?[{".contains($0) }
    }

    /// The paths matching a glob pattern, sorted (`~` and `{a,b}` are expanded where the C library can).
    public static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard systemGlob(pattern, Int32(GLOB_TILDE | GLOB_BRACE), &result) == 0 else { return [] }
        var paths: [String] = []
        for i in 0..<Int(result.gl_pathc) {
            if let pointer = result.gl_pathv[i] { paths.append(String(cString: pointer)) }
        }
        return paths
    }

    /// The cases at `path`: (case path, streams file), or nothing.
    static func casePaths(_ path: String) -> [(String, String)] {
        casesAndMisses(path).cases
    }

    /// The cases under `path` and the subfolders of a folder of cases that look like a case (they hold
    /// CSV files) but have no streams.csv: those are reported as failed, never left out silently. A
    /// folder with a summary.csv (a batch's output) is not a case. Each `.xlsx` workbook in a folder of cases is a
    /// case too (FORMATS.md §1.8), except Excel's lock files `~$name.xlsx`.
    static func casesAndMisses(_ path: String) -> (cases: [(String, String)], misses: [String]) {
        guard isDirectory(path) else { return ([(path, path)], []) }
        if let streams = CaseLoader.locate(CaseLoader.streamsFile, in: path) { return ([(path, streams)], []) }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        var cases: [(String, String)] = [], misses: [String] = []
        for entry in entries.sorted() where !entry.hasPrefix(".") {
            let sub = CaseLoader.join(path, entry)
            guard isDirectory(sub) else {
                if CaseFiles.isWorkbook(entry) && !entry.hasPrefix("~$") { cases.append((sub, sub)) }
                continue
            }
            if let streams = CaseLoader.locate(CaseLoader.streamsFile, in: sub) {
                cases.append((sub, streams))
                continue
            }
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: sub)) ?? []).map { $0.lowercased() }
            if files.contains(where: { $0.hasSuffix(".csv") }) && !files.contains("summary.csv") { misses.append(sub) }
        }
        return (cases, misses)
    }

    /// The base name of a case's result and its parent folder's name (for disambiguation): the names of the streams
    /// file's folder and of that folder's parent, after making the path absolute and removing `.`, `..` and empty
    /// components as written (symbolic links are not followed); `/` above the root. A streams file with another
    /// name than `streams.csv`, given by itself, is named after the file without its extension.
    /// - Complexity: O(length of the path), no system call (measured: Foundation's `URL` made this half of
    ///   ``expand(_:)``'s time for a folder of 500 cases).
    static func names(casePath: String, streamsPath: String, workingDirectory: String) -> (String, String) {
        let components = standardizedComponents(streamsPath, workingDirectory: workingDirectory)
        let folder = components.dropLast()
        let parent = sanitize(folder.dropLast().last ?? "/")
        if casePath == streamsPath, let file = components.last, file.lowercased() != CaseLoader.streamsFile {
            return (sanitize(URL(fileURLWithPath: String(file), isDirectory: false).deletingPathExtension().lastPathComponent), parent)
        }
        return (sanitize(folder.last ?? "/"), parent)
    }

    /// The components of `path` made absolute against `workingDirectory`, without empty and `.` components, each
    /// `..` removing the component before it (none above the root): what `URL.standardizedFileURL` gives on Linux.
    static func standardizedComponents(_ path: String, workingDirectory: String) -> [Substring] {
        var components: [Substring] = []
        let absolute = path.hasPrefix("/") ? path : workingDirectory + "/" + path
        for component in absolute.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(component)
            }
        }
        return components
    }

    /// Result names, unique case-insensitively and never `summary` (see ``BatchInputs``).
    static func uniqueNames(_ items: [(key: String, base: String, parent: String)]) -> [String] {
        var names = items.map(\.base)
        func groups() -> [String: [Int]] {
            Dictionary(grouping: names.indices, by: { names[$0].lowercased() })
        }
        let reserved = "summary"
        // 1. Shared names get the parent folder in front.
        for (name, members) in groups() where members.count > 1 || name == reserved {
            for i in members where !items[i].parent.isEmpty && items[i].parent != "/" {
                names[i] = items[i].parent + "-" + items[i].base
            }
        }
        // 2. Still shared: -2, -3 … in path order (the first keeps its name, except `summary`).
        var taken = Set(names.map { $0.lowercased() })
        for (name, members) in groups().sorted(by: { $0.key < $1.key }) where members.count > 1 || name == reserved {
            let ordered = members.sorted { items[$0].key < items[$1].key }
            for (rank, i) in ordered.enumerated() where rank > 0 || name == reserved {
                var n = 2
                while taken.contains("\(names[i])-\(n)".lowercased()) { n += 1 }
                names[i] = "\(names[i])-\(n)"
                taken.insert(names[i].lowercased())
            }
        }
        return names
    }

    /// A file name made safe: no control characters, no leading dot (results must not look like the
    /// hidden temporary files), not empty.
    static func sanitize<S: StringProtocol>(_ text: S) -> String {
        // Printable ASCII without a slash or backslash, not starting with a dot: kept as it is (most names).
        if let first = text.utf8.first, first != UInt8(ascii: "."),
           text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "\\") }) {  // lint: integer (ASCII codes, not a division)
            return String(text)
        }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(scalar.properties.generalCategory == .control || scalar == "/" || scalar == "\\" ? "_" : scalar)
        }
        var name = String(scalars)
        while name.hasPrefix(".") { name = "_" + name.dropFirst() }
        return name.isEmpty ? "case" : name
    }

    package static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// `exists(path) && !isDirectory(path)` with one `stat`.
    package static func existsAndIsNotDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFDIR
    }

    package static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The folder part of a path (`""` for a bare file name), as `NSString.deletingLastPathComponent` without Foundation.
    package static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// Every byte of a file, also of a pipe or character device (`/dev/stdin`, a process substitution) that has no
    /// size to read at once; `nil` when it cannot be opened or read.
    /// - Complexity: O(size), in 64 KiB reads.
    package static func readAll(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            bytes += chunk[0..<count]
        }
    }

    package static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

#if canImport(Glibc)
private func systemGlob(_ pattern: String, _ flags: Int32, _ result: UnsafeMutablePointer<glob_t>) -> Int32 {
    Glibc.glob(pattern, flags, nil, result)
}
#elseif canImport(Darwin)
private func systemGlob(_ pattern: String, _ flags: Int32, _ result: UnsafeMutablePointer<glob_t>) -> Int32 {
    Darwin.glob(pattern, flags, nil, result)
}
#endif
