import Foundation
import Testing

/// What `-o` does to each kind of target (README, "Output and safety"). CI runs these as root,
/// where a careless rename would replace `/dev/null` for the whole machine.
@Suite(.serialized) struct OutputSafetyTests {
    let log = "SampleLogs/exo-provisioning-2026-11-16.log"

    @Test func aDeviceIsWrittenInPlaceAndStaysADevice() throws {
        try #require(fileStatus("/dev/null").map { $0.st_mode & S_IFMT == S_IFCHR } == true, "/dev/null was already broken before this test")
        let result = try run(["scan", log, "--format", "json", "-o", "/dev/null"])
        #expect(result.status == 1)
        #expect(result.stderr.isEmpty)
        let info = try #require(fileStatus("/dev/null"))
        #expect(info.st_mode & S_IFMT == S_IFCHR)
    }

    @Test func theInputIsRefusedAndLeftAsItWas() throws {
        let file = try temporaryFile("sync.log", conflictLine + "\n")
        let before = try Data(contentsOf: file)
        let result = try run(["scan", file.path, "-o", file.path])
        #expect(result.status == 64)
        #expect(result.stderr == "proxyclash: \(file.path): it is also an input ('\(file.path)'): refusing to write the output there (choose another --output)\n")
        #expect(try Data(contentsOf: file) == before)
    }

    @Test func aFileInsideAScannedFolderIsRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data((conflictLine + "\n").utf8).write(to: folder.appendingPathComponent("sync.log"))
        let result = try run(["scan", folder.path, "-o", folder.appendingPathComponent("sub/report.txt").path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("it is inside the folder being scanned ('\(folder.path)')"))
    }

    @Test func theHistoryStoreAndItsCompanionsAreRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("ops.sqlite").path
        #expect(try run(["scan", log, "--history", store, "-q", "-o", folder.appendingPathComponent("r.txt").path]).status == 1)
        let before = try Data(contentsOf: URL(fileURLWithPath: store))
        for target in [store, store + "-wal", store + "-shm"] {
            let result = try run(["scan", log, "--history", store, "-o", target])
            #expect(result.status == 64)
            #expect(result.stderr.contains("it is the history store"))
            let summary = try run(["summary", "--history", store, "-o", target])
            #expect(summary.status == 64)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before)
        #expect(fileStatus(store + "-wal").map { $0.st_mode & S_IFMT == S_IFREG } ?? true)
    }

