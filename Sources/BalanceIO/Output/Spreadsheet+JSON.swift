import BalanceStandards

extension Spreadsheet {
    /// The worksheets of a result's JSON document (FORMATS.md §5.11):
    /// - every array of objects becomes a sheet (`streams`, `nodes`, `units`, `table.rows`, …), one row per object,
    ///   one column per key in order of first appearance; an object inside becomes `key.sub` columns; an array of
    ///   numbers or text is joined with `; `; anything deeper is kept as compact JSON text;
    /// - every other value is a row of the first sheet, `summary` (概要): its key path and value.
    ///
    /// Numbers are stored as numbers, unrounded; `null` (not determinable) is written `—`. With `language` zh the
    /// sheet names and headers are the Chinese labels of ``label(_:language:)`` where one is defined, the JSON key
    /// otherwise.
    /// - Complexity: O(size of the document).
    public init(json: JSONValue, language: LabelLanguage) {
        var summary: [[Cell]] = []
        var summaryPercent: Set<Int> = []
        var sheets: [Sheet] = []
        func visit(_ value: JSONValue, path: String) {
            switch value {
            case let .object(members):
                for (key, member) in members { visit(member, path: path.isEmpty ? key : path + "." + key) }
            case let .array(items) where !items.isEmpty && items.allSatisfy({ if case .object = $0 { return true }; return false }):
                sheets.append(Self.sheet(path, items, language: language))
            case let .rows(rows) where rows.count > 0:
                visit(.array(rows.array), path: path)
            default:
                if Self.isFraction(path) { summaryPercent.insert(summary.count) }
                summary.append([.text(Self.label(path, language: language)), Self.cell(value)])
            }
        }
        visit(json, path: "")
        var first = Sheet(name: language == .zh ? "概要" : "summary",
                          columns: language == .zh ? ["项目", "值"] : ["item", "value"], rows: summary)
        first.percentRows = summaryPercent
        self.sheets = Self.uniqueNames([first] + sheets)
    }

    /// One sheet from an array of objects.
    static func sheet(_ path: String, _ items: [JSONValue], language: LabelLanguage) -> Sheet {
        var columns: [String] = []
        var position: [String: Int] = [:]
        var rows: [[Cell]] = []
        rows.reserveCapacity(items.count)
        for item in items {
            guard case let .object(members) = item else { continue }
            var row: [Cell] = []
            func put(_ key: String, _ cell: Cell) {
                let k: Int
                if let known = position[key] { k = known } else {
                    k = columns.count
                    position[key] = k
                    columns.append(key)
                }
                while row.count <= k { row.append(.empty) }
                row[k] = cell
            }
            for (key, value) in members {
                if case let .object(inner) = value {
                    for (sub, subValue) in inner { put(key + "." + sub, cell(subValue)) }
                } else {
                    put(key, cell(value))
                }
            }
            rows.append(row)
        }
        let name = path.split(separator: ".").map { label(String($0), language: language) }.joined(separator: ".")
        var sheet = Sheet(name: name, columns: columns.map { label($0, language: language) }, rows: rows)
        sheet.percentColumns = Set(columns.indices.filter { isFraction(columns[$0]) })
        return sheet
    }

    /// Whether the value at a key path is a fraction by its name (the last part): a rate (`repeatUtilizationRate`,
    /// `utilizationRate`, `repeatRate` and their σ), a closure or relative imbalance, a share. Values of mixed
    /// kinds (`indicatorDetails.value`: a rate or V_uf) are not.
    static func isFraction(_ path: String) -> Bool {
        let last = path.split(separator: ".").last.map(String.init) ?? path
        return last.hasSuffix("Rate") || last.hasSuffix("RateSigma") || fractionKeys.contains(last)
    }

    /// Keys that hold a fraction without saying `Rate`.
    static let fractionKeys: Set<String> = [
        "closure", "relativeImbalance", "share", "shareOfInput", "shareOfTotal", "relativeSigma", "tolerance",
        "unitTolerance", "boundaryTolerance", "efficiency", "sigmaReduction",
    ]

    /// A JSON value as one cell.
    static func cell(_ value: JSONValue) -> Cell {
        switch value {
        case .null: return .notDeterminable
        case let .bool(b): return .bool(b)
        case let .number(x): return .number(x)
        case let .integer(i): return .number(Double(i))
        case let .string(s): return .text(s)
        case let .array(items):
            if items.isEmpty { return .empty }
            var parts: [String] = []
            for item in items {
                switch item {
                case let .string(s): parts.append(s)
                case let .number(x): parts.append(x.description)
                case let .integer(i): parts.append(String(i))
                case let .bool(b): parts.append(b ? "true" : "false")
                case .null: parts.append("—")
                default: return .text(String(decoding: value.serializedBytes(indent: 0), as: UTF8.self))
                }
            }
            return .text(parts.joined(separator: "; "))
        case let .rows(rows): return cell(.array(rows.array))
        case .object: return .text(String(decoding: value.serializedBytes(indent: 0), as: UTF8.self))
        }
    }

    /// Sheet names as Excel accepts them: `[]:*?/\` replaced by `_`, at most 31 characters, unique (a repeated name
    /// gets ` (2)`, ` (3)`, …).
    static func uniqueNames(_ sheets: [Sheet]) -> [Sheet] {
        var used: Set<String> = []
        return sheets.map { sheet in
            var base = String(sheet.name.map { "[]:*?/\\".contains($0) ? "_" : $0 })
            if base.isEmpty { base = "sheet" }
            var name = String(base.prefix(maximumSheetName))
            var k = 2
            while used.contains(name.lowercased()) {
                let suffix = " (\(k))"
                name = String(base.prefix(maximumSheetName - suffix.count)) + suffix
                k += 1
            }
            used.insert(name.lowercased())
            var renamed = sheet
            renamed.name = name
            return renamed
        }
    }

