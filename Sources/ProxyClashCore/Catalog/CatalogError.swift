/// Pattern files that could not be loaded: every problem found, each with its `file:line`.
public struct CatalogError: Error, Sendable, CustomStringConvertible {
    package let problems: [Problem]

    package struct Problem: Sendable, CustomStringConvertible {
        package let location: SourceLocation?
        package let message: String
        public var description: String {
            if let location { "\(location): \(message)" } else { message }
        }
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
