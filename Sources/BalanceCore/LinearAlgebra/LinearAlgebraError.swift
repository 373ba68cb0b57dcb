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

    public init(routine: String, info: Int, context: String) {
        self.routine = routine
        self.info = info
        self.context = context
    }

    public var description: String {
        if info < 0 { return "\(routine): internal error, argument \(-info) illegal (\(context))" }
        return "\(routine) failed with info = \(info): \(context)"
    }
}
