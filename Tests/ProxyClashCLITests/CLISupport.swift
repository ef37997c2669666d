import Foundation

/// Shared by the CLI suites: the built binary, a runner, temporary files.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The `proxyclash` binary built next to this test bundle.
let binary: URL = {
    let sibling = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("proxyclash")
    if FileManager.default.isExecutableFile(atPath: sibling.path) { return sibling }
    return repositoryRoot.appendingPathComponent(".build/debug/proxyclash")
}()

struct Run {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs the binary in the repository folder with `arguments` and optional standard input.
func run(_ arguments: [String], stdin: String? = nil, executable: URL = binary, environment: [String: String] = [:]) throws -> Run {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = repositoryRoot
    var env = ProcessInfo.processInfo.environment
    env["SOURCE_DATE_EPOCH"] = "1795000000"
    env.removeValue(forKey: "PROXYCLASH_PATTERNS")
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
    let stderrData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
               stderr: String(decoding: stderrData, as: UTF8.self))
}

func temporaryFile(_ name: String, _ contents: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try Data(contents.utf8).write(to: url)
    return url
}

let conflictLine = #"2026-11-16T08:02:45Z ERROR The proxy address "SMTP:lee.chen@contoso.com" is already being used by "corp.example/Users/Lee". Choose another proxy address."#

/// Runs `script` with `/bin/sh` in the repository folder, `$PROXYCLASH` naming the binary: for
/// arguments that are not UTF-8, redirections and `timeout`.
func runShell(_ script: String) throws -> Run {
    try run(["-c", script], executable: URL(fileURLWithPath: "/bin/sh"), environment: ["PROXYCLASH": binary.path])
}

/// A new folder under the temporary folder, for one test.
func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// `stat` of a path without following a link at its end.
func fileStatus(_ path: String) -> stat? {
    var info = stat()
    return lstat(path, &info) == 0 ? info : nil
}
