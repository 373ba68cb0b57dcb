/// Critical values of the tests, computed once per (count, α) and process.
///
/// A critical value depends only on its key (the χ² quantile on ν and α, the Šidák value on the number of tests and
/// α), but computing it inverts an incomplete gamma function or the normal distribution: about 1 µs, a tenth of a
/// small case's whole reconciliation when repeated on every solve (`balance batch`, the C interface, the gross-error
/// loops). The cache returns the bit-identical value the computation gives, so results do not depend on what was
/// computed before.
///
/// Thread-safe (one ``Lock``); bounded: past ``capacity`` entries it starts again empty, so memory stays O(1) whatever
/// sequence of keys a long-running process asks for.
/// - Complexity: O(1) amortised per lookup (a hash-table probe under a lock), plus the computation on a miss.
final class CriticalValueCache: @unchecked Sendable {
    /// Which critical value a key names.
    enum Kind: UInt8, Hashable, Sendable {
        /// The upper-α quantile of χ²(count).
        case chiSquared
        /// The two-sided Šidák-corrected normal critical value for `count` tests.
        case sidak
    }

    private struct Key: Hashable {
        var kind: Kind
        var count: Int
        /// α's bit pattern: exact equality, no rounding of the significance level.
        var alphaBits: UInt64
    }

    /// The largest number of entries kept (a case has two or three; a gross-error search at most its dof).
    static let capacity = 4096

    /// The process-wide cache.
    static let shared = CriticalValueCache()

    private let lock = Lock()
    // Read and written only under `lock`.
    nonisolated(unsafe) private var table: [Key: Double] = [:]

    /// The cached value for (`kind`, `count`, `alpha`), computing it with `compute` on a miss.
    func value(_ kind: Kind, count: Int, alpha: Double, compute: () -> Double) -> Double {
        let key = Key(kind: kind, count: count, alphaBits: alpha.bitPattern)
        if let hit = lock.withLock({ table[key] }) { return hit }
        let value = compute()
        lock.withLock {
            if table.count >= Self.capacity { table.removeAll(keepingCapacity: true) }
            table[key] = value
        }
        return value
    }
}
