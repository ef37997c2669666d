import Foundation
import Testing
@testable import ProxyClashCore

@Suite struct InputEnumeratorTests {
    @Test func foldersAreWalkedRecursivelyInNameOrder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-enum-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for path in ["b.log", "a/z.log", "a/c.log", "B.log", "a/sub/x.txt"] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x\n".utf8).write(to: url)
        }
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("a/sub/loop"), withDestinationURL: root.appendingPathComponent("a"))
        let (inputs, problems) = InputEnumerator().enumerate([root.path, "-", root.appendingPathComponent("missing.log").path])
        let relative = inputs.map { $0.displayPath.replacingOccurrences(of: root.path + "/", with: "") }
        #expect(relative == ["B.log", "a/c.log", "a/sub/x.txt", "a/z.log", "b.log", "-"])
        #expect(problems.map(\.category) == [.skippedPath, .unreadableInput])
        #expect(problems.first?.message == "symbolic link to a folder: not followed (use -L/--follow to follow it)")
        let followed = InputEnumerator(followLinks: true).enumerate([root.path]).problems
        #expect(followed.map(\.message) == ["folder already walked (reached again by another path): skipped"])
        #expect(problems.last?.message == "no such file or directory")
    }
}
