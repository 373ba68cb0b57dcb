import ArgumentParser
import AuditBalance

extension Balance {
    /// `balance advise CASE`: where to add or improve meters.
    struct Advise: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "advise",
            abstract: "Advise where to add or improve meters (observability and uncertainty).",
            discussion: """
                Lists, for each unobservable stream, the single new meters that would determine it. With --target,
                ranks every possible new meter (on an unmeasured stream, σ = --new-meter-uncertainty of its
                estimate) and every existing meter made better (σ × --improvement-factor) by how much it reduces
                the uncertainty of the target streams — the basis of a metering plan (GB 24789, GB 17167).

                Examples:
                  balance advise Datasets/demo/dyeing-plant-water
                  balance advise plant --target W07 --target W09 --improvement-factor 0.5
                """
        )

        @OptionGroup var input: CaseOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var operatingTime: OperatingTimeOptions

        @Option(name: .customLong("target"), help: "A stream whose uncertainty should shrink (repeatable).")
        var targets: [String] = []

        @Option(help: "σ of a new meter, relative to the stream's estimate (e.g. 1.15% for a class-2 meter: 2 %/√3), or absolute.")
        var newMeterUncertainty: String = "1.15%"

        @Option(parsing: .unconditional, help: "An improved meter's σ is the present σ times this factor (0 < f < 1).")
        var improvementFactor: Double = 0.5

        @Option(help: "Default uncertainty for measured streams without one: absolute (0.5) or relative (2%).")
        var defaultUncertainty: String?

        @Option(parsing: .unconditional, help: "How many ranked meters to show in text formats.")
        var top: Int = 10

        @OptionGroup var language: LanguageOptions

        func options() throws -> AuditOptions {
            var options = AuditOptions()
            options.encoding = input.encoding
            language.apply(to: &options)
            operatingTime.apply(to: &options)
            options.targets = targets
            guard let spec = try CLI.uncertainty(newMeterUncertainty, option: "--new-meter-uncertainty") else {
                throw ValidationError("--new-meter-uncertainty must be a positive number or percentage.")
            }
            options.newMeterUncertainty = spec
            options.improvementFactor = improvementFactor
            options.defaultUncertainty = try CLI.uncertainty(defaultUncertainty, option: "--default-uncertainty")
            options.top = top
            return options
        }

        func validate() throws {
            try CLI.validate(try options(), for: .advise)
        }

        func run() throws {
            CLI.execute(.advise, casePath: input.casePath, options: try options(), output: output)
        }
    }
}
