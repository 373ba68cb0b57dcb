import Foundation
import Testing

/// The README's Swift example is the file that `make test` compiles and runs: they must not drift apart.
@Suite("README")
struct ReadmeExampleTests {
    @Test("the README's library example is Examples/swift-package/Sources/readme-example/main.swift verbatim")
    func exampleMatches() throws {
        let root = BalanceRunner.repositoryRoot
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let example = try String(
            contentsOf: root.appendingPathComponent("Examples/swift-package/Sources/readme-example/main.swift"), encoding: .utf8)
        #expect(example.contains("import AuditBalance"))
        #expect(readme.contains("```swift\n" + example + "```"))
    }

    @Test("the README shows the two commands and links the format reference")
    func commands() throws {
        let readme = try String(contentsOf: BalanceRunner.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("make demo") && readme.contains("make test"))
        #expect(readme.contains("(docs/FORMATS.md)"))
    }
}
