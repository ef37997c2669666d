import Foundation

/// Finds the built-in pattern folder at run time.
///
/// Search order: `$PROXYCLASH_PATTERNS`; `<prefix>/share/proxyclash/patterns` next to an
/// installed binary in `<prefix>/bin`; a `Patterns/` folder beside `Package.swift` in any parent of
/// the executable (a repository checkout running `.build/debug/proxyclash`); `Patterns/` in the
/// current folder.
package enum PatternLocator {
    /// Environment variable naming the built-in pattern folder.
    package static let environmentVariable = "PROXYCLASH_PATTERNS"

    /// The file the running process was started from. Not `argv[0]`: a binary found through `PATH`
    /// is started as plain `proxyclash`, which says nothing of the folder it is in.
    package static func runningExecutablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? ""
    }

    package static func builtInDirectory(executablePath: String = runningExecutablePath(),
                                        environment: [String: String] = ProcessInfo.processInfo.environment,
                                        currentDirectory: String = FileManager.default.currentDirectoryPath) -> String? {
        if let configured = environment[environmentVariable], !configured.isEmpty { return configured }
        let executable = URL(fileURLWithPath: executablePath, relativeTo: URL(fileURLWithPath: currentDirectory, isDirectory: true))
            .standardizedFileURL.resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        let installed = directory.deletingLastPathComponent().appendingPathComponent("share/proxyclash/patterns")
        if isDirectory(installed.path) { return installed.path }
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("Patterns")
            if isDirectory(candidate.path), FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return candidate.path
            }
            directory = directory.deletingLastPathComponent()
        }
        let local = URL(fileURLWithPath: currentDirectory).appendingPathComponent("Patterns").path
        return isDirectory(local) ? local : nil
    }

    private static func isDirectory(_ path: String) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
    }
}
