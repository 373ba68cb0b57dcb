import BalanceCore
import Testing
@testable import BalanceStandards

@Suite("Energy: conversion to standard coal (GB/T 2589, STANDARDS.md §5, §9.3)")
struct EnergyConversionTests {
    static let settings2020 = EnergyConversionSettings(table: .edition(.gbt2589_2020))

    static func tce(_ value: Double, _ unit: String, _ carrier: String?, heatingValue: HeatingValue? = nil,
                    settings: EnergyConversionSettings = settings2020) throws -> Double {
        let c = try StandardCoalConversion.make(carrierName: carrier, unitText: unit, heatingValue: heatingValue,
                                                settings: settings)
        return value * c.tcePerUnit
    }

    @Test("§9.3: 18 540 000 kWh × 0.1229 = 2 278.566 tce; 1 280 000 m³ 气田天然气 × 1.2143 = 1 554.304 tce")
    func section93() throws {
        #expect(energyClose(try Self.tce(18_540_000, "kWh", "电力"), 2_278.566, 1e-12))
        #expect(energyClose(try Self.tce(1_854, "万kWh", "electricity"), 2_278.566, 1e-12))
        #expect(energyClose(try Self.tce(1_280_000, "m3", "气田天然气"), 1_554.304, 1e-12))
        #expect(energyClose(try Self.tce(128, "万m³", "gas-field-gas"), 1_554.304, 1e-12))
        // The document rounds to 0.1 tce.
        #expect(abs(try Self.tce(18_540_000, "kWh", "电力") - 2_278.6) < 0.05)
        #expect(abs(try Self.tce(1_280_000, "m3", "气田天然气") - 1_554.3) < 0.05)
    }

    @Test("units: mass, volume, electricity and standard coal scale exactly", arguments: [
        (1.0, "t", "原煤", 0.7143), (1000.0, "kg", "raw-coal", 0.7143), (1.0, "万t", "原煤", 7_143),
        (10_000.0, "kWh", "电力", 1.229), (1.0, "MWh", "电力", 0.1229), (1.0, "万度", "电力", 1.229),
        (1.0, "万Nm3", "油田天然气", 13.3), (1.0, "tce", nil, 1), (1_000.0, "kgce", "原煤", 1),
        (1.0, "万tce", nil, 10_000), (1.0, "t", "柴油", 1.4571), (1.0, "GJ", "热力", 0.03412),
        (1.0, "t", "新水", 0.0000857), (1.0, "m3", "压缩空气", 0.00004),
    ] as [(Double, String, String?, Double)])
    func units(value: Double, unit: String, carrier: String?, expected: Double) throws {
        #expect(energyClose(try Self.tce(value, unit, carrier), expected, 1e-12))
    }

    @Test("energy units: by definition 1 tce = 29.3076 GJ = 7 000 000 kcal; electricity via 3.6 MJ/kWh; heat-like via 0.03412")
    func energyUnits() throws {
        #expect(energyClose(try Self.tce(29.3076, "GJ", nil), 1, 1e-12))
        #expect(energyClose(try Self.tce(7_000_000, "kcal", nil), 1, 1e-12))
        #expect(energyClose(try Self.tce(29_307.6, "MJ", "原煤"), 1, 1e-12))
        #expect(energyClose(try Self.tce(3.6, "GJ", "电力"), 1_000 * 0.1229 / 1000, 1e-12))
        #expect(energyClose(try Self.tce(1, "GJ", "蒸汽"), 0.03412, 1e-12))
    }

    @Test("a carrier in a unit of the wrong dimension is an error naming the carrier and the accepted units", arguments: [
        ("kWh", "原煤"), ("t", "电力"), ("kWh", "热力"), ("t", "热力"), ("GJ", "新水"), ("kWh", "柴油"), ("m3", "原煤"),
    ])
    func mismatch(unit: String, carrier: String) {
        let error = #expect(throws: EnergyError.self) { try Self.tce(1, unit, carrier) }
        #expect(error?.kind == .unitMismatch(carrier: EnergyCarrier.builtIn(carrier)!.id, unit: unit))
        #expect(error?.message.contains("'\(unit)'") == true)
        #expect(error?.message.contains("use ") == true)
    }

