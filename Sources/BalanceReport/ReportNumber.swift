import BalanceIO

/// How the report writes its figures: a value with its standard uncertainty to two significant digits of σ
/// (GUM §7.2.6), percentages for fractions, a fixed number of digits where no σ is known.
enum ReportNumber {
    /// `value ± σ` with the decimals of σ's two significant digits, or `value` to five significant digits when
    /// σ is absent or zero; `–` when the value is absent.
    /// With `input` (the value as measured), never coarser than the input's own decimals (issue 13).
    static func withSigma(_ value: Double?, _ sigma: Double?, input: Double? = nil) -> String {
        guard let value else { return "–" }
        guard let sigma, sigma > 0 else {
            guard let written = input.flatMap(NumberFormatting.inputDecimals) else { return plain(value) }
            return NumberFormatting.fixed(value, decimals: Swift.max(written, NumberFormatting.decimals(forValue: value)))
        }
        let decimals = NumberFormatting.decimals(forUncertainty: sigma, input: input)
        return NumberFormatting.fixed(value, decimals: decimals) + " ± " + NumberFormatting.fixed(sigma, decimals: decimals)
    }

    /// A fraction and its σ as percentages, `78.71 % ± 0.21 %`; the decimals follow σ (at least one).
    static func percentWithSigma(_ value: Double?, _ sigma: Double?) -> String {
        guard let value else { return "–" }
        guard let sigma, sigma > 0 else { return NumberFormatting.percent(value) }
        let decimals = Swift.max(1, NumberFormatting.decimals(forUncertainty: sigma * 100))
        return NumberFormatting.percent(value, decimals: decimals) + " ± " + NumberFormatting.percent(sigma, decimals: decimals)
    }

    /// `value` to five significant digits (at most eight decimals); `–` when absent.
    static func plain(_ value: Double?) -> String {
        guard let value else { return "–" }
        return NumberFormatting.fixed(value, decimals: NumberFormatting.decimals(forValue: value))
    }

    /// `value` with the decimals that show `sigma` to two significant digits (a bias's interval, an adjustment);
    /// five significant digits without σ; `–` when absent.
    static func decimalsOf(_ sigma: Double?, _ value: Double?) -> String {
        guard let value else { return "–" }
        guard let sigma, sigma > 0 else { return plain(value) }
        return NumberFormatting.fixed(value, decimals: NumberFormatting.decimals(forUncertainty: sigma))
    }

    /// A fraction as a percentage with `decimals` decimals; `–` when absent.
    static func percent(_ fraction: Double?, decimals: Int = 1) -> String {
        guard let fraction else { return "–" }
        return NumberFormatting.percent(fraction, decimals: decimals)
    }

    /// A flow with the decimals that its size needs (one decimal at 100–10,000): balance tables.
    static func flow(_ value: Double?) -> String {
        guard let value else { return "–" }
        return NumberFormatting.fixed(value, decimals: Swift.min(3, NumberFormatting.decimals(forValue: value, significant: 4)))
    }
}