    @Test func aSymbolicLinkStaysALinkAndItsTargetGetsTheReport() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("target.json").path
        let link = folder.appendingPathComponent("link.json").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.json")
        #expect(try run(["scan", log, "--format", "json", "-o", link]).status == 1)
        #expect(fileStatus(link).map { $0.st_mode & S_IFMT == S_IFLNK } == true)
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("\"schema\""))
    }

    @Test func anExistingFileKeepsItsModeAndItsHardLinks() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report.txt").path
        let secret = folder.appendingPathComponent("secret.txt").path
        let other = folder.appendingPathComponent("other-name.txt").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: report))
        try Data("old".utf8).write(to: URL(fileURLWithPath: secret))
        #expect(chmod(secret, 0o600) == 0)
        #expect(link(report, other) == 0)
        #expect(try run(["scan", log, "-o", report]).status == 1)
        #expect(try run(["scan", log, "-o", secret]).status == 1)
        #expect(fileStatus(secret).map { $0.st_mode & 0o777 } == 0o600)
        #expect(fileStatus(report)?.st_nlink == 2)
        #expect(try String(contentsOfFile: other, encoding: .utf8).hasPrefix("ProxyClash: "))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func writeFailuresSayWhatHappenedAndExitSeventyFour() throws {
        let file = try temporaryFile("plain.txt", "x")
        let cases = [
            (file.deletingLastPathComponent().appendingPathComponent("missing/report.txt").path, "the folder does not exist"),
            (file.path + "/report.txt", "a part of the path is a file, not a folder"),
            ("/dev/full", "no space left on the device"),
            (file.deletingLastPathComponent().path, "it is a folder"),
        ]
        for (target, reason) in cases {
            let result = try run(["scan", log, "-o", target])
            #expect(result.status == 74)
            #expect(result.stderr == "proxyclash: \(target): cannot write the output: \(reason)\n")
        }
        let stdout = try runShell("\"$PROXYCLASH\" scan \(log) > /dev/full")
        #expect(stdout.status == 74)
        #expect(stdout.stderr == "proxyclash: stdout: cannot write the output: no space left on the device\n")
    }

    /// A mistyped output folder is told before the scan: no scan warning is printed (the sample
    /// folder has inputs that warn), only the output's error.
    @Test func anOutputThatCannotBeCreatedIsToldBeforeTheScan() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-missing-\(UUID().uuidString)/report.json").path
        for arguments in [["-o", missing], ["--occurrences", missing, "-o", "/dev/null"]] {
            let result = try run(["scan", "SampleLogs"] + arguments)
            #expect(result.status == 74)
            #expect(result.stderr == "proxyclash: \(missing): cannot write the output: the folder does not exist\n")
        }
        #expect(!FileManager.default.fileExists(atPath: (missing as NSString).deletingLastPathComponent))
    }

    /// `-o F --occurrences F` (or `--occurrences` onto the file stdout goes to): one output
    /// would replace the other, so the scan is refused before it starts and F is left alone.
    @Test func occurrencesOntoTheReportAreRefused() throws {
        let file = try temporaryFile("both.json", "precious\n")
        let same = try run(["scan", log, "--occurrences", file.path, "-o", file.path])
        #expect(same.status == 64)
        #expect(same.stderr == "proxyclash: \(file.path): it is also where the report goes: refusing to write the occurrences there (choose another --occurrences)\n")
        let redirected = try runShell("\"$PROXYCLASH\" scan \(log) --occurrences '\(file.path)' > '\(file.path)'")
        #expect(redirected.status == 64)
        #expect(try String(contentsOf: file, encoding: .utf8) == "", "only the shell's truncation: nothing written")
        #expect(try run(["scan", log, "--occurrences", "/dev/null", "-o", "/dev/null"]).status == 1, "a device is never a conflict")
    }

    /// `-o /dev/stdout` writes where stdout writes: `>> file` still appends.
    @Test func standardOutputAsTheOutputKeepsAnAppend() throws {
        let file = try temporaryFile("keep.txt", "precious\n")
        let result = try runShell("\"$PROXYCLASH\" scan \(log) -o /dev/stdout >> '\(file.path)'")
        #expect(result.status == 1)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.hasPrefix("precious\nProxyClash: "))
    }

    /// Standard input as an input and the output at once, or stdout redirected onto an input.
    @Test func standardStreamsOnAnInputAreRefused() throws {
        let file = try temporaryFile("sync.log", conflictLine + "\n")
        let before = try Data(contentsOf: file)
        let stdin = try runShell("\"$PROXYCLASH\" scan - -o /dev/stdin < '\(file.path)'")
        #expect(stdin.status == 64)
        #expect(stdin.stderr == "proxyclash: /dev/stdin: it is also an input ('standard input'): refusing to write the output there (choose another --output)\n")
        let append = try runShell("\"$PROXYCLASH\" scan '\(file.path)' >> '\(file.path)'")
        #expect(append.status == 64)
        #expect(append.stderr == "proxyclash: stdout: it is also an input ('\(file.path)'): refusing to write the output there (choose another --output)\n")
        #expect(try Data(contentsOf: file) == before)
    }

    /// SQLite names the -wal after the store's real path: a store given through a link is guarded too.
    @Test func theStoreReachedThroughALinkIsRefusedToo() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("ops.sqlite").path
        #expect(try run(["scan", log, "--history", store, "-q", "-o", "/dev/null"]).status == 1)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link").path, withDestinationPath: "ops.sqlite")
        let result = try run(["scan", log, "--history", folder.appendingPathComponent("link").path, "-o", store + "-wal"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("it is the history store"))
    }

    @Test func anEmptyOutputPathIsAUsageError() throws {
        let result = try run(["scan", log, "-o", ""])
        #expect(result.status == 64)
        #expect(result.stderr == "proxyclash: '': an empty path: refusing to write the output there (choose another --output)\n")
    }

    @Test func patternListingsThatCannotBeWrittenExitSeventyFour() throws {
        for command in ["list", "check"] {
            let result = try runShell("\"$PROXYCLASH\" patterns \(command) > /dev/full")
            #expect(result.status == 74)
            #expect(result.stderr == "proxyclash: stdout: cannot write the output: no space left on the device\n")
        }
    }

    /// Standard input a pipe and `-o /dev/stdin`: refused, not written into the pipe.
    @Test func standardInputFromAPipeIsRefusedAsTheOutput() throws {
        let result = try runShell("printf '%s\\n' '\(conflictLine)' | timeout 20 \"$PROXYCLASH\" scan - -o /dev/stdin")
        #expect(result.status == 64)
        #expect(result.stderr.contains("it is also an input ('standard input')"))
    }

    /// With stdout closed the temporary file may get descriptor 1: it is still renamed into place.
    @Test func theReportIsPutInPlaceWhenStdoutIsClosed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("out.txt").path
        let result = try runShell("\"$PROXYCLASH\" scan \(log) -o '\(report)' >&-")
        #expect(result.status == 1)
        #expect(try String(contentsOfFile: report, encoding: .utf8).hasPrefix("ProxyClash: "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.txt"])
    }
}
