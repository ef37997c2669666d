/// Why the history store could not be used.
public enum HistoryError: Error, CustomStringConvertible, Sendable {
    /// The file could not be opened or created, or is not a ProxyClash history database.
    case unusable(path: String, reason: String)
    /// Another run holds the store longer than the wait allows.
    case busy(path: String)
    /// A read or write failed; nothing of this run was stored.
    case failed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unusable(path, reason): "\(path): history store cannot be used: \(reason) (the file was left as it is)"
        case let .busy(path): "\(path): history store is in use by another run; try again when it is done"
        case let .failed(path, reason): "\(path): history store: \(reason); nothing of this run was stored"
        }
    }
}
