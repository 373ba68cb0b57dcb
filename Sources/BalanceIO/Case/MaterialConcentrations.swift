import BalanceStandards

extension LoadedCase {
    /// The rows of `components.csv` as concentrations for material and pollutant balances
    /// (``BalanceStandards/MaterialBalance``); heating values are left to the energy balance.
    public var materialConcentrations: [MaterialConcentration] {
        components.filter { !HeatingValue.isHeatingValue(component: $0.component) }.map {
            MaterialConcentration(stream: $0.stream, component: $0.component, value: $0.value, sigma: $0.sigma,
                                  unit: $0.unit, location: $0.location)
        }
    }
}
