/// The linear reconciliation problem in matrix form (RECONCILIATION.md §1):
/// minimise (y − x_m)ᵀ V⁻¹ (y − x_m) subject to A·x = b, with x split into measured x_m,
/// unmeasured u and fixed c.
///
/// Built from a ``BalanceModel`` by ``init(model:covariance:)``; gross-error identification edits ``roles``
/// (turning a suspect measurement into an unmeasured stream) and solves again.
package struct LinearProblem: Sendable {
    /// The part a stream plays in the problem.
    package enum Role: Sendable, Hashable {
        /// Measured with value y and standard uncertainty σ > 0.
        case measured(value: Double, sigma: Double)
        /// Known exactly (σ = 0); never adjusted.
        case fixed(value: Double)
        /// Not measured: estimated from the balances where they determine it.
        case unmeasured
    }

    /// Constraint matrix A (rows × streams) with its row labels and right-hand side.
    package var constraints: ConstraintSystem
    /// Role of each stream, in model order.
    package var roles: [Role]
    /// Full covariance of the measurement errors of *all* streams (streams × streams), or `nil`
    /// for independent errors (V = diag σ²). Only the entries among measured streams are used.
    package var covariance: Matrix?

    /// The problem of a model whose measured streams all carry an uncertainty.
    /// - Throws: ``ModelError`` `.missingUncertainty` for a value without σ.
    package init(model: BalanceModel, covariance: Matrix? = nil) throws(ModelError) {
        var roles: [Role] = []
        roles.reserveCapacity(model.streams.count)
        // Index access reads two fields instead of copying whole streams (this runs on every solve).
        for j in model.streams.indices {
            guard let value = model.streams[j].value else {
                roles.append(.unmeasured)
                continue
            }
            guard let sigma = model.streams[j].sigma else {
                let stream = model.streams[j]
                throw ModelError(.missingUncertainty(stream: stream.id), at: stream.location)
            }
            roles.append(sigma == 0 ? .fixed(value: value) : .measured(value: value, sigma: sigma))
        }
        self.constraints = ConstraintSystem(model)
        self.roles = roles
        self.covariance = covariance
    }

    /// A problem from its parts (A, b and roles), for callers that build matrices directly.
    package init(constraints: ConstraintSystem, roles: [Role], covariance: Matrix? = nil) {
        precondition(roles.count == constraints.columnCount, "one role per column of A")
        self.constraints = constraints
        self.roles = roles
        self.covariance = covariance
    }

    /// Indices of measured, unmeasured and fixed streams, each in model order.
    var partition: (measured: [Int], unmeasured: [Int], fixed: [Int]) {
        var measured: [Int] = [], unmeasured: [Int] = [], fixed: [Int] = []
        // Counted first so that each list is allocated once at its size (no regrowth while appending).
        var counts = (measured: 0, unmeasured: 0)
        for role in roles {
            switch role {
            case .measured: counts.measured += 1
            case .unmeasured: counts.unmeasured += 1
            case .fixed: break
            }
        }
        measured.reserveCapacity(counts.measured)
        unmeasured.reserveCapacity(counts.unmeasured)
        fixed.reserveCapacity(roles.count - counts.measured - counts.unmeasured)
        for (j, role) in roles.enumerated() {
            switch role {
            case .measured: measured.append(j)
            case .unmeasured: unmeasured.append(j)
            case .fixed: fixed.append(j)
            }
        }
        return (measured, unmeasured, fixed)
    }

    /// Measured value of stream `j`, if it has one (measured or fixed).
    package func value(_ j: Int) -> Double? {
        switch roles[j] {
        case let .measured(value, _), let .fixed(value): return value
        case .unmeasured: return nil
        }
    }

    /// Standard uncertainty of stream `j` (0 when fixed, `nil` when unmeasured).
    package func sigma(_ j: Int) -> Double? {
        switch roles[j] {
        case let .measured(_, sigma): return sigma
        case .fixed: return 0
        case .unmeasured: return nil
        }
    }
}
