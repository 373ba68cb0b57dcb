/// What BLAS/LAPACK the process runs on, and control of OpenBLAS threading.
///
/// `openblas_get_config` and `openblas_set_num_threads` exist only in `libopenblas.so.0`; they are
/// looked up with `dlsym` so that the library still runs on the reference BLAS or another
/// implementation (SWIFT.md §1).
public enum BLASInfo {
    private typealias ConfigFunction = @convention(c) () -> UnsafePointer<CChar>?
    private typealias SetThreadsFunction = @convention(c) (Int32) -> Void
    private typealias GetThreadsFunction = @convention(c) () -> Int32

    /// Looks `name` up in the process's global scope, after opening LAPACK and its BLAS (they are opened on
    /// first use, see ``SharedLibrary``): asking about the BLAS loads it.
    private static func symbol(_ name: String) -> UnsafeMutableRawPointer? {
        guard (try? LAPACK.Routines.library()) != nil else { return nil }
        return SharedLibrary.globalSymbol(name)
    }

    /// A one-line description, e.g. `"OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64 (2 threads)"`,
    /// or `"a BLAS other than OpenBLAS (reference BLAS?)"`.
    public static var description: String {
        guard let pointer = symbol("openblas_get_config") else {
            return "a BLAS other than OpenBLAS (openblas_get_config not found; reference BLAS is ~12× slower)"
        }
        let config = unsafeBitCast(pointer, to: ConfigFunction.self)
        let text = config().map { String(cString: $0) } ?? "OpenBLAS"
        if let threads = threadCount { return "\(text) (\(threads) thread\(threads == 1 ? "" : "s"))" }
        return text
    }

    /// OpenBLAS's current thread count, or `nil` on another BLAS.
    public static var threadCount: Int? {
        guard (try? LAPACK.Routines.library()) != nil else { return nil }
        return loadedThreadCount
    }

    /// Sets OpenBLAS's thread count (one thread when many cases run in parallel, RECONCILIATION.md §8).
    /// Does nothing on another BLAS. Returns `true` when the setting took effect.
    @discardableResult
    public static func setThreadCount(_ count: Int) -> Bool {
        guard (try? LAPACK.Routines.library()) != nil else { return false }
        return setLoadedThreadCount(count)
    }

    /// OpenBLAS's thread count looked up among the libraries already open (never opens one): for use while
    /// LAPACK is being loaded, when ``threadCount`` would wait for the load it is part of.
    static var loadedThreadCount: Int? {
        guard let pointer = SharedLibrary.globalSymbol("openblas_get_num_threads") else { return nil }
        return Int(unsafeBitCast(pointer, to: GetThreadsFunction.self)())
    }

    /// ``setThreadCount(_:)`` among the libraries already open (never opens one); `false` when OpenBLAS is not
    /// among them.
    @discardableResult
    static func setLoadedThreadCount(_ count: Int) -> Bool {
        guard let pointer = SharedLibrary.globalSymbol("openblas_set_num_threads") else { return false }
        unsafeBitCast(pointer, to: SetThreadsFunction.self)(Int32(clamping: count))
        return true
    }
}
