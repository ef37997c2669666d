import Foundation
import Testing

@Suite(.serialized) struct HostileInputCLITests {
    /// A file or member name with ESC sequences, BEL or a newline cannot drive the terminal or
    /// forge a line of stderr: each diagnostic is one line, control characters shown as escapes.
    @Test func namesCannotDriveTheTerminalOnStandardError() throws {
        let name = "/nonexistent/evil\u{1B}]0;OWNED\u{07}\u{1B}[2J\nproxyclash: forged.log"
        let result = try run(["scan", name])
        #expect(result.status == 2)
        #expect(!result.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("proxyclash: /nonexistent/evil\\u{1B}]0;OWNED\\u{7}\\u{1B}[2J\\u{A}proxyclash: forged.log"))
    }

    @Test func endlessZerosStopAtOnceAsBinary() throws {
        let start = Date()
        let result = try run(["scan", "/dev/zero", "--format", "json"])
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(result.status == 2)
        #expect(result.stderr == "proxyclash: /dev/zero: binary file (starts with NUL bytes): not scanned\n")
        let summary = (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["summary"] as? [String: Any]
        #expect(summary?["skipped"] as? Int == 1)
    }

    @Test func randomBytesStopAsBinary() throws {
        let start = Date()
        let result = try run(["scan", "/dev/urandom", "--format", "json", "--quiet"])
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("proxyclash: /dev/urandom: binary file ("))
        let summary = (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["summary"] as? [String: Any]
        #expect((summary?["diagnostics"] as? [String: Int])?["skipped-input"] == 1)
    }

    /// A folder holding a symbolic link loop and a file whose reads fail. `/proc/self/mem` fails
    /// with EIO for every user; a mode-000 file would not do, since root (CI) reads it anyway.
    /// The link to a folder is not followed (a note in the report); with -L the loop is walked once.
    @Test func folderWithALinkLoopAndAnUnreadableFileScansTheRest() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-hostile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "SampleLogs/exo-provisioning-2026-11-16.log", toPath: folder.appendingPathComponent("good.log").path)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("mem.log").path, withDestinationPath: "/proc/self/mem")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("sub/loop").path, withDestinationPath: "..")
        for follow in [false, true] {
            let result = try run(["scan", folder.path, "--format", "json"] + (follow ? ["-L"] : []))
            #expect(result.status == 2)
            #expect(result.stderr == "proxyclash: \(folder.path)/mem.log: read error: Input/output error\n")
            let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            #expect((json?["incidents"] as? [Any])?.count == 3)
            let statuses = (json?["inputs"] as? [[String: Any]])?.map { "\(($0["path"] as? String ?? "").split(separator: "/").last ?? ""): \($0["status"] ?? "")" }
            #expect(statuses == ["good.log: scanned", "mem.log: unreadable"])
            #expect((json?["summary"] as? [String: Any])?["skipped"] as? Int == 1)
            let notes = (json?["diagnostics"] as? [[String: Any]])?.filter { $0["category"] as? String == "skipped-path" }.compactMap { $0["message"] as? String }
            #expect(notes == [follow ? "folder already walked (reached again by another path): skipped"
                                     : "symbolic link to a folder: not followed (use -L/--follow to follow it)"])
        }
    }

    /// A 1 GiB line without a newline, fed through a FIFO: its first --max-record-length bytes
    /// are scanned, the rest is skipped over, and the line after it is found at its right number.
    @Test func oneGibibyteLineIsCutAndTheNextLineIsStillFound() throws {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-fifo-\(UUID().uuidString)").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let head = Data((conflictLine + " ").utf8)
        let tail = Data(("\n" + conflictLine.replacingOccurrences(of: "lee.chen", with: "after.line") + "\n").utf8)
        let block = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
        let writer = Thread {
            let handle = FileHandle(forWritingAtPath: fifo)
            handle?.write(head)
            for _ in 0..<1024 { handle?.write(block) }
            handle?.write(tail)
            try? handle?.close()
        }
        writer.start()
        let result = try run(["scan", fifo, "--format", "json"])
        #expect(result.status == 2)  // most of the line was not scanned
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let summary = json?["summary"] as? [String: Any]
        #expect(summary?["records"] as? Int == 2)
        #expect(summary?["bytes"] as? Int == head.count + (1 << 30) + tail.count)
        #expect((summary?["diagnostics"] as? [String: Int])?["overlong-record"] == 1)
        let places = (json?["incidents"] as? [[String: Any]])?.map { incident -> String in
            let place = ((incident["sources"] as? [String: Any])?["sample"] as? [[String: Any]])?.first
            return "\(incident["key"] ?? ""): line \(place?["line"] ?? "")"
        }
        #expect(places?.sorted() == ["smtp:after.line@contoso.com: line 2", "smtp:lee.chen@contoso.com: line 1"])
    }

    @Test func aFIFOIsReadLikeAFile() throws {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-fifo-\(UUID().uuidString)").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let writer = Thread {
            let handle = FileHandle(forWritingAtPath: fifo)
            handle?.write(Data(#"The proxy address "SMTP:pipe@contoso.com" is already being used by "x/y". Choose another proxy address."#.utf8 + [0x0A]))
            try? handle?.close()
        }
        writer.start()
        let result = try run(["scan", fifo, "--format", "json"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("smtp:pipe@contoso.com"))
    }

    @Test func controlSequencesInLogsReachTheTerminalEscaped() throws {
        let file = try temporaryFile("evil.log", "The proxy address \"SMTP:a@contoso.com\" is already being used by \"x/\u{1B}]8;;http://evil\u{7}click\u{1B}]8;;\u{7}\u{1B}[2J\u{202E}gpj.exe\". Choose another proxy address.\n")
        let result = try run(["scan", file.path, "--color", "always"])
        #expect(!result.stdout.contains("\u{1B}]"))
        #expect(!result.stdout.contains("\u{1B}[2J"))
        #expect(!result.stdout.contains("\u{202E}"))
        // Escape sequences are taken out before matching; other controls (a BiDi override) are
        // shown as visible escapes.
        #expect(!result.stdout.contains("http://evil"))
        #expect(result.stdout.contains("x/click\\u{202E}gpj.exe"))
    }
}
