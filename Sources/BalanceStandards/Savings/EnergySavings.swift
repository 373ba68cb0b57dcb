import BalanceCore

/// The energy-saving quantities of GB/T 13234-2009 (企业节能量计算方法) between a base period (j) and a
/// reporting period (b) (STANDARDS.md §7; definitions [H, S13], formulas [M]).
///
/// With the report − base convention (default; the 2009 edition's, "negative = saving" [H, S13]):
/// - 产品节能量 ΔE_c = Σᵢ (e_bi − e_ji) × M_bi over the products present in both periods (tce);
/// - 节能率 ξ = ΔE_c / Σᵢ e_ji M_bi — for one product (e_b − e_j)/e_j; the generalisation to several
///   products (weights M_bi) is this library's [L];
/// - 产值节能量 ΔE_g = (e_bg − e_jg) × G_b, e_g = E/G in tce/万元 (G at comparable prices), and its rate
///   ξ_g = (e_bg − e_jg)/e_jg;
/// - 技术措施节能量 ΔE_t = Σ (e_th − e_tq) × P_th, converted to tce when the unit consumption is physical;
/// - 产品结构节能量 ΔE_cj = G_b × Σᵢ (K_bi − K_ji) × e_jgi, K = product share of the output value,
///   e_jgi = E_ji/G_ji (base energy per output value of product i);
/// - 单项能源节能量 ΔE_n = Σᵢ (e_bni − e_jni) × M_bi per carrier n, physical and in tce.
/// With base − report every quantity changes sign (``SignConvention``); rates too.
public enum EnergySavings {
    /// The saving of one product.
    public struct ProductSaving: Sendable, Hashable {
        /// Product name.
        public var product: String
        /// Unit of the output, or of the physical saving.
        public var unit: String?
        /// e_j, e_b in tce per output unit.
        public var baseUnitConsumption: Double
        /// e_b, reporting-period unit consumption, tce per output unit.
        public var reportUnitConsumption: Double
        /// M_j, base-period output.
        public var baseOutput: Double
        /// M_b, reporting-period output.
        public var reportOutput: Double
        /// (e_b − e_j) × M_b × sign, tce.
        public var savingTce: Double
        /// (e_b − e_j)/e_j × sign.
        public var savingRate: Double
    }

    /// The saving of one technical measure.
    public struct MeasureSaving: Sendable, Hashable {
        /// Measure name.
        public var measure: String
        /// (e_th − e_tq) × P_th × sign, in the numerator unit of the measure's unit consumption.
        public var saving: Double
        /// Its numerator unit (`tce`, `kWh` …).
        public var unit: String
        /// The same in tce (当量).
        public var savingTce: Double
    }

    /// The saving of one carrier over all products.
    public struct CarrierSaving: Sendable, Hashable {
        /// The carrier (单项能源).
        public var carrier: EnergyCarrier
        /// Physical saving in ``unit``.
        public var saving: Double
        /// Unit of the output, or of the physical saving.
        public var unit: String
        /// In tce at 当量值.
        public var savingTce: Double
        /// In tce at 等价值; `nil` for electricity without an 等价值.
        public var savingEquivalentTce: Double?
    }

    /// Everything computed.
    public struct Result: Sendable {
        /// The sign convention used for every quantity.
        public var sign: SignConvention
        /// 产品节能量 ΔE_c = Σ (e_bi − e_ji) M_bi × sign, tce; `nil` without common products.
        public var productSavingTce: Double?
        /// 节能率 ξ = ΔE_c / Σ e_ji M_bi (× sign), fraction.
        public var savingRate: Double?
        /// Per-product savings.
        public var products: [ProductSaving]
        /// 产值节能量 ΔE_g = (e_bg − e_jg) G_b × sign, tce; `nil` without output values.
        public var outputValueSavingTce: Double?
        /// (e_bg − e_jg)/e_jg × sign, fraction.
        public var outputValueSavingRate: Double?
        /// 产品结构节能量 ΔE_cj = G_b Σ (K_bi − K_ji) e_jgi × sign, tce; `nil` without output values.
        public var productMixSavingTce: Double?
        /// 技术措施节能量 ΔE_t = Σ (e_th − e_tq) P_th × sign, tce; `nil` without measures.
        public var technicalMeasureSavingTce: Double?
        /// Per-measure savings.
        public var measures: [MeasureSaving]
        /// Per-carrier (单项能源) savings.
        public var carriers: [CarrierSaving]
        /// The base period (基期) data.
        public var base: SavingsPeriod
        /// The reporting period (报告期) data.
        public var report: SavingsPeriod
        /// Plain-language notes (what was left out, assumptions).
        public var notes: [String]
    }

