import BalanceIO

extension AuditReport {
    /// The reconciliation section from the `balance reconcile` JSON: the global test, and the adjustment of every
    /// measured stream (largest |z| first, flagged ones marked).
    static func reconciliation(_ json: JSONValue, zh: Bool) -> JSONValue {
        let test = json["globalTest"]
        let streams = (json["streams"]?.elements ?? []).filter { $0["measured"]?.double != nil }
        let ordered = streams.enumerated().sorted { lhs, rhs in
            let a = abs(lhs.element["z"]?.double ?? 0), b = abs(rhs.element["z"]?.double ?? 0)
            return a != b ? a > b : lhs.offset < rhs.offset
        }.map(\.element)
        let adjustments: [JSONValue] = ordered.map { stream in
            .object([
                ("id", stream["id"] ?? .null), ("name", stream["name"] ?? .null),
                ("measured", .string(ReportNumber.withSigma(stream["measured"]?.double, stream["sigma"]?.double))),
                ("reconciled", .string(ReportNumber.withSigma(stream["reconciled"]?.double, stream["reconciledSigma"]?.double))),
                ("adjustment", .string(ReportNumber.decimalsOf(stream["sigma"]?.double, stream["adjustment"]?.double))),
                ("z", .string(stream["z"]?.double.map { NumberFormatting.fixed($0, decimals: 2) } ?? "–")),
                ("classification", stream["classification"] ?? .null),
                ("flagged", stream["flagged"] ?? .bool(false)),
            ])
        }
        let unmeasured: [JSONValue] = (json["streams"]?.elements ?? []).filter { $0["measured"]?.double == nil }.map { stream in
            .object([
                ("id", stream["id"] ?? .null), ("name", stream["name"] ?? .null),
                ("estimate", .string(stream["reconciled"]?.double == nil ? (zh ? "不可观测" : "unobservable")
                    : ReportNumber.withSigma(stream["reconciled"]?.double, stream["reconciledSigma"]?.double))),
                ("classification", stream["classification"] ?? .null),
            ])
        }
        return .object([
            ("statistic", .string(ReportNumber.plain(test?["statistic"]?.double))),
            ("dof", test?["dof"] ?? .null),
            ("critical", .string(ReportNumber.plain(test?["critical"]?.double))),
            ("pValue", .string(test?["pValue"]?.double.map { NumberFormatting.general($0, significant: 3) } ?? "–")),
            ("alpha", test?["alpha"] ?? .null),
            ("passed", test?["passed"] ?? .null),
            ("failed", .bool(test?["passed"]?.flag == false)),
            ("adjustments", .array(adjustments)),
            ("unmeasured", .array(unmeasured)),
            ("afterCorrection", afterCorrection(json)),
        ])
    }

    /// The reconciliation section of a chapter that reconciled its data itself (energy, in tce): its global test,
    /// no adjustments table; `nil` for a test that is `null` (exact mode).
    static func globalTestOnly(_ test: JSONValue) -> JSONValue? {
        guard test["statistic"]?.double != nil else { return nil }
        return .object([
            ("statistic", .string(ReportNumber.plain(test["statistic"]?.double))), ("dof", test["dof"] ?? .null),
            ("critical", .string(ReportNumber.plain(test["critical"]?.double))),
            ("pValue", .string(test["pValue"]?.double.map { NumberFormatting.general($0, significant: 3) } ?? "–")),
            ("alpha", test["alpha"] ?? .null), ("passed", test["passed"] ?? .null),
            ("failed", .bool(test["passed"]?.flag == false)), ("adjustments", .array([])), ("unmeasured", .array([])),
            ("afterCorrection", .null),
        ])
    }

    /// The global test after the suspect meters' biases are removed (`afterGrossErrors`), or `null`.
    static func afterCorrection(_ json: JSONValue) -> JSONValue {
        guard let test = json["afterGrossErrors"]?["globalTest"] else { return .null }
        return .object([
            ("statistic", .string(ReportNumber.plain(test["statistic"]?.double))), ("dof", test["dof"] ?? .null),
            ("critical", .string(ReportNumber.plain(test["critical"]?.double))),
            ("pValue", .string(test["pValue"]?.double.map { NumberFormatting.general($0, significant: 3) } ?? "–")),
            ("passed", test["passed"] ?? .null),
        ])
    }

    /// The suspect meters (gross errors) and what they imply: the estimated bias ± σ with its 95 % interval, the
    /// bias relative to the reading, whether the meter reads high or low, and the meter's source.
    static func suspects(_ json: JSONValue, zh: Bool) -> [JSONValue] {
        var streams: [String: JSONValue] = [:]
        for stream in json["streams"]?.elements ?? [] {
            if let id = stream["id"]?.text { streams[id] = stream }
        }
        return (json["grossErrors"]?.elements ?? []).map { error in
            let id = error["stream"]?.text
            let stream = id.flatMap { streams[$0] }
            let bias = error["estimatedBias"]?.double, sigma = error["estimatedBiasSigma"]?.double
            let measured = stream?["measured"]?.double
            let interval = error["confidenceInterval95"]?.elements.compactMap(\.double) ?? []
            let node = error["node"]?.text
            return .object([
                ("stream", .string(id)), ("node", .string(node)), ("leak", .bool(error["type"]?.text == "leak")),
                ("name", stream?["name"] ?? .null), ("source", stream?["source"] ?? .null),
                ("bias", .string(ReportNumber.withSigma(bias, sigma))),
                ("magnitude", .string(bias.map { ReportNumber.withSigma(abs($0), sigma) })),
                ("interval", .string(interval.count == 2
                    ? "[\(ReportNumber.decimalsOf(sigma, interval[0])), \(ReportNumber.decimalsOf(sigma, interval[1]))]" : nil)),
                ("relative", .string(bias.flatMap { bias in measured.flatMap { $0 != 0 ? ReportNumber.percent(abs(bias / $0)) : nil } })),
                ("readsHigh", .bool((bias ?? 0) > 0)),
                ("corrected", .string(bias.flatMap { bias in measured.map { ReportNumber.decimalsOf(sigma, $0 - bias) } })),
                ("pValue", .string(error["pValue"]?.double.map { NumberFormatting.general($0, significant: 3) })),
            ])
        }
    }
}
