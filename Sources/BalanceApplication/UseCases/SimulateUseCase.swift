import BalanceCore
import BalanceIO

/// `simulate`: Monte Carlo power and AVTI of serial elimination, compensation and GLR for a bias of
/// ``AuditOptions/bias`` σ on each redundant meter (Narasimhan & Jordache 2000).
enum SimulateUseCase {
    /// - Complexity: O(trials × redundant meters × cost of one identification).
    static func run(_ loaded: LoadedCase, options: AuditOptions) throws(ApplicationError) -> AuditOutcome {
        let file = loaded.files.first ?? loaded.name
        var truthValues: [Double?]?
        if let truth = options.truth {
            do throws(InputError) {
                truthValues = try TruthFile.load(truth, model: loaded.model, encoding: options.encoding)
            } catch {
                throw ApplicationError(error)
            }
        }
        let simulation = DetectionSimulation.Options(
            bias: options.bias, trials: options.trials, seed: options.seed, alpha: options.alpha)
        // One BLAS thread: the trials are reproducible bit for bit.
        BLASInfo.setThreadCount(1)
        let result: DetectionSimulation.Result
        do throws(ReconciliationError) {
            result = try DetectionSimulation.run(model: loaded.model, truth: truthValues, options: simulation)
        } catch {
            throw ApplicationError(error, file: file)
        }
        var run = RunRecord(command: .simulate)
        run.alpha = options.alpha
        var report = SimulationReport(caseName: loaded.name, options: simulation, result: result)
        report.language = options.language
        return AuditOutcome(
            command: .simulate, options: options, run: run, document: .simulation(report),
            figures: BatchFigures(streams: loaded.model.streams.count), csvWarnings: [], model: loaded.model)
    }
}
