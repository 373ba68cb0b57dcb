/// An array of JSON values made one at a time, when the document is written or visited, instead of all at
/// once: the per-stream rows of a park of 10⁶ streams would otherwise hold about a kilobyte of tree per stream
/// (issue 12, Deliver 3). Written, compared and looked up exactly as the `array` of the same values.
///
/// The maker must be a pure function of the index (it is called again for every pass: the finiteness check,
/// every rendering); reports make it from their immutable result.
///
/// - Complexity: O(1) to make; each element costs one call of the maker, O(size of the element).
public struct JSONRows: Sendable {
    /// The number of elements.
    public let count: Int
    private let make: @Sendable (Int) -> JSONValue

    /// The rows `make(0) … make(count − 1)`.
    public init(count: Int, _ make: @escaping @Sendable (Int) -> JSONValue) {
        precondition(count >= 0, "a negative row count")
        self.count = count
        self.make = make
    }

    /// The element at `index` (0 ≤ `index` < ``count``), made now.
    public subscript(index: Int) -> JSONValue {
        precondition(index >= 0 && index < count, "row index out of range")
        return make(index)
    }

    /// Every element, made now: O(count) memory, for the consumers that need them all at once (a worksheet).
    public var array: [JSONValue] { (0..<count).map(make) }

    /// Up to this many rows a list is made at once (``JSONValue/list(count:_:)``): a small result is then made once,
    /// not again for its finiteness check and for every rendering, and its memory is bounded by this count.
    public static let madeAtOnceLimit = 4096
}

extension JSONValue {
    /// The rows `make(0) … make(count − 1)`: an `array` made now when there are at most
    /// ``JSONRows/madeAtOnceLimit`` (a batch of small cases pays for each row once), else ``JSONValue/rows(_:)``
    /// made as they are written (a park of 10⁶ streams never holds them all). Written the same either way.
    /// - Complexity: O(count) now, or O(1) now and O(count) per pass.
    public static func list(count: Int, _ make: @escaping @Sendable (Int) -> JSONValue) -> JSONValue {
        count <= JSONRows.madeAtOnceLimit ? .array((0..<count).map(make)) : .rows(JSONRows(count: count, make))
    }
}