    /// The Chinese label of a JSON key (or of each part of a key path), for sheet names and headers; the key itself
    /// in English or where none is defined. The labels follow the report text (GB/T 12452, GB/T 3484 wording).
    public static func label(_ key: String, language: LabelLanguage) -> String {
        guard language == .zh else { return key }
        if key.contains(".") {
            return key.split(separator: ".").map { label(String($0), language: language) }.joined(separator: ".")
        }
        return labels[key] ?? key
    }

    static let labels: [String: String] = [
        "id": "编号", "name": "名称", "from": "来源", "to": "去向", "kind": "类别", "unit": "单位", "source": "数据来源",
        "measured": "测量值", "sigma": "标准差", "reconciled": "协调值", "reconciledSigma": "协调值标准差",
        "adjustment": "调整量", "classification": "可观测性", "flagged": "可疑", "u95": "扩展不确定度",
        "reconciledU95": "协调值扩展不确定度", "value": "数值", "valueSigma": "数值标准差", "streams": "流股",
        "nodes": "节点", "node": "节点", "stream": "流股", "units": "用水单元", "groups": "分组", "categories": "用水类别",
        "enterprise": "企业", "totals": "合计", "indicators": "指标", "indicatorDetails": "指标明细",
        "indicatorUncertainties": "指标不确定度", "totalUncertainties": "合计不确定度", "closures": "闭合",
        "globalTest": "全局检验", "grossErrors": "显著误差", "nodalTests": "节点检验", "measurementTest": "测量检验",
        "statistic": "统计量", "dof": "自由度", "critical": "临界值", "pValue": "p值", "alpha": "显著性水平",
        "passed": "通过", "warnings": "警告", "notes": "说明", "run": "运行参数", "intake": "新水量", "reuse": "重复利用水量",
        "consumption": "耗水量", "discharge": "排水量", "leakage": "漏失水量", "totalUse": "总用水量",
        "circulating": "循环水量", "export": "外供水量", "closure": "闭合差", "inputs": "输入", "outputs": "输出",
        "input": "输入", "output": "输出", "imbalance": "不平衡量", "relativeImbalance": "相对不平衡",
        "components": "组分", "component": "组分", "table": "能量平衡表", "rows": "行", "carrier": "能源品种",
        "tce": "折标煤(tce)", "tceSigma": "折标煤标准差", "status": "状态", "symbol": "符号", "formula": "公式",
        "benchmark": "基准", "estimatedBias": "估计偏差", "type": "类型", "balance": "平衡", "residual": "残差",
        "imbalanceMeasured": "测量不平衡", "imbalanceReconciled": "协调后不平衡", "unmeasuredStreams": "未测流股",
        "balanced": "参与平衡", "parameters": "参数", "coefficients": "折算系数", "uncertainty": "不确定度",
        "level": "层级", "category": "用水类别", "depth": "层次", "seriesIn": "串联进水量", "seriesOut": "串联出水量",
        "inflow": "进水量", "outflow": "出水量", "withinTolerance": "满足容差", "repeatRate": "重复利用率",
        "repeatRateSigma": "重复利用率标准差", "key": "键", "numerator": "分子", "denominator": "分母",
        "nameZh": "中文名称", "reason": "说明", "meetsBenchmark": "达到基准", "computedFrom": "计算依据",
        "kindInferred": "类别为推断", "members": "成员", "sigmas": "标准差", "closesByConstruction": "按构造闭合",
        "imbalanceSigma": "不平衡量标准差", "physical": "实物量", "equivalentTce": "当量值折标煤(tce)",
        "tcePerUnit": "折标系数", "heatingValue": "热值", "shareOfInput": "占输入比例", "shareOfTotal": "占总量比例",
        "repeatUtilizationRate": "重复利用率", "indirectCoolingRecirculationRate": "间接冷却水循环率",
        "processWaterReuseRate": "工艺水回用率", "condensateReuseRate": "蒸汽冷凝水回用率", "leakageRate": "漏失率",
        "dischargeRate": "排水率", "intakePerProduct": "单位产品取水量", "intakePerOutputValue": "万元产值取水量",
        "domesticIntakePerPerson": "职工人均生活日新水量", "wastewaterReuseRate": "废水回用率",
        "nonConventionalSubstitutionRate": "非常规水资源替代率", "meteringRate": "水表计量率（一级）",
        "unitMeteringRate": "水表计量率（二级）", "nonConventional": "非常规水源", "covariance": "协方差",
        "sharedMeters": "共用仪表", "estimatedBiasSigma": "估计偏差标准差",
        "confidenceInterval95": "95%置信区间", "equivalentTo": "等价于", "afterGrossErrors": "剔除显著误差后",
        "nodalCritical": "节点检验临界值", "redundantMeasurements": "冗余测量", "vdiQuality": "VDI质量",
        "outputsByKind": "按类别输出", "concentrations": "浓度", "missing": "缺失", "reactive": "反应",
        "inputSigma": "输入标准差", "outputSigma": "输出标准差", "stageEfficiency": "各环节效率", "method": "方法",
        "case": "案例", "mode": "模式", "flowUnit": "流量单位", "production": "产量",
    ]
}
