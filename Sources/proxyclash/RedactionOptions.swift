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
    }

    /// The redactor the flags ask for, or nil.
    func redactor() throws -> Redactor? {
        guard let redact else { return nil }
        if let redactKey { return Redactor(key: Data(redactKey.utf8), mode: redact) }
        guard let path = redactKeyFile, let key = FileManager.default.contents(atPath: path), !key.isEmpty else {
            StandardError.line("\(redactKeyFile ?? ""): redaction key file cannot be read or is empty")
            throw ExitStatus.usage
        }
        return Redactor(key: key, mode: redact)
    }
}
