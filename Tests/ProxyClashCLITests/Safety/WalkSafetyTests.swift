import Foundation
import Testing

/// Folder walks that must end, and names that must be read (README, "Output and safety").
@Suite(.serialized) struct WalkSafetyTests {
    @Test func aFolderWithAFIFOAndALinkToRootEndsAndReportsItsLog() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data((conflictLine + "\n").utf8).write(to: folder.appendingPathComponent("sync.log"))
        #expect(mkfifo(folder.appendingPathComponent("pipe").path, 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("root").path, withDestinationPath: "/")
        let result = try runShell("timeout 60 \"$PROXYCLASH\" scan '\(folder.path)' --format json")
        #expect(result.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect((json?["inputs"] as? [[String: Any]])?.compactMap { $0["path"] as? String } == [folder.path + "/sync.log"])
        let notes = (json?["diagnostics"] as? [[String: Any]])?.filter { $0["category"] as? String == "skipped-path" }
            .compactMap { "\($0["path"] ?? ""): \($0["message"] ?? "")" }
        #expect(notes == [
            "\(folder.path)/pipe: FIFO (named pipe) in a folder: skipped (only regular files are read in folders; name it on the command line to read it)",
            "\(folder.path)/root: symbolic link to a folder: not followed (use -L/--follow to follow it)",
        ])
    }

    @Test func procSelfEnds() throws {
        let result = try runShell("timeout 60 \"$PROXYCLASH\" scan /proc/self/ --format json -q")
        #expect(result.status == 2)  // some /proc files refuse reads
        #expect((try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["schema"] as? String == "proxyclash.report/v1")
    }

    /// `bad\xff.log`: found in a folder walk and when named, shown as `bad\xFF.log`.
    @Test func aNameThatIsNotUTF8IsReadAndShownEscaped() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let create = try runShell("printf '%s\\n' '\(conflictLine.replacingOccurrences(of: "'", with: "'\\''"))' > \"$(printf '\(folder.path)/bad\\377.log')\"")
        #expect(create.status == 0)
        for target in ["'\(folder.path)'", "\"$(printf '\(folder.path)/bad\\377.log')\""] {
            let result = try runShell("\"$PROXYCLASH\" scan \(target) --format json")
            #expect(result.status == 1)
            #expect(result.stderr.isEmpty)
            let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            #expect((json?["inputs"] as? [[String: Any]])?.compactMap { $0["path"] as? String } == [folder.path + "/bad\\xFF.log"])
            #expect((json?["incidents"] as? [Any])?.count == 1)
        }
    }

    @Test func aFIFONamedOnTheCommandLineIsStillRead() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = try runShell("printf '%s\\n' '\(conflictLine)' > '\(fifo)' & timeout 60 \"$PROXYCLASH\" scan '\(fifo)' --format json")
        #expect(result.status == 1)
    }

    /// A file named twice, through a link, and in the folder given is scanned once: its message counts once.
    @Test func aFileReachedSeveralWaysIsScannedOnce() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a.log").path
        try Data((conflictLine + "\n").utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("b.log").path, withDestinationPath: "a.log")
        let result = try run(["scan", file, file, folder.path, "--format", "json"])
        #expect(result.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect((json?["summary"] as? [String: Any])?["messages"] as? Int == 1)
        #expect((json?["inputs"] as? [[String: Any]])?.compactMap { $0["path"] as? String } == [file])
        let notes = (json?["diagnostics"] as? [[String: Any]])?.compactMap { $0["message"] as? String }
        #expect(notes == Array(repeating: "the same file as '\(file)': scanned once", count: 3))
    }
}
