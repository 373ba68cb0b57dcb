import RealModule

/// The statistical tests of RECONCILIATION.md §5.
enum StatisticalTests {
    /// Global test γ ~ χ²(p) against ``chiSquaredCritical(dof:alpha:)``.
    static func global(chiSquared: Double, dof: Int, alpha: Double) -> ReconciliationResult.GlobalTest {
        guard dof > 0 else {
            return .init(statistic: 0, dof: 0, critical: nil, pValue: nil, alpha: alpha, passed: true)
        }
        let critical = chiSquaredCritical(dof: dof, alpha: alpha)
        return .init(
            statistic: chiSquared, dof: dof, critical: critical,
            pValue: ChiSquaredDistribution(degreesOfFreedom: dof).survival(chiSquared), alpha: alpha,
            passed: chiSquared <= critical)
    }

    /// χ²_{1−α}(dof), the upper-α quantile, computed once per (dof, α) (``CriticalValueCache``).
    /// - Precondition: `dof > 0`.
    static func chiSquaredCritical(dof: Int, alpha: Double) -> Double {
        CriticalValueCache.shared.value(.chiSquared, count: dof, alpha: alpha) {
            ChiSquaredDistribution(degreesOfFreedom: dof).upperQuantile(alpha)
        }
    }

    /// Šidák-corrected two-sided critical value for `count` simultaneous normal tests:
    /// β = 1 − (1 − α)^{1/count}, z_crit = Φ⁻¹(1 − β/2). β is computed as −expm1(log1p(−α)/count)
    /// to keep its digits when count is large. Computed once per (count, α) (``CriticalValueCache``).
    static func sidakCritical(alpha: Double, count: Int) -> Double {
        let tests = Swift.max(count, 1)
        return CriticalValueCache.shared.value(.sidak, count: tests, alpha: alpha) {
            let beta = -Double.expMinusOne(Double.log(onePlus: -alpha) / Double(tests))
            return NormalDistribution.upperQuantile(beta / 2)
        }
    }
}

