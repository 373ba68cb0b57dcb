import Foundation
import Testing

/// The same input gives the same bytes on every run, whatever the process's hash seed: no sum runs
/// in a dictionary's or a set's order (issue 10).
@Suite("The same input gives the same bytes")
struct ReproducibilityTests {
    static let runs: [[String]] = [
        ["reconcile", "demo/dyeing-plant-water"], ["reconcile", "generated/network_1000_streams"],
        ["water", "water/brewery-24-units"], ["energy", "energy/dyeing-mill-2024"],
        ["material", "material/chrome-plating-line"], ["check", "published/nj_heat_exchanger_bypass"],
    ]

    @Test("six processes (deterministic and random hashing) give identical JSON and tables", arguments: runs)
    func identicalBytes(_ run: [String]) throws {
        let path = BalanceRunner.dataset(run[1])
        for format in ["json", "table"] {
            var outputs = Set<String>()
            for i in 0..<6 {
                let environment = i % 2 == 0 ? ["SWIFT_DETERMINISTIC_HASHING": "1"] : [:]
                let result = try BalanceRunner.run([run[0], path, "--format", format], environment: environment)
                #expect(result.status == 0, "\(run) \(result.stderr)")
                outputs.insert(result.stdout)
            }
            #expect(outputs.count == 1, "\(run) \(format): \(outputs.count) different outputs")
        }
    }
}
