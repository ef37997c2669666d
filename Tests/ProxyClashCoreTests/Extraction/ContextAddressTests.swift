import Foundation
import Testing
@testable import ProxyClashCore

/// The address a dual-write message leaves out, read from the command that failed or from a field
/// of the same record (issue #16).
@Suite struct ContextAddressTests {
    @Test(arguments: [
        ("Set-Mailbox -Identity hr-shared -EmailAddresses @{Add='smtp:hr@contoso.com'}", "SMTP:hr@contoso.com"),
        ("set-mailbox hr-shared -emailaddresses @{add=\"SMTP:HR@Contoso.com\"}", "SMTP:hr@contoso.com"),
        ("Set-MailUser x -EmailAddresses @{Remove='smtp:old@contoso.com'; Add='smtp:new@contoso.com'}", "SMTP:new@contoso.com"),
        ("New-Mailbox -Shared -Name 'Facilities' -PrimarySmtpAddress facilities@contoso.com", "SMTP:facilities@contoso.com"),
        ("New-Mailbox -Shared -Name Lab -PrimarySmtpAddress:lab@contoso.com", "SMTP:lab@contoso.com"),
        ("Set-MailContact c -WindowsEmailAddress 'c.lee@contoso.com'", "SMTP:c.lee@contoso.com"),
        ("Set-Mailbox x -EmailAddresses 'SMTP:x@contoso.com'", "SMTP:x@contoso.com"),
    ])
    func aCommandThatAddsOneAddressGivesIt(command: String, address: String) {
        #expect(ContextAddress.inCommand(command) == address)
    }

    @Test(arguments: [
        // Two addresses added: which one conflicted is not known.
        "Set-Mailbox x -EmailAddresses @{Add='smtp:a@contoso.com','smtp:b@contoso.com'}",
        "Set-Mailbox x -EmailAddresses 'SMTP:a@contoso.com','smtp:b@contoso.com'",
        // Not an SMTP address, a placeholder, or no address at all.
        "Set-Mailbox x -EmailAddresses @{Add='SIP:a@contoso.com'}",
        "Set-Mailbox x -EmailAddresses @{Add='smtp:<address>@contoso.com'}",
        "Get-Mailbox -Identity hr-shared | Select-Object -ExpandProperty EmailAddresses",
        ".\\Add-Aliases.ps1 -Csv aliases.csv",
    ])
    func aCommandThatDoesNotSayGivesNothing(command: String) {
        #expect(ContextAddress.inCommand(command) == nil)
    }

    /// A prompt line of many `-EmailAddresses @{` and no `}` is read in one pass: read from every
    /// place, time grew with the square of its length (69 s for 76 KB; this one, 380 KB, would
    /// take half an hour and hit the hang guard).
    @Test(.timeLimit(.minutes(1)))
    func aHostileCommandLineEnds() {
        let command = "Set-Mailbox x" + String(repeating: " -EmailAddresses @{", count: 20_000)
        #expect(ContextAddress.inCommand(command) == nil)
    }

    @Test func aProxyAddressFieldOfTheRecordGivesIt() {
        #expect(ContextAddress.inFields(of: "message: ... ConflictingObject: PublicFolder_x\nProxyAddress: smtp:pf@contoso.com\n") == "SMTP:pf@contoso.com")
        #expect(ContextAddress.inFields(of: "proxyAddresses value: SMTP:pf@contoso.com") == "SMTP:pf@contoso.com")
        // The object's whole list is not the value that conflicted.
        #expect(ContextAddress.inFields(of: "proxyAddresses: SMTP:a@contoso.com") == nil)
        // A separator with a combining mark or a joiner after it is another character.
        #expect(ContextAddress.inFields(of: "proxyaddress:\u{301} jo@contoso.com") == nil)
        #expect(ContextAddress.inFields(of: "ProxyAddress=\u{200D}smtp:jo@contoso.com") == nil)
        #expect(ContextAddress.inFields(of: "  Proxy Address = smtp:Jo@Contoso.com") == "SMTP:jo@contoso.com")
    }