    /// Computes every quantity the data allow; the others are `nil`, with a note saying what is missing.
    /// - Throws: ``EnergyError`` for non-positive outputs, unit mismatches between periods, unknown carriers
    ///   or units.
    public static func compute(
        base: SavingsPeriod, report: SavingsPeriod, sign: SignConvention = .reportMinusBase,
        conversion: EnergyConversionSettings = .init()
    ) throws(EnergyError) -> Result {
        var notes: [String] = []
        let s = sign.factor
        for period in [base, report] {
            for p in period.products where !(p.output > 0 && p.output.isFinite) || !p.energyTce.isFinite {
                throw EnergyError(.other, "\(period.name): product '\(p.name)' needs a positive output and a finite energy "
                    + "consumption (got output \(p.output), energy \(p.energyTce))", at: p.location)
            }
        }
        // 产品节能量.
        var products: [ProductSaving] = []
        var baseline = 0.0
        for r in report.products {
            guard let b = base.product(r.name) else {
                notes.append("product '\(r.name)' has no base-period data: it is left out of the product saving")
                continue
            }
            if let bu = b.unit, let ru = r.unit, bu != ru {
                throw EnergyError(.unitMismatch(carrier: r.name, unit: ru), "product '\(r.name)': the output is in '\(bu)' in "
                    + "the base period but in '\(ru)' in the reporting period; use one unit", at: r.location)
            }
            let saving = (r.unitConsumption - b.unitConsumption) * r.output * s
            products.append(ProductSaving(
                product: r.name, unit: r.unit ?? b.unit, baseUnitConsumption: b.unitConsumption,
                reportUnitConsumption: r.unitConsumption, baseOutput: b.output, reportOutput: r.output, savingTce: saving,
                savingRate: (r.unitConsumption - b.unitConsumption) / b.unitConsumption * s))
            baseline += b.unitConsumption * r.output
        }
        for b in base.products where report.product(b.name) == nil {
            notes.append("product '\(b.name)' has no reporting-period data: it is left out of the product saving")
        }
        let productSaving = products.isEmpty ? nil : products.reduce(0) { $0 + $1.savingTce }
        // 产值节能量.
        var outputValueSaving: Double?, outputValueRate: Double?
        if let eb = report.unitOutputValueConsumption, let ej = base.unitOutputValueConsumption, let g = report.outputValue {
            outputValueSaving = (eb - ej) * g * s
            outputValueRate = (eb - ej) / ej * s
            notes.append("output values must be at comparable prices (可比价) for the output-value saving")
        } else {
            notes.append("no output value (产值) in both periods: the output-value and product-mix savings are not computed")
        }
        // 产品结构节能量.
        var mixSaving: Double?
        if let gb = report.outputValue, let gj = base.outputValue, gb > 0, gj > 0,
           report.products.allSatisfy({ $0.outputValue != nil }), base.products.allSatisfy({ $0.outputValue != nil }) {
            var sum = 0.0
            for b in base.products {
                guard let gji = b.outputValue, gji > 0 else { continue }
                let kj = gji / gj
                let kb = (report.product(b.name)?.outputValue ?? 0) / gb
                sum += (kb - kj) * (b.energyTce / gji)
            }
            mixSaving = gb * sum * s
            if report.products.contains(where: { base.product($0.name) == nil }) {
                notes.append("products new in the reporting period have no base energy per output value: they enter the "
                    + "product-mix saving only through the shares of the others")
            }
        }
        let (measures, measureTotal) = try measureSavings(report.measures + base.measures.filter { m in
            !report.measures.contains { $0.name == m.name }
        }, sign: s, conversion: conversion)
        let carriers = try carrierSavings(base: base, report: report, sign: s, conversion: conversion, notes: &notes)
        return Result(
            sign: sign, productSavingTce: productSaving, savingRate: productSaving.flatMap { baseline > 0 ? $0 / baseline : nil },
            products: products, outputValueSavingTce: outputValueSaving, outputValueSavingRate: outputValueRate,
            productMixSavingTce: mixSaving, technicalMeasureSavingTce: measures.isEmpty ? nil : measureTotal,
            measures: measures, carriers: carriers, base: base, report: report, notes: notes)
    }

