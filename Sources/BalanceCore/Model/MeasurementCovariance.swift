/// One entry of `covariance.csv`: the covariance or the correlation of the errors of two measurements.
public struct CovarianceEntry: Sendable, Hashable {
    /// How the dependence is given.
    public enum Value: Sendable, Hashable {
        /// Cov(ε_a, ε_b) in the streams' units squared.
        case covariance(Double)
        /// ρ_ab, so that Cov = ρ σ_a σ_b.
        case correlation(Double)
    }

    public var streamA: String
    public var streamB: String
    public var value: Value
    public var location: SourceLocation?

    public init(streamA: String, streamB: String, value: Value, location: SourceLocation? = nil) {
        self.streamA = streamA
        self.streamB = streamB
        self.value = value
        self.location = location
    }
}

/// The full covariance V of the measurement errors when some are correlated (RECONCILIATION.md §6:
/// e.g. two flows computed from the same differential-pressure transmitter, or readings corrected with
/// the same density). V_ii = σ_i²; V_ab from the entries; everything else 0.
///
/// A validated value: it can only be made by ``init(model:entries:)``, which checks it, and it
/// remembers the streams it was made for, so that ``Reconciler`` never takes a raw matrix.
public struct MeasurementCovariance: Sendable {
    /// V (streams × streams, model order).
    package let matrix: Matrix
    /// The stream ids of the model it was built for, in order.
    let streamIDs: [String]

    /// Builds and validates V for `model`.
    ///
    /// Checks: both streams exist and are measured with σ > 0; a ≠ b (a variance is the stream's σ);
    /// |ρ| ≤ 1; an entry given twice (in either order) must agree; V restricted to the measured streams
    /// is positive definite (`dpotrf`) — otherwise the error names the stream at which it fails.
    /// Returns `nil` when there are no entries (independent errors).
    /// - Complexity: O(n²) memory, O(m³) for the definiteness check over m measured streams.
    public init?(model: BalanceModel, entries: [CovarianceEntry]) throws(ModelError) {
        guard let v = try Self.build(model: model, entries: entries) else { return nil }
        self.matrix = v
        self.streamIDs = model.streams.map(\.id)
    }

    /// `true` when this covariance was built for a model with exactly these streams.
    func fits(_ model: BalanceModel) -> Bool {
        streamIDs.count == model.streams.count && zip(streamIDs, model.streams).allSatisfy { $0 == $1.id }
    }

    static func build(model: BalanceModel, entries: [CovarianceEntry]) throws(ModelError) -> Matrix? {
        guard !entries.isEmpty else { return nil }
        let n = model.streams.count
        var v = Matrix(rows: n, columns: n)
        for (j, stream) in model.streams.enumerated() {
            if let s = stream.sigma, stream.value != nil { v[j, j] = s * s }
        }
        var given: [Int: [Int: (Double, SourceLocation?)]] = [:]
        for entry in entries {
            guard let a = model.streamIndex[entry.streamA] else {
                throw ModelError(.invalidCovariance(streams: [entry.streamA], problem: "covariance of stream '\(entry.streamA)', which streams.csv does not define"), at: entry.location)
            }
            guard let b = model.streamIndex[entry.streamB] else {
                throw ModelError(.invalidCovariance(streams: [entry.streamB], problem: "covariance of stream '\(entry.streamB)', which streams.csv does not define"), at: entry.location)
            }
            guard a != b else {
                throw ModelError(.invalidCovariance(streams: [entry.streamA], problem: "stream '\(entry.streamA)': a variance belongs in streams.csv (sigma), not in covariance.csv"), at: entry.location)
            }
            for (index, id) in [(a, entry.streamA), (b, entry.streamB)] {
                guard let s = model.streams[index].sigma, s > 0, model.streams[index].value != nil else {
                    throw ModelError(.invalidCovariance(streams: [id], problem: "stream '\(id)' has a covariance but is not measured with an uncertainty > 0"), at: entry.location)
                }
            }
            let covariance: Double
            switch entry.value {
            case let .covariance(c):
                guard c.isFinite else { throw ModelError(.invalidCovariance(streams: [entry.streamA, entry.streamB], problem: "covariance of '\(entry.streamA)' and '\(entry.streamB)' is not a finite number"), at: entry.location) }
                covariance = c
            case let .correlation(rho):
                guard rho.isFinite, abs(rho) <= 1 else {
                    throw ModelError(.invalidCovariance(streams: [entry.streamA, entry.streamB], problem: "correlation of '\(entry.streamA)' and '\(entry.streamB)' is \(rho); it must lie in [−1, 1]"), at: entry.location)
                }
                covariance = rho * model.streams[a].sigma! * model.streams[b].sigma!
            }
            let (lo, hi) = (min(a, b), max(a, b))
            if let previous = given[lo]?[hi] {
                guard abs(previous.0 - covariance) <= 1e-12 * max(abs(covariance), abs(previous.0)) else {
                    throw ModelError(.invalidCovariance(streams: [entry.streamA, entry.streamB], problem: "the covariance of '\(entry.streamA)' and '\(entry.streamB)' is given twice with different values"
                        + (previous.1.map { " (first at \($0))" } ?? "")), at: entry.location)
                }
            }
            given[lo, default: [:]][hi] = (covariance, entry.location)
            v[a, b] = covariance
            v[b, a] = covariance
        }
        let measured = (0..<n).filter { model.streams[$0].value != nil && (model.streams[$0].sigma ?? 0) > 0 }
        var sub = v.submatrix(rows: measured, columns: measured)
        do {
            try LAPACK.choleskyFactor(&sub, context: "measurement covariance")
        } catch {
            let culprit = error.info > 0 && error.info <= measured.count ? model.streams[measured[error.info - 1]].id : "?"
            throw ModelError(.invalidCovariance(streams: [culprit], problem: "the measurement covariance matrix is not positive definite: the correlations involving stream '\(culprit)' "
                + "and the streams before it cannot all hold at once (check covariance.csv)"), at: entries.first?.location)
        }
        return v
    }
}