    static let plainError = "2026-11-25T06:04:06Z ERROR Set-MailUser jo.kim: An Azure Active Directory call was made to keep object in sync "
        + "between Azure Active Directory and Exchange Online. However, it failed. Detailed error message: Another object with the same value "
        + "for property proxyAddresses already exists. ConflictingObject: PublicFolder_9b2e4c6a-1d3f-4e5a-8b7c-6d5e4f3a2b1c"

    @Test(arguments: [
        (["2026-11-25T06:04:05Z INFO  Set-MailUser jo.kim: adding proxy address smtp:jo.kim@contoso.com"], "SMTP:jo.kim@contoso.com"),
        // The nearest line about the same object and an address, past lines about others.
        (["2026-11-25T06:04:05Z INFO  Get-Mailbox audit: 3 mailboxes", "2026-11-25T06:04:04Z INFO  set-mailuser JO.KIM: adding proxy address SMTP:Jo.Kim@Contoso.com",
          "2026-11-25T06:04:03Z INFO  Set-MailUser jo.kim: adding proxy address smtp:older@contoso.com"], "SMTP:jo.kim@contoso.com"),
        (["2026-11-25T06:04:05Z INFO  Set-MailUser jo.kim: -EmailAddresses @{Add='smtp:kim.j@contoso.com'}"], "SMTP:kim.j@contoso.com"),
    ])
    func aScriptsLineAboveAboutTheSameObjectGivesIt(lines: [String], address: String) {
        #expect(ContextAddress.inRelatedLine(lines, record: Self.plainError) == address)
    }

    @Test(arguments: [
        // Another object, a longer name starting the same, another command on the same object.
        ["2026-11-25T06:04:05Z INFO  Set-MailUser ann.lee: adding proxy address smtp:ann.lee@contoso.com"],
        ["2026-11-25T06:04:05Z INFO  Set-MailUser jo.kimura: adding proxy address smtp:jo.kimura@contoso.com"],
        ["2026-11-25T06:04:05Z INFO  New-MailUser jo.kim: created, ExternalEmailAddress SMTP:jo.kim@fabrikam.example"],
        // The same object, but nothing about an address being added, or two addresses.
        ["2026-11-25T06:04:05Z INFO  Set-MailUser jo.kim: department set for jo.kim@contoso.com"],
        ["2026-11-25T06:04:05Z INFO  Set-MailUser jo.kim: adding proxy addresses smtp:a@contoso.com, smtp:b@contoso.com"],
        ["2026-11-25T06:04:05Z INFO  Set-MailUser jo.kim: removing proxy address smtp:old@contoso.com"],
        ["2026-11-25T06:04:05Z INFO  Set-MailUser jo.kim: -EmailAddresses @{Remove='smtp:old@contoso.com'}"],
        ["2026-11-25T06:04:05Z INFO  Set-MailUser jo.kim: proxy addresses unchanged, ExternalEmailAddress set to jo@fabrikam.example"],
        // A longer name that starts the same.
        ["2026-11-25T06:04:05Z INFO  Set-MailUser jo.kim+test: adding proxy address smtp:jo.kim+test@contoso.com"],
        [],
    ])
    func aLineAboveThatDoesNotSayGivesNothing(lines: [String]) {
        #expect(ContextAddress.inRelatedLine(lines, record: Self.plainError) == nil)
    }

    @Test(arguments: [
        (plainError, "Set-MailUser jo.kim:"),
        ("Write-ErrorMessage: x; then Set-Mailbox\t José.Núñez: failed", "Set-Mailbox José.Núñez:"),
        // Only a `Verb-Noun object:` names its object whole (a quote or a blank cuts it).
        ("ERROR Set-MailUser o'brien: failed", nil),
        ("ERROR Set-MailUser Jo Kim: failed", nil),
        ("ERROR Set-Mailbox x -EmailAddresses y", nil),
        // A parameter is not the object (and a quoted value may hold blanks): nothing to look for,
        // so a line above about another identity cannot be taken for this one.
        ("ERROR Set-Mailbox -Identity 'José Núñez': failed", nil),
        ("2026 INFO  set-mailuser jo.kim: lower case is no command", nil),
        ("re-Set-Mailbox x: inside a word", nil),
        ("Get-EXORecipient", nil),
    ] as [(String, String?)])
    func theErrorsCommandAndObjectAreFound(record: String, subject: String?) {
        #expect(ContextAddress.subject(of: record) == subject)
    }

