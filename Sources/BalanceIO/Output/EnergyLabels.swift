import BalanceStandards

/// The language of report labels (`--lang zh|en`) of the energy, savings and material reports.
/// JSON keys never change with it: they are the public API (FORMATS.md).
public enum LabelLanguage: String, Sendable, Hashable, CaseIterable {
    /// Chinese labels (中文), as in the standards' tables.
    case zh
    /// English labels.
    case en

    /// `true` for Chinese.
    public var isChinese: Bool { self == .zh }

    /// Picks the text of this language.
    public func pick(_ zh: String, _ en: String) -> String { isChinese ? zh : en }
}

/// The row labels of the GB/T 28751 table and the names of the enterprise figures, in both languages.
package enum EnergyLabels {
    package static func figure(_ key: String, _ lang: LabelLanguage) -> String {
        switch key {
        case "suppliedTce": return lang.pick("供入能量 (当量值)", "Supplied energy (calorific)")
        case "effectiveTce": return lang.pick("有效能量", "Effective energy")
        case "lossTce": return lang.pick("损失能量", "Losses")
        case "utilizationRate": return lang.pick("企业能量利用率 (当量)", "Energy utilisation rate (calorific)")
        case "suppliedEquivalentTce": return lang.pick("供入能量 (等价值)", "Supplied energy (equivalent)")
        case "resourceUtilizationRate": return lang.pick("企业能源利用率 (等价)", "Energy-resource utilisation rate (equivalent)")
        case "comprehensiveConsumptionTce": return lang.pick("综合能耗 (当量值)", "Comprehensive energy consumption (calorific)")
        case "comprehensiveConsumptionEquivalentTce":
            return lang.pick("综合能耗 (等价值)", "Comprehensive energy consumption (equivalent)")
        case "recoveredTce": return lang.pick("回收利用能量", "Recovered energy")
        case "exportTce": return lang.pick("外供能量", "Exported energy")
        case "unaccountedTce": return lang.pick("不明损失", "Unaccounted loss")
        case "unitProductConsumptionKgce": return lang.pick("单位产品综合能耗 (当量)", "Energy per unit product (calorific)")
        case "unitProductConsumptionEquivalentKgce":
            return lang.pick("单位产品综合能耗 (等价)", "Energy per unit product (equivalent)")
        case "unitOutputValueConsumptionTce": return lang.pick("单位产值综合能耗 (当量)", "Energy per output value (calorific)")
        case "unitOutputValueConsumptionEquivalentTce":
            return lang.pick("单位产值综合能耗 (等价)", "Energy per output value (equivalent)")
        default: return key
        }
    }

    static func row(_ key: String, _ lang: LabelLanguage) -> String {
        switch key {
        case "input": return lang.pick("供入能量", "Energy input")
        case "inputTotal": return lang.pick("供入小计", "Input subtotal")
        case "output": return lang.pick("产出 (送下一环节)", "Output (to other stages)")
        case "effective": return lang.pick("有效能量", "Effective energy")
        case "export": return lang.pick("外供", "Exported")
        case "recovered": return lang.pick("回收利用", "Recovered")
        case "loss": return lang.pick("损失能量", "Losses")
        case "lossTotal": return lang.pick("损失小计", "Loss subtotal")
        case "unaccounted": return lang.pick("不明损失", "Unaccounted")
        case "total": return lang.pick("合计 (产出+有效+外供+回收+损失)", "Total (output side)")
        case "closureResidual": return lang.pick("平衡差 (供入 − 合计)", "Closure residual (input − total)")
        case "efficiency": return lang.pick("能量利用率 η", "Efficiency η")
        default: return key
        }
    }

    static func status(_ status: EnergyStreamResult.Status, _ lang: LabelLanguage) -> String {
        switch status {
        case .measured: return lang.pick("实测/给定", "given")
        case .computed: return lang.pick("平衡计算", "computed")
        case .reconciled: return lang.pick("协调", "reconciled")
        case .nonredundant: return lang.pick("实测(无冗余)", "nonredundant")
        case .estimated: return lang.pick("协调估计", "estimated")
        case .fixed: return lang.pick("固定", "fixed")
        }
    }

    static func kind(_ kind: EnergyStreamKind, _ lang: LabelLanguage) -> String {
        lang.isChinese ? kind.chinese : kind.rawValue
    }
}
