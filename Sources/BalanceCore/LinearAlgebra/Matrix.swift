/// A dense real matrix stored column-major, the layout LAPACK expects (SWIFT.md §1: row-major makes
/// LAPACKE transpose, 15–80 % slower).
///
/// Element (i, j) is at `elements[i + j * rows]`. Value semantics; copies are cheap until mutated.
public struct Matrix: Sendable, Hashable {
    /// Number of rows.
    public private(set) var rows: Int
    /// Number of columns.
    public private(set) var columns: Int
    /// Column-major elements, `rows * columns` of them.
    public var elements: [Double]

    /// A `rows × columns` matrix filled with `value`.
    /// - Complexity: O(rows · columns).
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.elements = Array(repeating: value, count: rows * columns)
    }

    /// A matrix from column-major elements.
    public init(rows: Int, columns: Int, columnMajor elements: [Double]) {
        precondition(elements.count == rows * columns, "element count does not match the dimensions")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from an array of rows (convenient in tests and examples).
    public init(_ rowArrays: [[Double]]) {
        let rows = rowArrays.count
        let columns = rowArrays.first?.count ?? 0
        self.init(rows: rows, columns: columns)
        for (i, row) in rowArrays.enumerated() {
            precondition(row.count == columns, "all rows must have the same length")
            for (j, value) in row.enumerated() { self[i, j] = value }
        }
    }

    /// The n × n identity.
    public static func identity(_ n: Int) -> Matrix {
        var matrix = Matrix(rows: n, columns: n)
        for i in 0..<n { matrix[i, i] = 1 }
        return matrix
    }

    /// A square diagonal matrix.
    public static func diagonal(_ values: [Double]) -> Matrix {
        var matrix = Matrix(rows: values.count, columns: values.count)
        for (i, value) in values.enumerated() { matrix[i, i] = value }
        return matrix
    }

    /// Element access.
    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get { elements[row + column * rows] }
        set { elements[row + column * rows] = newValue }
    }

    /// The diagonal (of the leading square part).
    public var diagonal: [Double] { (0..<Swift.min(rows, columns)).map { self[$0, $0] } }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Double] { Array(elements[(j * rows)..<((j + 1) * rows)]) }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Double] { (0..<columns).map { self[i, $0] } }

    /// The transpose.
    /// - Complexity: O(rows · columns).
    public var transposed: Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for j in 0..<columns {
            for i in 0..<rows { result.elements[j + i * columns] = elements[i + j * rows] }
        }
        return result
    }

    /// The sub-matrix made of the given rows and columns, in the given order.
    public func submatrix(rows rowIndices: [Int], columns columnIndices: [Int]) -> Matrix {
        var result = Matrix(rows: rowIndices.count, columns: columnIndices.count)
        for (jj, j) in columnIndices.enumerated() {
            let base = j * rows
            for (ii, i) in rowIndices.enumerated() { result.elements[ii + jj * rowIndices.count] = elements[base + i] }
        }
        return result
    }

    /// The sub-matrix made of the given columns (all rows).
    public func columns(_ columnIndices: [Int]) -> Matrix {
        var result = Matrix(rows: rows, columns: columnIndices.count)
        result.elements.withUnsafeMutableBufferPointer { target in
            for (jj, j) in columnIndices.enumerated() {
                for i in 0..<rows { target[i + jj * rows] = elements[i + j * rows] }
            }
        }
        return result
    }

    /// Matrix–vector product `self · x`.
    /// - Complexity: O(rows · columns).
    public func multiplied(by x: [Double]) -> [Double] {
        precondition(x.count == columns, "vector length must equal the column count")
        var y = [Double](repeating: 0, count: rows)
        for j in 0..<columns where x[j] != 0 {
            let xj = x[j]
            let base = j * rows
            for i in 0..<rows { y[i] += elements[base + i] * xj }
        }
        return y
    }

    /// Transposed matrix–vector product `selfᵀ · x`.
    /// - Complexity: O(rows · columns).
    public func transposeMultiplied(by x: [Double]) -> [Double] {
        precondition(x.count == rows, "vector length must equal the row count")
        var y = [Double](repeating: 0, count: columns)
        for j in 0..<columns {
            let base = j * rows
            var sum = 0.0
            for i in 0..<rows { sum += elements[base + i] * x[i] }
            y[j] = sum
        }
        return y
    }

    /// Largest absolute element (0 for an empty matrix).
    public var maxAbs: Double { elements.reduce(0) { Swift.max($0, abs($1)) } }
}
