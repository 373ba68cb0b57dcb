import BalanceCore

/// The enterprise figures of an energy balance (FORMATS.md §4; STANDARDS.md §3.3, §5.2). All in tce at
/// 当量值 unless the name says Equivalent (等价值); rates are fractions.
///
/// - 供入能量 `suppliedTce` = Σ purchase + Σ stock change − Σ export (STANDARDS.md §3.3 [M]).
/// - 有效能量 `effectiveTce` = Σ effective streams; 损失 `lossTce` = Σ loss streams + unaccounted gaps, so
///   supplied = effective + loss (``enterpriseClosureResidual`` ≈ 0).
/// - 能量利用率 `utilizationRate` η = effective / supplied (当量) [M].
/// - 能源利用率 `resourceUtilizationRate` = effective / suppliedEquivalent, input at 等价值 [M; exact
///   GB/T 3484-2009 wording UNCONFIRMED]; `nil` without the electricity 等价值 when electricity is bought.
/// - 综合能耗 `comprehensiveConsumptionTce` E = Σ eᵢ pᵢ with eᵢ = purchase + stock change − export
///   (GB/T 2589 §5.2 [M]); equal to the supplied energy of the network, because self-produced secondary
///   energy is internal and not counted again. Its 等价 variant values electricity at the 等价值.
/// - 单位产品综合能耗 = E / Q in kgce per product unit (`--production Q`); 单位产值综合能耗 = E / G in
///   tce/万元 (`--output-value G`, 万元 at comparable prices) (GB/T 2589 §5.2 [M]).
/// - Stage efficiencies η_k of ``EnergyBalanceTable/Column/efficiency``.
/// Uncertainties (σ) come from the reconciled covariance by linear propagation (ratios to first order).
public struct EnergyFigures: Sendable, Hashable {
    /// η of each stage; `nil` for a stage nothing enters.
    public struct StageEfficiency: Sendable, Hashable {
        /// η of 购入贮存 (purchase and storage), fraction.
        public var purchase: Double?
        /// η of 加工转换 (conversion), fraction.
        public var conversion: Double?
        /// η of 输送分配 (distribution), fraction.
        public var distribution: Double?
        /// η of 最终使用 (end use), fraction; JSON key `end-use`.
        public var endUse: Double?

        /// The efficiency of a stage.
        public subscript(stage: EnergyStage) -> Double? {
            switch stage {
            case .purchase: return purchase
            case .conversion: return conversion
            case .distribution: return distribution
            case .endUse: return endUse
            }
        }
    }

    /// Standard uncertainties of the main figures (reconciled cases with a covariance).
    public struct Uncertainty: Sendable, Hashable {
        /// σ of ``EnergyFigures/suppliedTce``, tce: √(wᵀ C w) with the reconciled covariance C.
        public var suppliedTce: Double
        /// σ of ``EnergyFigures/effectiveTce``, tce.
        public var effectiveTce: Double
        /// σ of the Σ loss streams, tce.
        public var lossTce: Double
        /// σ of ``EnergyFigures/utilizationRate`` by first-order propagation of E/S; `nil` when nothing is supplied.
        public var utilizationRate: Double?
        /// The gradient of each figure above with respect to the reconciled streams (stream index → ∂figure/∂x_j), by
        /// its JSON key (`suppliedTce`, `effectiveTce`, `lossTce`, `utilizationRate`), for the uncertainty budget
        /// (`UncertaintyBudget.contributions(gradient:)` with ``EnergyFigures/budget``).
        public var gradients: [String: [Int: Double]] = [:]
    }

    /// The keys of ``Uncertainty/gradients`` in the order the reports list them.
    public static let budgetKeys = ["suppliedTce", "effectiveTce", "lossTce", "utilizationRate"]

    /// The uncertainty budget of the reconciled streams (reconciled cases with a covariance), from which each figure's
    /// budget follows by its gradient.
    public var budget: UncertaintyBudget?

    /// 供入能量 = Σ purchase + Σ stock change − Σ export, tce at 当量值.
    public var suppliedTce: Double
    /// 有效能量 = Σ effective streams, tce.
    public var effectiveTce: Double
    /// 损失能量 = Σ loss streams + unaccounted gaps, tce.
    public var lossTce: Double
    /// Σ 回收利用 (internal; not part of the supply).
    public var recoveredTce: Double
    /// Σ 外供.
    public var exportTce: Double
    /// Σ 不明损失 (closure gaps of exact data), included in ``lossTce``.
    public var unaccountedTce: Double
    /// 企业能量利用率 η = effective / supplied (当量), fraction; `nil` when nothing is supplied.
    public var utilizationRate: Double?
    /// 供入能量 at 等价值, tce; `nil` without the electricity 等价值.
    public var suppliedEquivalentTce: Double?
    /// 企业能源利用率 = effective / supplied at 等价值, fraction; `nil` without the 等价值.
    public var resourceUtilizationRate: Double?
    /// 综合能耗 E = Σ eᵢ pᵢ (GB/T 2589 §5.2 [M]), tce at 当量值.
    public var comprehensiveConsumptionTce: Double
    /// 综合能耗 with electricity at 等价值, tce; `nil` without the 等价值.
    public var comprehensiveConsumptionEquivalentTce: Double?
    /// η of each stage (GB/T 28751 table columns).
    public var stageEfficiency: StageEfficiency
    /// Product output Q (`--production`), in the user's unit.
    public var production: Double?
    /// Output value G in 万元 (`--output-value`).
    public var outputValue: Double?
    /// E × 1 000 / Q in kgce per product unit.
    public var unitProductConsumptionKgce: Double?
    /// The same at 等价值.
    public var unitProductConsumptionEquivalentKgce: Double?
    /// E / G in tce/万元.
    public var unitOutputValueConsumptionTce: Double?
    /// The same at 等价值.
    public var unitOutputValueConsumptionEquivalentTce: Double?
    /// supplied − effective − loss: zero up to rounding.
    public var enterpriseClosureResidual: Double
    /// σ of the main figures, when reconciled with a covariance.
    public var uncertainty: Uncertainty?

