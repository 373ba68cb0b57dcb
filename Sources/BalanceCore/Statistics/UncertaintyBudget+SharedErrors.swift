/// Errors that two results share: the systematic part of a meter read in both of two measurement periods
/// (`compare`, issue 15).
extension UncertaintyBudget {
    /// The loading of each shared error source on a figure f: L_m = Σ_{j read by m} s_j σ_sys,j, with
    /// s = ∂f/∂y = gᵀ C V⁻¹ the sensitivity of f to the measurements (see ``contributions(gradient:)``) and
    /// σ_sys,j the systematic standard uncertainty of measurement j. For two figures f, f′ of independent
    /// periods whose only common errors are the sources' systematic parts (perfectly correlated between the
    /// periods, GUM F.1.2.1 c), Cov(f, f′) = Σ_m L_m L′_m (``sharedCovariance(_:_:)``).
    /// - Parameters:
    ///   - gradient: g = ∂f/∂x̂ by stream index.
    ///   - systematic: per measured stream index, its error source (a meter id) and σ_sys in the result's units.
    /// - Returns: the loadings by source id (only sources with a measurement that f is sensitive to); empty when f
    ///   has no uncertainty (u²(f) = 0).
    /// - Complexity: as ``contributions(gradient:)``.
    public func sharedErrorLoadings(gradient: [Int: Double], systematic: [Int: (source: String, sigma: Double)])
        -> [String: Double]
    {
        guard let (_, z, _) = solved(gradient: gradient) else { return [:] }
        var loadings: [String: Double] = [:]
        for (p, j) in inputs.enumerated() {
            guard let (source, sigma) = systematic[j], z[p] != 0 else { continue }
            loadings[source, default: 0] += z[p] * sigma
        }
        return loadings
    }

    /// Cov(f, f′) = Σ_m L_m L′_m over the sources in both (summed in the sources' order: the same bits on every
    /// run), and those sources.
    /// - Complexity: O(s log s) for s sources.
    public static func sharedCovariance(_ a: [String: Double], _ b: [String: Double]) -> (covariance: Double, sources: [String]) {
        let shared = a.keys.filter { b[$0] != nil }.sorted()
        return (shared.reduce(0) { $0 + a[$1]! * b[$1]! }, shared)
    }
}
