/// Where a message was read: `path:line` (`archive.zip!member` for archive members).
public struct SourceRef: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let path: String
    public let line: Int

    public init(path: String, line: Int) {
        self.path = path
        self.line = line
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.path.utf8.lexicographicallyPrecedes(rhs.path.utf8) || (lhs.path.utf8.elementsEqual(rhs.path.utf8) && lhs.line < rhs.line))
    }

    public var description: String { "\(path):\(line)" }
}
