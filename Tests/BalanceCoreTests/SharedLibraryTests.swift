import Testing
@testable import BalanceCore

/// The run-time loading of LAPACK and CHOLMOD (``SharedLibrary``): the routines resolve, and a library that is
/// not there is a clear error, never a crash.
@Suite("Linear-algebra libraries opened at run time")
struct SharedLibraryTests {
    @Test("LAPACK, CBLAS and CHOLMOD resolve, and BLASInfo sees OpenBLAS once they are open")
    func routinesResolve() throws {
        let lapack = try LAPACK.Routines.library()
        var s = Matrix(rows: 2, columns: 2)
        s[0, 0] = 4; s[1, 0] = 2; s[0, 1] = 2; s[1, 1] = 3
        try LAPACK.choleskyFactor(&s, context: "test")
        // L = [[2, 0], [1, √2]]: exact in binary floating point except √2.
        #expect(s[0, 0] == 2 && s[1, 0] == 1)
        #expect(abs(s[1, 1] - 2.0.squareRoot()) <= 4 * Double.ulpOfOne)
        _ = lapack
        _ = try CHOLMOD.library()
        #expect(!BLASInfo.description.isEmpty)
    }

    @Test("a library that cannot be opened names every candidate and the package to install")
    func missingLibrary() {
        #expect {
            _ = try SharedLibrary(candidates: ["libno-such-lapack.so.9", "libno-such-lapack.so"], package: "liblapacke-dev")
        } throws: { error in
            guard let error = error as? SharedLibrary.LoadError else { return false }
            let text = LinearAlgebraError.libraryUnavailable(error.reason).description
            return text.hasPrefix("cannot load a linear-algebra library: ")
                && text.contains("none of libno-such-lapack.so.9, libno-such-lapack.so ")
                && text.contains("install liblapacke-dev")
        }
    }
}

/// ``BLASInfo/limitingThreads(to:_:)``: the limit takes effect now or when the library opens, never opens it, and
/// the count from before comes back (checked on a counter, not on OpenBLAS, which other tests share).
@Suite("OpenBLAS thread limit of a batch")
struct ThreadLimitTests {
    /// A thread count and a log of the counts set.
    final class Counter: @unchecked Sendable {
        var count: Int
        var sets: [Int] = []
        init(_ count: Int) { self.count = count }
        func limit() -> BLASInfo.ThreadLimit {
            BLASInfo.ThreadLimit(get: { self.count }, set: { self.count = $0; self.sets.append($0) })
        }
    }

    @Test("library open before: limited at once, restored after")
    func openBefore() {
        let counter = Counter(8)
        let limit = counter.limit()
        limit.libraryLoaded()
        limit.begin(1)
        #expect(counter.count == 1)
        limit.end()
        #expect(counter.count == 8)
        #expect(counter.sets == [1, 8])
    }

    @Test("library opened during the run: limited when it opens, restored after")
    func openDuring() {
        let counter = Counter(8)
        let limit = counter.limit()
        limit.begin(1)
        #expect(counter.sets.isEmpty)
        limit.libraryLoaded()
        #expect(counter.count == 1)
        limit.end()
        #expect(counter.count == 8)
    }

    @Test("library never opened: nothing set")
    func neverOpened() {
        let counter = Counter(8)
        let limit = counter.limit()
        limit.begin(1)
        limit.end()
        #expect(counter.sets.isEmpty)
        limit.libraryLoaded()
        #expect(counter.sets.isEmpty)
    }

    @Test("nested and overlapping callers: the first limit holds until the last leaves")
    func nested() {
        let counter = Counter(4)
        let limit = counter.limit()
        limit.libraryLoaded()
        limit.begin(1)
        limit.begin(3)
        #expect(counter.count == 1)
        limit.end()
        #expect(counter.count == 1)
        limit.end()
        #expect(counter.count == 4)
        #expect(counter.sets == [1, 4])
    }

    @Test("the shared limit on OpenBLAS: one thread inside")
    func openBLAS() throws {
        _ = try LAPACK.Routines.library()
        guard BLASInfo.threadCount != nil else { return }  // another BLAS: nothing to limit
        // Only the count inside is checked: other suites running at the same time may set OpenBLAS's count too.
        #expect(BLASInfo.limitingThreads(to: 1) { BLASInfo.threadCount } == 1)
    }
}
