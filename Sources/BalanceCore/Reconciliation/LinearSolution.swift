/// The numerical solution of a ``LinearProblem``: reconciled values, their uncertainties, the
/// classification, and the reduced constraint system the statistical tests work on.
///
/// Indices are stream indices in model order. Values of unobservable streams are `nil`.
public struct LinearSolution: Sendable {
    /// Reconciled (measured), estimated (observable) or given (fixed, nonredundant) values; `nil` when unobservable.
    public var values: [Double?]
    /// Standard uncertainty of each value; `nil` when unobservable.
    public var sigmas: [Double?]
    /// Classification of each stream.
    public var classifications: [StreamClassification]
    /// Variance of the adjustment, W_ii = (V Gᵀ S⁻¹ G V)_ii, for redundant measured streams; `nil` otherwise.
    public var adjustmentVariances: [Double?]
    /// Global test statistic γ = rᵀ S⁻¹ r, r = G y − h (RECONCILIATION.md §5).
    public var chiSquared: Double
    /// Degrees of freedom p = rank of the reduced constraint matrix G — never the node count.
    public var degreesOfFreedom: Int
    /// Rank of the unmeasured part A_u of the constraint matrix.
    public var unmeasuredRank: Int
    /// Covariance of all values (streams × streams); NaN rows/columns for unobservable streams,
    /// zero for fixed ones. `nil` when only the diagonal was computed (large networks).
    public var covariance: Matrix?
    /// The reduced constraints: residuals r_k and their variances S_kk, one per independent reduced constraint.
    public var reducedResiduals: [Double]
    /// Diagonal of S = G V Gᵀ, the variances of ``reducedResiduals``.
    public var reducedResidualVariances: [Double]
    /// Constraint rows whose reduced residual is not zero although no measurement can absorb it
    /// (conflicting fixed values or constants); empty when the constraints are consistent.
    public var inconsistentConstraintCount: Int

    /// Measurement test statistic z_i = (y_i − x̂_i)/√W_ii for redundant measured stream `j`, else `nil`.
    public func z(_ j: Int, measured: Double?) -> Double? {
        guard let w = adjustmentVariances[j], w > 0, let y = measured, let x = values[j] else { return nil }
        return (y - x) / w.squareRoot()
    }
}