    @Test("physical units without a carrier, unknown units, unknown carriers and a missing unit are errors")
    func otherErrors() {
        #expect(throws: EnergyError.self) { try Self.tce(1, "t", nil) }
        let unknownUnit = #expect(throws: EnergyError.self) { try Self.tce(1, "barrels", "原油") }
        #expect(unknownUnit?.kind == .unknownUnit("barrels"))
        let unknown = #expect(throws: EnergyError.self) { try Self.tce(1, "t", "unobtainium") }
        #expect(unknown?.kind == .unknownCarrier("unobtainium"))
        let suggestion = #expect(throws: EnergyError.self) { try Self.tce(1, "m3", "天然") }
        #expect(suggestion?.message.contains("did you mean") == true)
        #expect(throws: EnergyError.self) {
            try StandardCoalConversion.make(carrierName: "原煤", unitText: nil, settings: Self.settings2020)
        }
        // An unmeasured stream without a unit is in tce.
        let free = try? StandardCoalConversion.make(carrierName: nil, unitText: nil, measured: false, settings: Self.settings2020)
        #expect(free?.tcePerUnit == 1)
    }

    @Test("ranged coefficients: measured heating value, else the midpoint with a warning")
    func ranged() throws {
        let midpoint = try StandardCoalConversion.make(carrierName: "煤泥", unitText: "t", settings: Self.settings2020)
        #expect(energyClose(midpoint.tcePerUnit, (0.2857 + 0.4286) / 2, 1e-12))
        #expect(midpoint.warning?.contains("midpoint") == true)
        let hv = HeatingValue(stream: "X", value: 2_500, unit: "kcal/kg")
        let measured = try StandardCoalConversion.make(carrierName: "煤泥", unitText: "t", heatingValue: hv,
                                                       settings: Self.settings2020)
        #expect(energyClose(measured.tcePerUnit, 2_500.0 / 7_000, 1e-12))
        #expect(measured.warning == nil)
        let cog = try StandardCoalConversion.make(carrierName: "焦炉煤气", unitText: "万m3", settings: Self.settings2020)
        #expect(energyClose(cog.tcePerUnit, 10 * (0.5714 + 0.6143) / 2, 1e-12))
        let cmm = try StandardCoalConversion.make(
            carrierName: "煤矿瓦斯气", unitText: "m3", heatingValue: HeatingValue(stream: "X", value: 15.0, unit: "MJ/m3"),
            settings: Self.settings2020)
        #expect(energyClose(cmm.tcePerUnit, 15.0 / 29_307.6, 1e-12))
    }

    @Test("天然气 is ambiguous without a heating value; with one it converts exactly")
    func naturalGas() throws {
        let error = #expect(throws: EnergyError.self) { try Self.tce(1, "m3", "天然气") }
        #expect(error?.message.contains("气田天然气") == true && error?.message.contains("油田天然气") == true)
        let hv = HeatingValue(stream: "G", value: 35.588, unit: "MJ/m3")
        #expect(energyClose(try Self.tce(1_000, "m3", "天然气", heatingValue: hv), 35.588 / 29.3076, 1e-12))
        let wrong = HeatingValue(stream: "G", value: 35.588, unit: "MJ/kg")
        #expect(throws: EnergyError.self) { try Self.tce(1_000, "m3", "天然气", heatingValue: wrong) }
    }

    @Test("steam: fixed 0.1286 kgce/kg, or enthalpy × 0.03412 kgce/MJ, per the steam mode")
    func steam() throws {
        let h = HeatingValue(stream: "S", value: 2.78, unit: "MJ/kg")
        let fixed = EnergyConversionSettings(steamMode: .fixed)
        let enthalpy = EnergyConversionSettings(steamMode: .enthalpy)
        #expect(energyClose(try Self.tce(1, "t", "蒸汽", heatingValue: h, settings: fixed), 0.1286, 1e-12))
        #expect(energyClose(try Self.tce(1, "t", "蒸汽", heatingValue: h), 2.78 * 0.03412, 1e-12))
        #expect(energyClose(try Self.tce(1, "t", "蒸汽", heatingValue: h, settings: enthalpy), 2.78 * 0.03412, 1e-12))
        #expect(throws: EnergyError.self) { try Self.tce(1, "t", "蒸汽", settings: enthalpy) }
        let auto = try StandardCoalConversion.make(carrierName: "steam", unitText: "t", settings: Self.settings2020)
        #expect(auto.warning?.contains("0.1286") == true)
    }

    @Test("等价值: electricity at the parameter, nil without it; other carriers at their calorific value")
    func equivalent() throws {
        let with = EnergyConversionSettings(electricityEquivalent: 0.300)
        let e = try StandardCoalConversion.make(carrierName: "电力", unitText: "kWh", settings: with)
        #expect(energyClose(e.equivalentTcePerUnit, 0.0003, 1e-12))
        let inTce = try StandardCoalConversion.make(carrierName: "电力", unitText: "tce", settings: with)
        #expect(energyClose(inTce.equivalentTcePerUnit, 0.300 / 0.1229, 1e-12))
        let without = try StandardCoalConversion.make(carrierName: "电力", unitText: "kWh", settings: Self.settings2020)
        #expect(without.equivalentTcePerUnit == nil)
        let coal = try StandardCoalConversion.make(carrierName: "原煤", unitText: "t", settings: Self.settings2020)
        #expect(coal.equivalentTcePerUnit == coal.tcePerUnit)
        #expect(throws: EnergyError.self) { try EnergyConversionSettings(electricityEquivalent: -1).validate() }
        #expect(EnergyConversionSettings(electricityEquivalent: 0.1).notes.contains { $0.contains("below its 当量值") })
    }

    @Test("every Annex A coefficient equals its kcal basis / 7 000, rounded to 4 decimals (STANDARDS.md §5.3)")
    func kcalArithmetic() throws {
        for edition in CoefficientTable.Edition.allCases {
            for c in CoefficientTable.edition(edition).coefficients where c.basis == .calorific {
                guard let text = c.heatingValue, text.contains("kcal") || text.contains("Mcal") else { continue }
                let head = String(text.prefix { $0 != "k" && $0 != "M" }.filter { $0 != " " && $0 != "≈" })
                let numbers = head.split(separator: "–").compactMap { Double($0) }
                let published = c.range.map { [$0.lowerBound, $0.upperBound] } ?? [c.value!]
                #expect(numbers.count == published.count, "\(c.carrier.id)")
                for (kcal, p) in zip(numbers, published) {
                    #expect(abs((kcal / 7_000 * 10_000).rounded() / 10_000 - p) < 1e-12, "\(c.carrier.id) \(edition)")
                }
            }
        }
    }

    @Test("2008 and 2020 tables: same kgce values, 2020 marked unconfirmed, methanol only in 2020")
    func editions() throws {
        let t2008 = CoefficientTable.edition(.gbt2589_2008), t2020 = CoefficientTable.edition(.gbt2589_2020)
        for c in t2008.coefficients {
            let other = try #require(t2020.coefficient(for: c.carrier))
            #expect(c.published == other.published && c.perUnit == other.perUnit)
            #expect(!other.confirmed)
        }
        let methanol = try #require(EnergyCarrier.builtIn("甲醇"))
        #expect(t2008.coefficient(for: methanol) == nil && t2020.coefficient(for: methanol)?.published == "0.6794")
        #expect(t2008.coefficient(for: EnergyCarrier.builtIn("原煤")!)?.confirmed == true)
        #expect(t2008.coefficient(for: EnergyCarrier.builtIn("新水")!)?.published == "0.0857")
        #expect(t2008.coefficient(for: EnergyCarrier.builtIn("电力")!)?.equivalentValue == nil)
        // Published text is kept exactly (4 decimals).
        for c in t2020.coefficients {
            for part in c.published.split(separator: "–") {
                let decimals = part.split(separator: ".").last.map(\.count) ?? 0
                #expect(decimals >= 4, "\(c.carrier.id): \(c.published)")
            }
        }
    }

    @Test("carrier names: Chinese, English, slug and aliases, case- and punctuation-insensitive")
    func carrierNames() {
        for name in ["原煤", "raw-coal", "Raw Coal", "raw_coal", "RAW-COAL"] { #expect(EnergyCarrier.builtIn(name)?.id == "raw-coal") }
        for name in ["电力", "electricity", "电"] { #expect(EnergyCarrier.builtIn(name)?.id == "electricity") }
        #expect(EnergyCarrier.builtIn("柴油")?.id == "diesel" && EnergyCarrier.builtIn("diesel")?.id == "diesel")
        #expect(EnergyCarrier.builtIn("蒸汽")?.id == "steam" && EnergyCarrier.builtIn("热力")?.id == "heat")
        #expect(EnergyCarrier.builtIn("气田天然气")?.id == "gas-field-gas")
        #expect(EnergyCarrier.builtIn("油田天然气")?.id == "oil-field-gas")
        #expect(EnergyCarrier.builtIn("氮气") == nil)  // ambiguous: by-product or main product
    }

    @Test("a user table overrides a carrier and defines a new one; tce per unit follows its unit")
    func userTable() throws {
        let biomass = EnergyCarrier.userDefined(name: "生物质", dimension: .mass)
        let coal = EnergyCarrier.builtIn("原煤")!
        let table = CoefficientTable.edition(.gbt2589_2020).overriding(with: [
            EnergyCoefficient(carrier: biomass, published: "0.5000", perUnit: .kilogram, source: "lab", confidence: .high),
            EnergyCoefficient(carrier: coal, published: "0.6500", perUnit: .tonne, numerator: .tce, source: "x", confidence: .high),
            EnergyCoefficient(carrier: EnergyCarrier.builtIn("电力")!, published: "1.229", perUnit: EnergyUnit.parse("万kWh")!,
                              numerator: .tce, equivalentValue: 3_000, source: "y", confidence: .high),
        ], name: "user")
        let settings = EnergyConversionSettings(table: table)
        #expect(energyClose(try Self.tce(10, "t", "生物质", settings: settings), 5, 1e-12))
        #expect(energyClose(try Self.tce(10, "t", "原煤", settings: settings), 6.5, 1e-12))
        let e = try StandardCoalConversion.make(carrierName: "电力", unitText: "kWh", settings: settings)
        #expect(energyClose(e.tcePerUnit, 0.0001229, 1e-12) && energyClose(e.equivalentTcePerUnit, 0.0003, 1e-12))
    }
}

@Suite("Energy: the kJ/kcal basis is a parameter")
struct EnergyCalorieBasisTests {
    @Test("MJ amounts and MJ/kg heating values follow kJ/kcal; kcal-based inputs stay exact")
    func basis() throws {
        let it = EnergyConversionSettings(), old = EnergyConversionSettings(kilojoulesPerKcal: 4.1816)
        func tce(_ unit: String, _ carrier: String?, _ hv: HeatingValue? = nil, _ s: EnergyConversionSettings) throws -> Double {
            try StandardCoalConversion.make(carrierName: carrier, unitText: unit, heatingValue: hv, settings: s).tcePerUnit
        }
        #expect(energyClose(try tce("GJ", nil, nil, old), 1 / 29.2712, 1e-12))
        #expect(energyClose(try tce("GJ", nil, nil, it), 1 / 29.3076, 1e-12))
        #expect(energyClose(try tce("Gcal", nil, nil, old), 1 / 7, 1e-12))
        #expect(energyClose(try tce("Gcal", nil, nil, it), 1 / 7, 1e-12))
        let mj = HeatingValue(stream: "C", value: 20.908, unit: "MJ/kg"), kcal = HeatingValue(stream: "C", value: 5_000, unit: "kcal/kg")
        #expect(energyClose(try tce("t", "原煤", mj, old), 20_908.0 / 4.1816 / 7_000, 1e-12))  // = 5 000 kcal/kg
        #expect(energyClose(try tce("t", "原煤", kcal, old), 5_000.0 / 7_000, 1e-12))
        #expect(energyClose(try tce("t", "原煤", kcal, it), 5_000.0 / 7_000, 1e-12))
        #expect(throws: EnergyError.self) { try tce("t", "原煤", nil, EnergyConversionSettings(kilojoulesPerKcal: 1)) }
    }
}
