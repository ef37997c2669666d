#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProxyClashCore

/// Refuses, before anything is read, an output path that would overwrite or feed back into what
/// the command reads (GNU grep's "input file is also the output"): an input file, a file in a
/// folder being scanned, or the history store and its `-wal`/`-shm` companions.
struct OutputConflict: Error, CustomStringConvertible {
    let output: String
    let reason: String

    var description: String { "\(output): \(reason): refusing to write the output there (choose another --output)" }

    /// Checks `output` (as given on the command line), or standard output when there is none,
    /// and exits with a usage error on a conflict.
    static func refuse(output: String?, inputs: [FileSystemPath], history: String?) throws {
        do throws(OutputConflict) {
            if output?.isEmpty == true { throw OutputConflict(output: "''", reason: "an empty path") }
            try check(output: ReportOutput.path(output), inputs: inputs, history: history)
        } catch {
            StandardError.line(error.description)
            throw ExitStatus.usage
        }
    }

    /// Refuses an `--occurrences` file that is the report's own output (`-o F --occurrences F`,
    /// or the file standard output was redirected to): the one written last would replace the other.
    static func refuse(occurrences: String, report output: String?) throws {
        let occurrencesPath = RawArguments.path(occurrences)
        let reportPath = ReportOutput.path(output)
        let reportIdentity = reportPath.map(identity) ?? descriptorIdentity(STDOUT_FILENO)
        if reportIdentity?.isCharacterDevice == true { return }
        let sameFile = reportIdentity.map { identity(occurrencesPath)?.sameFile(as: $0) == true } ?? false
        let sameLocation = reportPath.flatMap(canonical).map { canonical(occurrencesPath) == $0 } ?? false
        guard sameFile || sameLocation else { return }
        StandardError.line("\(occurrencesPath.display): it is also where the report goes: refusing to write the occurrences there (choose another --occurrences)")
        throw ExitStatus.usage
    }

    /// Throws when the output is one of `inputs` (files, `-` for standard input, or folders whose
    /// walk would reach it) or one of the store's files. `output` nil stands for standard output,
    /// which conflicts only when the shell redirected it onto such a file (`scan x.log >> x.log`).
    /// Character devices (`/dev/null`) never conflict.
    static func check(output: FileSystemPath?, inputs: [FileSystemPath], history: String?) throws(OutputConflict) {
        let display = output?.display ?? "stdout"
        let outputIdentity = output.map(identity) ?? descriptorIdentity(STDOUT_FILENO)
        // A character device (`/dev/null`, a terminal) is never an input's file; a FIFO or socket
        // can be (`-o /dev/stdin` with stdin a pipe).
        if let outputIdentity, outputIdentity.isCharacterDevice { return }
        let outputLocation = output.flatMap(canonical)
        for input in inputs {
            let isStandardInput = input.bytes == [UInt8(ascii: "-")]
            let inputIdentity = isStandardInput ? descriptorIdentity(STDIN_FILENO) : identity(input)
            if let outputIdentity, inputIdentity?.sameFile(as: outputIdentity) == true {
                throw OutputConflict(output: display, reason: "it is also an input ('\(isStandardInput ? "standard input" : input.display)')")
            }
            if let folder = inputIdentity, folder.isDirectory, let outputLocation, let folderPath = canonical(input),
               outputLocation.starts(with: folderPath + [UInt8(ascii: "/")]) || folderPath == [UInt8(ascii: "/")] {
                throw OutputConflict(output: display, reason: "it is inside the folder being scanned ('\(input.display)'), so it would be read as an input")
            }
        }
        guard let history else { return }
        for file in storeFiles(history) {
            let sameFile = outputIdentity.map { identity(file)?.sameFile(as: $0) == true } ?? false
            if sameFile || (outputLocation != nil && canonical(file) == outputLocation) {
                throw OutputConflict(output: display, reason: "it is the history store ('\(file.display)')")
            }
        }
    }

    /// The history store's files: the store and its `-wal`, `-shm` and `-journal` companions,
    /// under the path given and under its real path (links resolved), which SQLite names the
    /// companions after.
    static func storeFiles(_ history: String) -> [FileSystemPath] {
        let given = RawArguments.path(history)
        let stores = [given] + (canonical(given).map { [FileSystemPath(bytes: $0)] } ?? [])
        return stores.flatMap { store in ["", "-wal", "-shm", "-journal"].map { FileSystemPath(bytes: store.bytes + Array($0.utf8)) } }
    }

    /// Device, inode and type of a file.
    struct Identity {
        let device: UInt64
        let inode: UInt64
        let mode: UInt32

        var isDirectory: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFDIR) }
        var isCharacterDevice: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFCHR) }
        var isRegularFile: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFREG) }
        func sameFile(as other: Identity) -> Bool { device == other.device && inode == other.inode }
    }

    /// Device, inode and type of an open descriptor (standard input or output).
    private static func descriptorIdentity(_ descriptor: Int32) -> Identity? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), mode: UInt32(info.st_mode))
    }

    /// Device, inode and type of what `path` leads to (links followed), nil when missing.
    static func identity(_ path: FileSystemPath) -> Identity? {
        var info = stat()
        guard path.withCString({ stat($0, &info) }) == 0 else { return nil }
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), mode: UInt32(info.st_mode))
    }

    /// The absolute path with links resolved, as bytes; for a path that does not exist (yet),
    /// its longest existing ancestor resolved and the rest of it as given.
    private static func canonical(_ path: FileSystemPath) -> [UInt8]? {
        var existing = path.bytes
        var rest: [[UInt8]] = []
        while true {
            if let resolved = FileSystemPath(bytes: existing.isEmpty ? [UInt8(ascii: ".")] : existing).resolved() {
                var bytes = resolved.bytes
                for component in rest.reversed() {
                    if bytes.last != UInt8(ascii: "/") { bytes.append(UInt8(ascii: "/")) }
                    bytes += component
                }
                return bytes
            }
            guard !existing.isEmpty, existing != [UInt8(ascii: "/")] else { return nil }
            let slash = existing.lastIndex(of: UInt8(ascii: "/"))
            rest.append(Array(existing[(slash.map { $0 + 1 } ?? 0)...]))
            existing = slash.map { $0 == 0 ? [UInt8(ascii: "/")] : Array(existing[..<$0]) } ?? []
        }
    }
}
