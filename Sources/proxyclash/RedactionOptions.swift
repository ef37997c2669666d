import ArgumentParser
import Foundation
import ProxyClashReport

extension Redactor.Mode: ExpressibleByArgument {}

/// `--redact full|local-part` with its key, for reports meant to leave the team.
struct RedactionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Replace addresses, owners, tenants and GUIDs by stable pseudonyms: full, or local-part (keep domains and tenants).", valueName: "mode"))
    var redact: Redactor.Mode?

    @Option(help: ArgumentHelp("Secret key for the pseudonyms (the same key gives the same pseudonyms every week).", valueName: "key"))
    var redactKey: String?

    @Option(help: ArgumentHelp("File holding the secret key for the pseudonyms.", valueName: "file"))
    var redactKeyFile: String?

    func validate() throws {
        if redactKey != nil, redactKeyFile != nil { throw ValidationError("give --redact-key or --redact-key-file, not both") }
        if redact != nil, redactKey == nil, redactKeyFile == nil {
            throw ValidationError("--redact needs a key: --redact-key KEY or --redact-key-file FILE")
        }
        if redact == nil, redactKey != nil || redactKeyFile != nil { throw ValidationError("--redact-key needs --redact full or --redact local-part") }
        // An empty key is an HMAC anyone can recompute: the pseudonyms would hide nothing.
        if redactKey?.isEmpty == true { throw ValidationError("--redact-key is empty: give a secret key") }
    }

    /// The redactor the flags ask for, or nil.
    func redactor() throws -> Redactor? {
        guard let redact else { return nil }
        if let redactKey { return Redactor(key: Data(redactKey.utf8), mode: redact) }
        guard let path = redactKeyFile, let contents = FileManager.default.contents(atPath: path) else {
            StandardError.line("\(redactKeyFile ?? ""): redaction key file cannot be read")
            throw ExitStatus.usage
        }
        let key = Self.keyFileKey(contents)
        guard !key.isEmpty else {
            StandardError.line("\(path): redaction key file is empty")
            throw ExitStatus.usage
        }
        return Redactor(key: key, mode: redact)
    }

    /// A key file's key: its bytes without one final line end (`echo key > file` writes `key\n`,
    /// and gives the same pseudonyms as `--redact-key key`).
    static func keyFileKey(_ contents: Data) -> Data {
        var key = contents
        guard key.last == UInt8(ascii: "\n") else { return key }
        key.removeLast()
        if key.last == UInt8(ascii: "\r") { key.removeLast() }
        return key
    }
}
