/// The linear constraints A·x = b of a model (RECONCILIATION.md §1), stored by sparse rows.
///
/// Rows are the balanced nodes (in node order; +1 for a stream entering, −1 for one leaving) and
/// then the relations (their coefficients; repeated terms of one stream are summed). Columns are
/// the streams in model order. Loops and streams that touch only unbalanced nodes appear in no row.
/// Flow networks have two non-zeros per column, so rows are kept sparse and the dense matrix is made
/// only for the dense solver.
public struct ConstraintSystem: Sendable, Hashable {
    /// What a row of A stands for.
    public enum RowLabel: Sendable, Hashable, CustomStringConvertible {
        /// The balance of a node.
        case node(String)
        /// A relation of `relations.csv`.
        case relation(String)
        /// Several balances solved together (exact mode: unknowns that no single balance determines).
        indirect case combined([RowLabel])

        public var description: String {
            switch self {
            case let .node(id): return "node \(id)"
            case let .relation(id): return "relation \(id)"
            case let .combined(labels): return labels.map(\.description).joined(separator: " + ")
            }
        }

        /// The node or relation id (`A + B` for balances solved together).
        public var id: String {
            switch self {
            case let .node(id), let .relation(id): return id
            case let .combined(labels): return labels.map(\.id).joined(separator: " + ")
            }
        }
    }

    /// One non-zero coefficient of a row.
    public struct Entry: Sendable, Hashable {
        /// Stream (column) index.
        public var column: Int
        /// Coefficient.
        public var coefficient: Double
    }

    /// Non-zero entries of each row, in column order, without zeros.
    public var rows: [[Entry]] {
        didSet { incidenceEnds = [] }  // the cache below no longer fits
    }
    /// Number of columns (streams).
    public var columnCount: Int {
        didSet { incidenceEnds = [] }
    }
    /// For a system of node balances only, made from a model: each column's rows as graph vertices (row i ↦ i + 1,
    /// 0 = outside every balance), `nil` for a column in no row — what the graph solver reads on every solve, made once
    /// with the model's system. Empty when the system has relations, was given otherwise, or was edited since.
    package private(set) var incidenceEnds: [(from: Int, to: Int)?] = []
    /// The right-hand side b (0 for node balances).
    public var constants: [Double]
    /// What each row stands for.
    public var rowLabels: [RowLabel] {
        didSet { rowIDs = [] }  // the cache below no longer fits
    }
    /// The id of each row as a one-element array (`[rowLabels[i].id]`), made once with a model's system so that a
    /// result naming one balance shares it instead of allocating an array per reconciliation; empty when the rows
    /// were given otherwise (or their labels changed).
    package private(set) var rowIDs: [[String]] = []

    /// The constraints of a model: the system the model built when it was made (``BalanceModel/constraints``).
    /// - Complexity: O(1) (a copy-on-write copy).
    public init(_ model: BalanceModel) {
        self = model.constraints
    }

    /// Builds A and b from a model's topology: its nodes (which are balanced), the stream endpoints and the relations.
    /// - Complexity: O(streams + relation terms).
    init(
        nodes: [Node], endpoints: [(from: Int?, to: Int?)], relations: [LinearRelation], streamIndex: [String: Int],
        streamCount: Int
    ) {
        var labels: [RowLabel] = []
        var rowOfNode = [Int](repeating: -1, count: nodes.count)
        for (k, node) in nodes.enumerated() where node.balanced {
            rowOfNode[k] = labels.count
            labels.append(.node(node.id))
        }
        // Streams are visited in column order, so node rows come out sorted without a dictionary.
        var counts = [Int](repeating: 0, count: labels.count)
        for ends in endpoints where ends.from == nil || ends.from != ends.to {
            if let to = ends.to, rowOfNode[to] >= 0 { counts[rowOfNode[to]] += 1 }
            if let from = ends.from, rowOfNode[from] >= 0 { counts[rowOfNode[from]] += 1 }
        }
        var rows = counts.map { count -> [Entry] in
            var row: [Entry] = []
            row.reserveCapacity(count)
            return row
        }
        for (j, ends) in endpoints.enumerated() where ends.from == nil || ends.from != ends.to {
            if let to = ends.to, rowOfNode[to] >= 0 { rows[rowOfNode[to]].append(Entry(column: j, coefficient: 1)) }
            if let from = ends.from, rowOfNode[from] >= 0 { rows[rowOfNode[from]].append(Entry(column: j, coefficient: -1)) }
        }
        var constants = [Double](repeating: 0, count: labels.count)
        for relation in relations {
            labels.append(.relation(relation.id))
            constants.append(relation.constant)
            var row: [Int: Double] = [:]
            for term in relation.terms {
                if let j = streamIndex[term.stream] { row[j, default: 0] += term.coefficient }
            }
            rows.append(row.filter { $0.value != 0 }.map { Entry(column: $0.key, coefficient: $0.value) }.sorted { $0.column < $1.column })
        }
        self.rows = rows
        self.columnCount = streamCount
        self.constants = constants
        self.rowLabels = labels
        self.rowIDs = labels.map { [$0.id] }
        if relations.isEmpty {
            self.incidenceEnds = endpoints.map { ends -> (from: Int, to: Int)? in
                guard ends.from == nil || ends.from != ends.to else { return nil }  // a loop is in no balance
                let to = ends.to.map { rowOfNode[$0] + 1 } ?? 0, from = ends.from.map { rowOfNode[$0] + 1 } ?? 0
                return to == 0 && from == 0 ? nil : (from: from, to: to)
            }
        }
    }

    /// A system from a dense matrix (for callers that build A directly).
    public init(matrix: Matrix, constants: [Double], rowLabels: [RowLabel]) {
        precondition(constants.count == matrix.rows && rowLabels.count == matrix.rows, "one constant and label per row")
        self.rows = (0..<matrix.rows).map { i in
            (0..<matrix.columns).compactMap { j in matrix[i, j] != 0 ? Entry(column: j, coefficient: matrix[i, j]) : nil }
        }
        self.columnCount = matrix.columns
        self.constants = constants
        self.rowLabels = rowLabels
    }

    /// Equal rows, columns, constants and labels (the caches of ids and graph endpoints do not count).
    public static func == (lhs: ConstraintSystem, rhs: ConstraintSystem) -> Bool {
        lhs.rows == rhs.rows && lhs.columnCount == rhs.columnCount && lhs.constants == rhs.constants
            && lhs.rowLabels == rhs.rowLabels
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rows)
        hasher.combine(columnCount)
        hasher.combine(constants)
        hasher.combine(rowLabels)
    }

    /// Number of rows.
    public var rowCount: Int { rows.count }

    /// The dense constraint matrix A, rows × streams.
    /// - Complexity: O(rows · streams) memory.
    public var matrix: Matrix {
        var matrix = Matrix(rows: rows.count, columns: columnCount)
        for (i, row) in rows.enumerated() {
            for entry in row { matrix[i, entry.column] = entry.coefficient }
        }
        return matrix
    }

    /// `true` when column `j` has a non-zero coefficient in some row.
    public func columnIsUsed(_ j: Int) -> Bool { usedColumns[j] }

    /// For each column, whether some row uses it.
    public var usedColumns: [Bool] {
        var used = [Bool](repeating: false, count: columnCount)
        for row in rows { for entry in row { used[entry.column] = true } }
        return used
    }

    /// `true` when every row is a node balance with ±1 coefficients (an incidence matrix).
    public var isIncidence: Bool {
        rowLabels.allSatisfy { if case .node = $0 { return true } else { return false } }
    }
}
