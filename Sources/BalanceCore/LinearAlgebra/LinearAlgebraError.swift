/// A failure reported by a LAPACK routine, kept with the routine's name and its `info` code
/// (the model of swift-system's `Errno`: the raw code is never lost).
///
/// `info < 0`: argument `-info` was illegal (a programming error in this library);
/// `info > 0`: a numerical failure whose meaning depends on the routine, e.g. `dpotrf` found the
/// leading minor of order `info` not positive definite.
public struct LinearAlgebraError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The LAPACK routine, e.g. `"dpotrf"`.
    public var routine: String
    /// LAPACK's `info` return value.
    public var info: Int
    /// What the failure means for the computation being done.
    public var context: String

    /// The balances (node or relation ids) whose reduced row failed, where the solver could tell.
    public var balances: [String] = []
    /// The streams (ids) that enter that row, where the solver could tell.
    public var streams: [String] = []
    /// The stream indices (model order) behind ``streams``, until the caller names them.
    var streamIndices: [Int] = []

    public init(routine: String, info: Int, context: String) {
        self.routine = routine
        self.info = info
        self.context = context
    }

    /// A system library (LAPACK, BLAS, CHOLMOD) that could not be loaded at run time (routine `dlopen`, info 0):
    /// an installation problem, reported as a failed computation.
    static func libraryUnavailable(_ reason: String) -> LinearAlgebraError {
        LinearAlgebraError(routine: "dlopen", info: 0, context: reason)
    }

    public var description: String {
        if routine == "dlopen" { return "cannot load a linear-algebra library: \(context)" }
        if info < 0 { return "\(routine): internal error, argument \(-info) illegal (\(context))" }
        var text = "\(routine) failed with info = \(info): \(context)"
        if !balances.isEmpty { text += "; balance of " + balances.joined(separator: " + ") }
        if !streams.isEmpty { text += "; streams " + streams.joined(separator: ", ") }
        return text
    }
}