    /// Computes the figures of a solved network and its table.
    public init(network: EnergyNetwork, table: EnergyBalanceTable, production: Double? = nil, outputValue: Double? = nil) {
        var supplied = 0.0, suppliedEq: Double? = 0, effective = 0.0, loss = 0.0, recovered = 0.0, export = 0.0
        var suppliedWeights: [Int: Double] = [:], effectiveWeights: [Int: Double] = [:], lossWeights: [Int: Double] = [:]
        for (j, s) in network.streams.enumerated() {
            switch s.kind {
            case .purchase, .stock, .export:
                // Kinds are checked by the network: purchase and stock enter, export leaves the boundary.
                let sign = s.kind == .export ? -1.0 : 1.0
                if s.kind == .export { export += s.tce }
                supplied += sign * s.tce
                suppliedWeights[j] = sign
                if let e = suppliedEq, let se = s.equivalentTce { suppliedEq = e + sign * se } else { suppliedEq = nil }
            case .effective:
                effective += s.tce
                effectiveWeights[j] = 1
            case .loss:
                loss += s.tce
                lossWeights[j] = 1
            case .recovered:
                recovered += s.tce
            case .transfer:
                break
            }
        }
        let unaccounted = table.columns.reduce(0) { $0 + $1.unaccounted }
        suppliedTce = supplied
        suppliedEquivalentTce = suppliedEq
        effectiveTce = effective
        lossTce = loss + unaccounted
        recoveredTce = recovered
        exportTce = export
        unaccountedTce = unaccounted
        utilizationRate = supplied != 0 ? effective / supplied : nil
        resourceUtilizationRate = suppliedEq.flatMap { $0 != 0 ? effective / $0 : nil }
        comprehensiveConsumptionTce = supplied
        comprehensiveConsumptionEquivalentTce = suppliedEq
        stageEfficiency = StageEfficiency(
            purchase: table.column(.purchase).efficiency, conversion: table.column(.conversion).efficiency,
            distribution: table.column(.distribution).efficiency, endUse: table.column(.endUse).efficiency)
        self.production = production
        self.outputValue = outputValue
        unitProductConsumptionKgce = production.flatMap { $0 > 0 ? supplied * 1000 / $0 : nil }
        unitProductConsumptionEquivalentKgce = production.flatMap { q in suppliedEq.flatMap { q > 0 ? $0 * 1000 / q : nil } }
        unitOutputValueConsumptionTce = outputValue.flatMap { $0 > 0 ? supplied / $0 : nil }
        unitOutputValueConsumptionEquivalentTce = outputValue.flatMap { g in suppliedEq.flatMap { g > 0 ? $0 / g : nil } }
        enterpriseClosureResidual = supplied - effective - (loss + unaccounted)
        uncertainty = nil
        budget = network.reconciliation.flatMap { UncertaintyBudget(result: $0) }
        if let covariance = network.reconciliation?.solution.covariance {
            func sigma(_ w: [Int: Double]) -> Double {
                var variance = 0.0
                let entries = w.sorted { $0.key < $1.key }  // a fixed order: the same bits on every run
                for (i, wi) in entries { for (j, wj) in entries { variance += wi * wj * covariance[i, j] } }
                return max(variance, 0).squareRoot()
            }
            var rateSigma: Double?
            var gradients = ["suppliedTce": suppliedWeights, "effectiveTce": effectiveWeights, "lossTce": lossWeights]
            if supplied > 0 {
                // d(E/S) = dE/S − E dS/S².
                var w: [Int: Double] = [:]
                for (j, v) in effectiveWeights { w[j, default: 0] += v / supplied }
                for (j, v) in suppliedWeights { w[j, default: 0] -= v * effective / (supplied * supplied) }
                rateSigma = sigma(w)
                gradients["utilizationRate"] = w
            }
            uncertainty = Uncertainty(
                suppliedTce: sigma(suppliedWeights), effectiveTce: sigma(effectiveWeights), lossTce: sigma(lossWeights),
                utilizationRate: rateSigma, gradients: gradients)
        }
    }
}
