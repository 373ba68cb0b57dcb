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
