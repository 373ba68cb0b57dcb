#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A system library opened at run time (`dlopen`), the one funnel through which the package loads LAPACK, BLAS,
/// CHOLMOD (BalanceCore) and libxlsxwriter (BalanceIO's `XLSXWriter`).
///
/// Why at run time: a process that links OpenBLAS, LAPACKE and CHOLMOD pays ≈ 5 ms of symbol relocation at start
/// (measured: a C `main` linked with `-llapacke -lcholmod` starts in 5.9 ms against 0.6 ms unlinked), which is
/// most of what a small case costs (issue 12, "small cases at the floor"). Opened on first use, a command that
/// never factors a matrix (`--version`, `check`, a refused input) never pays for it, and one that does pays once.
///
/// The library is opened `RTLD_NOW | RTLD_GLOBAL`: every symbol is bound before the first call (a missing one is
/// an error here, not a crash later), and OpenBLAS's own entry points (`openblas_get_config`, …) become visible
/// to ``BLASInfo``.
///
/// - Complexity: one `dlopen` per library per process (the caller caches the result).
package struct SharedLibrary: @unchecked Sendable {
    /// A library or symbol that could not be found, with the dynamic linker's reasons and the Debian package to
    /// install. Each user turns it into its own error (``LinearAlgebraError`` for LAPACK and CHOLMOD, a write error
    /// for libxlsxwriter).
    package struct LoadError: Error, Sendable {
        /// What failed and how to mend it.
        package var reason: String
    }

    /// The file name that was opened, e.g. `"liblapacke.so.3"`.
    package let name: String
    private let handle: UnsafeMutableRawPointer

    /// Opens the first of `candidates` the dynamic linker finds (by its usual search: RUNPATH, `LD_LIBRARY_PATH`,
    /// the cache).
    /// - Parameter package: the Debian package to name when none is found.
    /// - Throws: ``LoadError`` naming every candidate and the linker's reason.
    package init(candidates: [String], package: String) throws(LoadError) {
        var reasons: [String] = []
        for candidate in candidates {
            if let handle = dlopen(candidate, RTLD_NOW | RTLD_GLOBAL) {
                self.name = candidate
                self.handle = handle
                return
            }
            reasons.append(dlerror().map { String(cString: $0) } ?? "\(candidate): not found")
        }
        throw LoadError(reason:
            "none of \(candidates.joined(separator: ", ")) could be loaded (\(reasons.joined(separator: "; "))); "
                + "install \(package) (scripts/install-deps.sh does)")
    }

    /// The address of `symbol`, cast to the C function type `type`.
    /// - Throws: ``LoadError`` when the library lacks it (an incompatible version).
    package func function<F>(_ symbol: String, as type: F.Type) throws(LoadError) -> F {
        guard let address = dlsym(handle, symbol) else {
            throw LoadError(reason: "\(name) has no \(symbol): an incompatible version")
        }
        return unsafeBitCast(address, to: F.self)
    }

    /// A table of routines made once from the first of `candidates` that opens, or the reason it could not be: the
    /// value behind a `static let` of LAPACK's and CHOLMOD's routine tables and of `XLSXWriter`'s (so that a process
    /// opens each library once).
    package static func routines<T>(
        _ candidates: [String], package: String, _ make: (SharedLibrary) throws(LoadError) -> T
    ) -> Result<T, LoadError> {
        do throws(LoadError) {
            return .success(try make(try SharedLibrary(candidates: candidates, package: package)))
        } catch {
            return .failure(error)
        }
    }

    /// The address of `symbol` among every library opened so far (the process's global scope), or `nil`.
    static func globalSymbol(_ symbol: String) -> UnsafeMutableRawPointer? {
        guard let handle = dlopen(nil, RTLD_NOW) else { return nil }
        return dlsym(handle, symbol)
    }
}
