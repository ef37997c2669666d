/// One thing to scan: a file found on disk, or standard input.
public struct InputItem: Hashable, Sendable {
    /// The path as shown in reports (`-` stands for standard input; bytes that are not UTF-8 as `\xHH`).
    public let displayPath: String
    /// The path to open, or nil for standard input.
    public let fileSystemPath: FileSystemPath?
    /// Found by walking a folder rather than named by the user: only a regular file is read (a
    /// file that turned into a FIFO or device since the walk saw it is skipped, never waited on).
    package let walked: Bool

    public static let standardInput = InputItem(displayPath: "-", fileSystemPath: nil, walked: false)

    public init(path: String) {
        self.init(path: FileSystemPath(path), walked: false)
    }

    package init(path: FileSystemPath, walked: Bool) {
        self.init(displayPath: path.display, fileSystemPath: path, walked: walked)
    }

    private init(displayPath: String, fileSystemPath: FileSystemPath?, walked: Bool) {
        self.displayPath = displayPath
        self.fileSystemPath = fileSystemPath
        self.walked = walked
    }
}
