import ProxyClashCore

/// The proxy address a remediation works on, as PowerShell sees it: a single-quoted literal when
/// the log gave it (from the message or the record's context), else `$address`, which the
/// operator types in and which is checked to look like `smtp:user@domain` before anything uses it.
enum RemediationAddress: Equatable {
    /// Lower-case `type:address`, as Exchange and ADSyncTools compare it.
    case known(String, AddressSource)
    /// The log does not say: asked for with `Read-Host`.
    case asked

    /// What a typed address must look like.
    static let pattern = #"^(smtp|SMTP):\S+@\S+$"#

    /// The address an `aad-object-conflict` works on.
    init(_ incident: Incident) {
        if let address = incident.address {
            self = .known(address.lowercased(), incident.addressSource ?? .message)
        } else {
            self = .asked
        }
    }

    /// The PowerShell expression that stands for the address in a command.
    var expression: String {
        switch self {
        case let .known(address, _): PowerShell.quote(address)
        case .asked: "$address"
        }
    }

    /// Where the address comes from, for a comment.
    var origin: String {
        switch self {
        case let .known(address, .message): "\(address), from the conflict message."
        case let .known(address, .context): "\(address), from the log around the message (the command that failed, or a proxy-address field of the record)."
        case .asked: "not in the log: the script asks for it and checks it matches \(Self.pattern)."
        }
    }

    /// The two commands that ask for the address and refuse anything else (report form).
    static let askCommands = [
        "$address = Read-Host 'Proxy address you tried to add, with its prefix (smtp:user@contoso.com)'",
        "if ($address -cnotmatch '\(pattern)') { throw ('Not a proxy address (smtp:user@domain): ' + $address) }",
    ]
}
