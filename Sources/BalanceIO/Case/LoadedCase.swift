import BalanceCore

/// A case as read from its files: the validated model plus what the model does not hold.
public struct LoadedCase: Sendable {
    /// The balance network (streams, nodes, relations), validated.
    public var model: BalanceModel
    /// The rows of `components.csv`, in file order (empty without that file).
    public var components: [ComponentMeasurement]
    /// Non-fatal findings, each `file:line:column: text` (unknown or unnamed columns).
    public var warnings: [String]
    /// The files read, as paths joined from what the user gave (or the in-memory names).
    public var files: [String]
    /// The case name: the case folder's name.
    public var name: String
    /// The rows of `covariance.csv`, then the correlations of streams read by one meter (`meters.csv`); empty:
    /// independent measurement errors.
    public var covariance: [CovarianceEntry] = []
    /// The rows of `meters.csv`, in file order (empty without that file): each measured stream's meter, class and
    /// systematic part. Streams read by one meter with a systematic part are correlated through ``covariance``
    /// already; `compare` correlates the two periods' readings of one meter.
    public var meters: [MeterAssignment] = []
    /// The equations of `equations.csv`, in file order (empty without that file).
    public var equations: [BalanceEquation] = []
    /// The folder the case was read from (`nil` for a case held in memory): where a command looks for
    /// further files of the case, such as the energy balance's `coefficients.csv`.
    public var folder: String?
    /// Whether the streams file's header is Chinese (`CaseFiles.hasChineseHeader(bytes:)`), recorded by the loader
    /// from the bytes it read (a folder's case); `nil` when not recorded (a workbook, a case given as text), where
    /// the default report language looks at `files.first` instead.
    package var streamsHeaderIsChinese: Bool?

    /// The full measurement covariance, validated (positive definite), or `nil` for independent errors.
    /// - Throws: ``InputError`` naming `covariance.csv` and the offending row.
    public func measurementCovariance() throws(InputError) -> MeasurementCovariance? {
        do throws(ModelError) {
            return try MeasurementCovariance(model: model, entries: covariance)
        } catch {
            throw InputError(error, file: error.location?.file ?? CaseLoader.covarianceFile)
        }
    }

    public init(model: BalanceModel, components: [ComponentMeasurement] = [], warnings: [String] = [],
                files: [String] = [], name: String) {
        self.model = model
        self.components = components
        self.warnings = warnings
        self.files = files
        self.name = name
    }
}

