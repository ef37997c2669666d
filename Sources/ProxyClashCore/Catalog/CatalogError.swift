/// Pattern files that could not be loaded: every problem found, each with its `file:line`.
public struct CatalogError: Error, Sendable, CustomStringConvertible {
    public let problems: [Problem]

    public struct Problem: Sendable, CustomStringConvertible {
        public let location: SourceLocation?
        public let message: String
        public var description: String {
            if let location { "\(location): \(message)" } else { message }
        }
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
