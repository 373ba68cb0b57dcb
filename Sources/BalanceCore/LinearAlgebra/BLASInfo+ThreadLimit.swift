extension BLASInfo {
    /// Runs `body` with OpenBLAS limited to `count` threads, and gives OpenBLAS its previous count back afterwards
    /// (RECONCILIATION.md §8: when many cases run in parallel, OpenBLAS's own threads only compete with them).
    ///
    /// Unlike ``setThreadCount(_:)`` this does not load LAPACK and its BLAS for the purpose: when they are not loaded
    /// yet, the limit is applied the moment a computation first loads them (during `body`), and not at all when
    /// none does. A batch of small cases, solved without LAPACK, then never pays the ≈ 10–16 ms of opening
    /// OpenBLAS (measured with `strace -ttt` on `balance batch`, 500 cases of 10–30 streams).
    ///
    /// Calls nest: only the outermost sets and restores the count. Concurrent outermost calls from different
    /// threads share one limit (the first one's) until the last of them returns.
    /// - Complexity: O(1) besides `body`.
    package static func limitingThreads<R, E: Error>(to count: Int, _ body: () throws(E) -> R) throws(E) -> R {
        ThreadLimit.shared.begin(count)
        defer { ThreadLimit.shared.end() }
        return try body()
    }

    /// Called by LAPACK's loader once the library is open: applies a limit that is in force.
    static func didLoadLibrary() {
        ThreadLimit.shared.libraryLoaded()
    }

    /// The state behind ``limitingThreads(to:_:)``, behind a lock. The thread count is read and set through
    /// `get` and `set` (OpenBLAS's, for ``shared``; a test's counter otherwise).
    final class ThreadLimit: @unchecked Sendable {
        static let shared = ThreadLimit(get: { BLASInfo.loadedThreadCount }, set: { BLASInfo.setLoadedThreadCount($0) })

        private let lock = Lock()
        private let get: () -> Int?
        private let set: (Int) -> Void
        /// Whether LAPACK and its BLAS are open (set by ``libraryLoaded()``).
        private var loaded = false
        /// The limit in force, and how many callers are inside ``limitingThreads(to:_:)``.
        private var limit: Int?
        private var depth = 0
        /// The count before the limit was applied: restored when the last caller leaves.
        private var restore: Int?

        init(get: @escaping () -> Int?, set: @escaping (Int) -> Void) {
            self.get = get
            self.set = set
        }

        /// A caller enters: the outermost one's limit is applied now if the library is open, else when it opens.
        func begin(_ count: Int) {
            lock.withLock {
                depth += 1
                guard depth == 1 else { return }
                limit = count
                if loaded { apply(count) }
            }
        }

        /// A caller leaves: after the last one, the count from before the limit is restored.
        func end() {
            lock.withLock {
                depth -= 1
                guard depth == 0 else { return }
                limit = nil
                if let restore { set(restore) }
                restore = nil
            }
        }

        /// The library has just been opened.
        func libraryLoaded() {
            lock.withLock {
                loaded = true
                if let limit { apply(limit) }
            }
        }

        /// Sets the count, remembering the one before (the library is open).
        private func apply(_ count: Int) {
            restore = get()
            set(count)
        }
    }
}
