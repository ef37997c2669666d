/// One thing to scan: a file found on disk, or standard input.
public struct InputItem: Hashable, Sendable {
    /// The path as shown in reports (`-` stands for standard input).
    public let displayPath: String
    /// The path to open, or nil for standard input.
    public let filePath: String?

    public static let standardInput = InputItem(displayPath: "-", filePath: nil)

    public init(path: String) {
        displayPath = path
        filePath = path
    }

    private init(displayPath: String, filePath: String?) {
        self.displayPath = displayPath
        self.filePath = filePath
    }
}
