/// One thing the user should know about the inputs: where (path and line when known) and what.
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible {
    public let path: String
    public let line: Int?
    public let category: DiagnosticCategory
    public let message: String

    public init(path: String, line: Int? = nil, category: DiagnosticCategory, message: String) {
        self.path = path
        self.line = line
        self.category = category
        self.message = message
    }

    /// `path:line: message`, the one-line form printed on stderr.
    public var description: String {
        if let line { "\(path):\(line): \(message)" } else { "\(path): \(message)" }
    }
}
