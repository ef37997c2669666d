/// Where an incident's proxy address was read: the message itself, or the log around it (the
/// command that failed, a proxy-address field of the same record). The report calls an incident
/// without an address `none`.
public enum AddressSource: String, Sendable, Codable, Comparable {
    /// The conflict message names the address.
    case message
    /// The message does not; the record's context does (``ContextAddress``).
    case context

    /// The message beats the context: an incident keeps the best-sourced address it was given.
    public static func < (lhs: AddressSource, rhs: AddressSource) -> Bool {
        lhs == .message && rhs == .context
    }
}