    static func measureSavings(_ measures: [SavingsPeriod.Measure], sign: Double, conversion: EnergyConversionSettings)
        throws(EnergyError) -> ([MeasureSaving], Double)
    {
        var out: [MeasureSaving] = []
        for m in measures {
            let parts = m.unit.split(separator: "/", maxSplits: 1)
            guard parts.count == 2 else {
                throw EnergyError(.unknownUnit(m.unit), "measure '\(m.name)': the unit '\(m.unit)' is not energy per "
                    + "output unit (write tce/t, kgce/t, kWh/t, m3/件 …)", at: m.location)
            }
            let numerator = String(parts[0])
            let c: StandardCoalConversion
            do throws(EnergyError) {
                c = try StandardCoalConversion.make(carrierName: m.carrier, unitText: numerator, settings: conversion)
            } catch {
                var e = error
                e.message = "measure '\(m.name)': " + e.message
                e.location = e.location ?? m.location
                throw e
            }
            let saving = (m.after - m.before) * m.output * sign
            out.append(MeasureSaving(measure: m.name, saving: saving, unit: numerator, savingTce: saving * c.tcePerUnit))
        }
        return (out, out.reduce(0) { $0 + $1.savingTce })
    }

    static func carrierSavings(
        base: SavingsPeriod, report: SavingsPeriod, sign: Double, conversion: EnergyConversionSettings,
        notes: inout [String]
    ) throws(EnergyError) -> [CarrierSaving] {
        guard !report.carriers.isEmpty || !base.carriers.isEmpty else { return [] }
        var order: [String] = []
        var results: [String: CarrierSaving] = [:]
        for use in report.carriers {
            guard let r = report.product(use.product), let b = base.product(use.product) else {
                notes.append("carrier use of '\(use.product)' without that product in both periods is left out")
                continue
            }
            let rc = try convert(use, conversion)
            guard let baseUse = base.carriers.first(where: { $0.product == use.product
                && conversion.table.carrier(named: $0.carrier)?.id == rc.carrier?.id }) else {
                notes.append("\(use.carrier) of '\(use.product)' has no base-period quantity: it is left out")
                continue
            }
            let bc = try convert(baseUse, conversion)
            guard let baseQuantity = bc.unit.convert(baseUse.quantity, to: rc.unit) else {
                throw EnergyError(.unitMismatch(carrier: use.carrier, unit: use.unit), "\(use.carrier) of '\(use.product)' is "
                    + "in '\(baseUse.unit)' in the base period but in '\(use.unit)' in the reporting period", at: use.location)
            }
            let saving = (use.quantity / r.output - baseQuantity / b.output) * r.output * sign
            let key = rc.carrier!.id
            if results[key] == nil {
                order.append(key)
                results[key] = CarrierSaving(carrier: rc.carrier!, saving: 0, unit: rc.unit.symbol, savingTce: 0,
                                             savingEquivalentTce: 0)
            }
            let factor = results[key]!.unit == rc.unit.symbol ? 1.0 : (rc.unit.convert(1, to: EnergyUnit.parse(results[key]!.unit)!) ?? 1)
            results[key]!.saving += saving * factor
            results[key]!.savingTce += saving * rc.tcePerUnit
            if let e = results[key]!.savingEquivalentTce, let eq = rc.equivalentTcePerUnit {
                results[key]!.savingEquivalentTce = e + saving * eq
            } else {
                results[key]!.savingEquivalentTce = nil
            }
        }
        return order.map { results[$0]! }
    }

    private static func convert(_ use: SavingsPeriod.CarrierUse, _ conversion: EnergyConversionSettings)
        throws(EnergyError) -> StandardCoalConversion
    {
        do throws(EnergyError) {
            let c = try StandardCoalConversion.make(carrierName: use.carrier, unitText: use.unit, settings: conversion)
            guard c.carrier != nil else {
                throw EnergyError(.unknownCarrier(use.carrier), "the carrier is empty")
            }
            return c
        } catch {
            var e = error
            e.message = "product '\(use.product)': " + e.message
            e.location = e.location ?? use.location
            throw e
        }
    }
}
