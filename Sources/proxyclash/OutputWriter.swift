import Foundation

/// Writes output in pieces, buffered into 64 KiB blocks: to stdout, or to a file that appears
/// only when complete (written beside it under a temporary name, then renamed over it).
final class OutputWriter {
    private let handle: FileHandle
    private let path: String?
    private let temporaryPath: String?
    private var buffer = Data()

    /// Opens stdout when `path` is nil.
    init(path: String?) throws {
        self.path = path
        guard let path else {
            handle = FileHandle.standardOutput
            temporaryPath = nil
            return
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let opened = FileHandle(forWritingAtPath: temporary) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary])
        }
        handle = opened
        temporaryPath = temporary
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 64 * 1024 { try flush() }
    }

    /// Writes what is left and, for a file, puts it in place.
    func finish() throws {
        try flush()
        guard let path, let temporaryPath else { return }
        try handle.close()
        if rename(temporaryPath, path) != 0 {
            let error = errno
            unlink(temporaryPath)
            throw POSIXError(POSIXErrorCode(rawValue: error) ?? .EIO)
        }
    }

    /// Removes the unfinished file (after a failure).
    func abandon() {
        guard let temporaryPath else { return }
        try? handle.close()
        unlink(temporaryPath)
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
