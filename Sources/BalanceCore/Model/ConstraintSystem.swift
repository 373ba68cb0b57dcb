/// The linear constraints A·x = b of a model (RECONCILIATION.md §1).
///
/// Rows are the balanced nodes (in node order; +1 for a stream entering, −1 for one leaving) and
/// then the relations (their coefficients; repeated terms of one stream are summed). Columns are
/// the streams in model order. Loops and streams that touch only unbalanced nodes appear in no row.
public struct ConstraintSystem: Sendable, Hashable {
    /// What a row of A stands for.
    public enum RowLabel: Sendable, Hashable, CustomStringConvertible {
        /// The balance of a node.
        case node(String)
        /// A relation of `relations.csv`.
        case relation(String)

        public var description: String {
            switch self {
            case let .node(id): return "node \(id)"
            case let .relation(id): return "relation \(id)"
            }
        }
    }

    /// The constraint matrix, rows × streams.
    public var matrix: Matrix
    /// The right-hand side b (0 for node balances).
    public var constants: [Double]
    /// What each row stands for.
    public var rowLabels: [RowLabel]

    /// Builds A and b from a model.
    /// - Complexity: O(rows · streams) memory, O(streams + relation terms) work to fill.
    public init(_ model: BalanceModel) {
        var labels: [RowLabel] = []
        var nodeRow: [String: Int] = [:]
        for node in model.nodes where node.balanced {
            nodeRow[node.id] = labels.count
            labels.append(.node(node.id))
        }
        let relationStart = labels.count
        labels.append(contentsOf: model.relations.map { .relation($0.id) })
        var matrix = Matrix(rows: labels.count, columns: model.streams.count)
        for (j, stream) in model.streams.enumerated() where !stream.isLoop {
            if let to = stream.to, let row = nodeRow[to] { matrix[row, j] += 1 }
            if let from = stream.from, let row = nodeRow[from] { matrix[row, j] -= 1 }
        }
        var constants = [Double](repeating: 0, count: labels.count)
        for (k, relation) in model.relations.enumerated() {
            let row = relationStart + k
            constants[row] = relation.constant
            for term in relation.terms {
                if let j = model.streamIndex[term.stream] { matrix[row, j] += term.coefficient }
            }
        }
        self.matrix = matrix
        self.constants = constants
        self.rowLabels = labels
    }
}
