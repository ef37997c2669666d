import Foundation
import Testing
@testable import ProxyClashCore

@Suite struct PatternLocatorTests {
    /// An installed layout, <prefix>/bin/proxyclash and <prefix>/share/proxyclash/patterns, in a
    /// temporary folder removed afterwards.
    private func withInstalledLayout(_ body: (_ prefix: String) throws -> Void) throws {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("pattern-locator-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        try FileManager.default.createDirectory(atPath: prefix + "/bin", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: prefix + "/share/proxyclash/patterns", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: prefix + "/bin/proxyclash", contents: Data()))
        try body(prefix)
    }

    @Test func anInstalledBinaryFindsTheShareFolderBesideItsBinFolder() throws {
        try withInstalledLayout { prefix in
            let found = PatternLocator.builtInDirectory(executablePath: prefix + "/bin/proxyclash", environment: [:], currentDirectory: "/")
            #expect(found == prefix + "/share/proxyclash/patterns")
        }
    }

    @Test func theEnvironmentVariableComesFirst() throws {
        try withInstalledLayout { prefix in
            let found = PatternLocator.builtInDirectory(executablePath: prefix + "/bin/proxyclash",
                                                        environment: [PatternLocator.environmentVariable: "/elsewhere"], currentDirectory: "/")
            #expect(found == "/elsewhere")
        }
    }
}
