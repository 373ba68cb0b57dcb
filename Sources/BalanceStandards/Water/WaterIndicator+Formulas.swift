extension WaterLedger {
    /// The indicator as a ratio of linear forms in the stream values, or why it cannot be computed.
    ///
    /// Formulas (FORMATS.md §3, STANDARDS.md §1.4; E = the enterprise, every node inside the boundary,
    /// C = the nodes of a category, quantities as in ``WaterQuantity``):
    /// - R   = V_r(E) / (V_f(E) + V_r(E))
    /// - r_c = V_cy(cooling) / (V_cy(cooling) + V_f(cooling))
    /// - r_g = V_r(process) / (V_r(process) + V_f(process)), V_r(process) = loops of process nodes + series and
    ///   condensate water they receive (also from one another)
    /// - r_b = Σ condensate / D, D = ``steamProduction``
    /// - K_l = V_l(E) / V_f(E);  K_d = V_d(E) / V_f(E) (V_d(E): discharge out of the boundary only)
    /// - V_uf = (V_f(E) − Σ_{excluded categories} V_f(C)) / Q;  V_wf = the same numerator / Z
    /// - V_lf = V_f(domestic) / n
    /// - K_w = V_w / (V_d(E) + V_w), V_w = ``treatedReuse`` (treatment stations' treated water sent to units)
    /// - K_u = V_u / V_f(E), V_u = ``nonConventionalIntake``
    /// - K_m1 = metered V_f(E) / V_f(E); K_m2 = metered ``unitInflow`` / ``unitInflow`` (a stream is metered when
    ///   measured with a source naming a meter)
    public func ratio(
        for indicator: WaterIndicator, production: WaterProduction? = nil
    ) -> Result<WaterRatio, WaterIndicatorUnavailable> {
        let e = enterprise
        switch indicator {
        case .repeatUtilizationRate:
            return .success(WaterRatio(e[.reuse], over: e[.intake] + e[.reuse]))
        case .indirectCoolingRecirculationRate:
            let nodes = self.nodes(in: .cooling)
            guard !nodes.isEmpty else { return .failure(.noNodes(.cooling)) }
            let c = forms(for: Set(nodes))
            return .success(WaterRatio(c[.circulating], over: c[.circulating] + c[.intake]))
        case .processWaterReuseRate:
            let nodes = self.nodes(in: .process)
            guard !nodes.isEmpty else { return .failure(.noNodes(.process)) }
            let p = forms(for: Set(nodes))
            return .success(WaterRatio(p[.reuse], over: p[.reuse] + p[.intake]))
        case .condensateReuseRate:
            guard let steam = steamProduction else { return .failure(.noSteamProduction) }
            return .success(WaterRatio(condensate, over: steam))
        case .leakageRate:
            return .success(WaterRatio(e[.leakage], over: e[.intake]))
        case .dischargeRate:
            return .success(WaterRatio(e[.discharge], over: e[.intake]))
        case .intakePerProduct:
            guard let production, production.quantity > 0 else { return .failure(.noProduction) }
            return .success(WaterRatio(productionIntake, over: WaterLinearForm(constant: production.quantity)))
        case .intakePerOutputValue:
            guard let value = network.parameters.outputValue, value > 0 else { return .failure(.noOutputValue) }
            return .success(WaterRatio(productionIntake, over: WaterLinearForm(constant: value)))
        case .wastewaterReuseRate:
            guard let treated = treatedReuse else { return .failure(.noNodes(.treatment)) }
            return .success(WaterRatio(treated, over: e[.discharge] + treated))
        case .nonConventionalSubstitutionRate:
            return .success(WaterRatio(nonConventionalIntake, over: e[.intake]))
        case .meteringRate:
            if let unknown = unspecifiedSources(e[.intake]) { return .failure(unknown) }
            return .success(WaterRatio(metered(e[.intake]), over: e[.intake]))
        case .unitMeteringRate:
            let inflow = unitInflow
            if let unknown = unspecifiedSources(inflow) { return .failure(unknown) }
            return .success(WaterRatio(metered(inflow), over: inflow))
        case .domesticIntakePerPerson:
            guard let staff = network.parameters.staff, staff > 0 else { return .failure(.noStaff) }
            let nodes = self.nodes(in: .domestic)
            guard !nodes.isEmpty else { return .failure(.noNodes(.domestic)) }
            return .success(WaterRatio(forms(for: Set(nodes))[.intake], over: WaterLinearForm(constant: staff)))
        }
    }

    /// The measured streams of `form` whose source is empty (up to five ids, in stream order), as the reason a
    /// metering rate cannot be determined; `nil` when every measured stream says where its value comes from.
    func unspecifiedSources(_ form: WaterLinearForm) -> WaterIndicatorUnavailable? {
        let ids = form.coefficients.keys.sorted().filter { j in
            let stream = network.model.streams[j]
            return stream.value != nil && DataSourceCategory(source: stream.source) == .unspecified
        }.map { network.model.streams[$0].id }
        guard !ids.isEmpty else { return nil }
        return .unspecifiedSources(Array(ids.prefix(5)) + (ids.count > 5 ? ["…"] : []))
    }

    /// V_yf: the enterprise's new water less that of the categories excluded from production water (default domestic).
    var productionIntake: WaterLinearForm {
        var intake = enterprise[.intake]
        for category in network.parameters.productionExcludedCategories.sorted() {
            let nodes = self.nodes(in: category)
            if !nodes.isEmpty { intake = intake - forms(for: Set(nodes))[.intake] }
        }
        return intake
    }
}
