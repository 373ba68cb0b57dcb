/// A fixed-size working array of a plain value type (`Int`, `Double`, `Bool`, …) owned by one scope and freed when
/// it ends: the temporaries of a solve (union-find parents, index lists, sums per node).
///
/// Why not `Array`: every `Array` allocation goes through the standard library's unspecialised
/// `_allocateBufferUninitialized`, which looks up the metadata of `_ContiguousArrayStorage<Element>` in the runtime's
/// hash table on each call (≈ 330 instructions, measured with callgrind on P14), and then pays reference counting on
/// every copy and a release at the end. A solve of P14 made ~40 arrays; this type costs one `malloc` and one `free`,
/// no metadata lookup and no reference counting (it is `~Copyable`: it cannot be shared, so it needs no count).
///
/// Indexing is checked like `Array`'s (a `precondition`), so a wrong index stops instead of reading other memory.
/// - Complexity: O(count) to make (the initial value is written), O(1) per access.
struct ScratchBuffer<Element: BitwiseCopyable>: ~Copyable {
    private let base: UnsafeMutablePointer<Element>
    /// Number of elements.
    let count: Int

    /// `count` elements, each `value`.
    init(repeating value: Element, count: Int) {
        precondition(count >= 0, "a scratch buffer needs a non-negative count")
        self.count = count
        base = .allocate(capacity: Swift.max(count, 1))
        base.initialize(repeating: value, count: count)
    }

    deinit { base.deallocate() }

    subscript(_ index: Int) -> Element {
        get {
            precondition(index >= 0 && index < count, "scratch index out of range")
            return base[index]
        }
        nonmutating set {
            precondition(index >= 0 && index < count, "scratch index out of range")
            base[index] = newValue
        }
    }

    /// Calls `body` with the elements' storage (valid only during the call).
    func withUnsafeMutablePointer<R>(_ body: (UnsafeMutablePointer<Element>) throws -> R) rethrows -> R { try body(base) }

    /// The elements as an `Array` (for a result that outlives the scope).
    /// - Complexity: O(count).
    func array() -> [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