    @Test func onlyConflictsWithoutAnAddressAreFilled() {
        var objectConflict = Finding(kind: .aadObjectConflict, key: "publicfolder_x", patternID: "p")
        var named = Finding(kind: .aadObjectConflict, key: "publicfolder_y", patternID: "p")
        named.address = "SMTP:named@contoso.com"
        named.addressSource = .message
        var findings = [objectConflict, named]
        Array("no field here".utf8).withUnsafeBytes {
            ContextAddress.fill(&findings, record: $0, command: "Set-Mailbox x -EmailAddresses @{Add='smtp:typed@contoso.com'}")
        }
        objectConflict.address = "SMTP:typed@contoso.com"
        objectConflict.addressSource = .context
        #expect(findings == [objectConflict, named])
    }
}

/// A script's plain log: the line above a wrapped dual-write error names the address, wherever
/// the reads cut the file (a wrapped message at the end of a read is held for the next one, and
/// the lines above it must go with it).
@Suite struct PlainLogContextAddressTests {
    @Test(arguments: [1, 7, 64, 65_536])
    func theLineAboveAWrappedErrorGivesItsAddress(readSize: Int) throws {
        let lines = (0..<30).map { "2026-11-25T06:0\($0 / 10):\(10 + $0)Z INFO  New-MailUser user\($0): created, nothing to see here at all" } + [
            "2026-11-25T06:04:05Z INFO  Set-MailUser jo.kim: adding proxy address smtp:jo.kim@contoso.com",
            "2026-11-25T06:04:06Z ERROR Set-MailUser jo.kim: An Azure Active Directory call was made to keep object in sync between A",
            "zure Active Directory and Exchange Online. However, it failed. Detailed error message: Another object with the same valu",
            "e for property proxyAddresses already exists. ConflictingObject: PublicFolder_9b2e4c6a-1d3f-4e5a-8b7c-6d5e4f3a2b1c",
        ]
        let incident = try #require(scanText(lines.joined(separator: "\r\n") + "\r\n", readSize: readSize).incidents.incidents.first)
        #expect(incident.address == "SMTP:jo.kim@contoso.com")
        #expect(incident.addressSource == .context)
    }
}

/// The console framer hands each record the command typed at the prompt above it, until the next
/// prompt: a bare prompt or a transcript header ends it.
@Suite struct TranscriptCommandTests {
    static func dualWrite(_ guid: String) -> String {
        "Set-Mailbox : An Azure Active Directory call was made to keep object in sync between Azure Active Directory and Exchange Online. "
            + "However, it failed. Detailed error message: Another object with the same value for property proxyAddresses already exists. "
            + "ConflictingObject: PublicFolder_\(guid)"
    }

    @Test(arguments: [1, 7, 65_536])
    func eachErrorTakesTheCommandAboveItOnly(readSize: Int) {
        let transcript = [
            "PS C:\\> Set-Mailbox -Identity hr -EmailAddresses @{Add='smtp:hr@contoso.com'}",
            Self.dualWrite("11111111-2222-4333-8444-555555555555"),
            "    + CategoryInfo          : NotSpecified: (:) [Set-Mailbox], UnableToWriteToAadException",
            "PS C:\\>",
            Self.dualWrite("22222222-2222-4333-8444-555555555555"),
            "PS C:\\> Set-Mailbox -Identity lab -EmailAddresses @{Add='smtp:lab@contoso.com'}",
            "**********************",
            Self.dualWrite("33333333-2222-4333-8444-555555555555"),
        ].joined(separator: "\r\n") + "\r\n"
        var options = ScanOptions()
        options.forcedFormat = .console
        let incidents = scanText(transcript, readSize: readSize, options: options).incidents.incidents.sorted { $0.key < $1.key }
        #expect(incidents.map(\.address) == ["SMTP:hr@contoso.com", nil, nil])
        #expect(incidents.map(\.addressSource) == [.context, nil, nil])
    }
}
