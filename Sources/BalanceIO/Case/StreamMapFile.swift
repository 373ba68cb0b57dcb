import BalanceCore

/// Reads the mapping file of `balance compare --map FILE`: which stream of the AFTER case is which stream of the
/// BEFORE case where ids changed between the two (a meter renumbered, a pipe re-tagged after the option). CSV with
/// columns `before` (实施前, 前, old) and `after` (实施后, 后, new), one pair per row; streams not listed are matched
/// by their own id.
public enum StreamMapFile {
    /// One pair and where it was written.
    public struct Pair: Sendable, Hashable {
        /// The stream's id in the BEFORE case.
        public var before: String
        /// Its id in the AFTER case.
        public var after: String
        /// The row, for messages.
        public var location: SourceLocation
    }

    /// The pairs of the file at `path`, in its order.
    /// - Throws: ``InputError`` (bad data) for a file that cannot be read or parsed, a missing column, an empty id, or
    ///   an id mapped twice on either side — naming file, line and column.
    /// - Complexity: O(size of the file).
    public static func load(_ path: String, encoding: TextEncoding = .automatic) throws(InputError) -> [Pair] {
        let csv = try CaseLoader.csv(try CaseLoader.read(path), file: path, encoding: encoding)
        guard let header = csv.first else { throw InputError(file: path, message: "the mapping file is empty") }
        let names = header.map { Text.trim($0).lowercased() }
        guard let beforeColumn = names.firstIndex(where: { ["before", "实施前", "前", "old", "before_id"].contains($0) }),
              let afterColumn = names.firstIndex(where: { ["after", "实施后", "后", "new", "after_id"].contains($0) }) else {
            throw InputError(file: path, line: header.line, message: "the mapping file needs a 'before' and an 'after' column "
                + "(实施前, 实施后); found: " + names.joined(separator: ", "))
        }
        var pairs: [Pair] = []
        var seenBefore: [String: Int] = [:], seenAfter: [String: Int] = [:]
        for record in csv.dropFirst() {
            let before = Text.trim(record.field(column: beforeColumn + 1) ?? "")
            let after = Text.trim(record.field(column: afterColumn + 1) ?? "")
            if before.isEmpty && after.isEmpty { continue }
            guard !before.isEmpty, !after.isEmpty else {
                throw InputError(file: path, line: record.line, column: (before.isEmpty ? beforeColumn : afterColumn) + 1,
                                 message: "a pair needs both ids (before and after)")
            }
            if let line = seenBefore[before] {
                throw InputError(file: path, line: record.line, column: beforeColumn + 1, stream: before,
                                 message: "'\(before)' is mapped twice (also on line \(line))")
            }
            if let line = seenAfter[after] {
                throw InputError(file: path, line: record.line, column: afterColumn + 1, stream: after,
                                 message: "'\(after)' is mapped twice (also on line \(line))")
            }
            seenBefore[before] = record.line
            seenAfter[after] = record.line
            pairs.append(Pair(before: before, after: after, location: SourceLocation(file: path, line: record.line)))
        }
        return pairs
    }
}
