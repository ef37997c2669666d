import Foundation
import Testing
@testable import ProxyClashCore

@Suite struct EmailFramerTests {
    static let conflict = "Unable to update this object because the following attributes associated with this object have values that may already be associated with another object in your local directory services: [ProxyAddresses SMTP:eva@contoso.com;]. Correct or remove the duplicate values in your local directory."

    private func mail(_ parts: [(type: String, encoding: String, body: String)]) -> String {
        var text = "From: Microsoft Entra <MSOnlineServicesTeam@MicrosoftOnline.com>\r\nSubject: Directory Synchronization Error Report\r\nDate: Tue, 24 Nov 2026 03:00:00 +0100\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"b1\"\r\n\r\npreamble\r\n"
        for part in parts {
            text += "--b1\r\nContent-Type: \(part.type)\r\nContent-Transfer-Encoding: \(part.encoding)\r\n\r\n\(part.body)\r\n"
        }
        return text + "--b1--\r\n"
    }

    @Test(arguments: [1, 7, 65_536])
    func quotedPrintableSoftBreaksAreJoinedAndTheAlternativeIsReadOnce(readSize: Int) throws {
        let plain = "eva@contoso.com" + Self.conflict
        var qp = ""
        var line = ""
        for character in plain.replacingOccurrences(of: "=", with: "=3D") {
            if line.count == 75 { qp += line + "=\r\n"; line = "" }
            line.append(character)
        }
        qp += line
        let html = Data("<table><tr><td>eva@contoso.com</td><td>\(Self.conflict)</td></tr></table>".utf8).base64EncodedString(options: .lineLength76Characters)
        let result = scanText(mail([("text/plain; charset=utf-8", "quoted-printable", qp), ("text/html", "base64", html)]), readSize: readSize)
        #expect(result.inputs.first?.format == .email)
        let incident = try #require(result.incidents.incidents.first)
        #expect(incident.key == "proxyaddresses|smtp:eva@contoso.com")
        #expect(incident.occurrences == 1)
        #expect(incident.sources.map(\.line) == [12])
        #expect(incident.firstSeen.map(ISO8601.format) == "2026-11-24T02:00:00Z")
    }

    @Test func htmlOnlyMailIsTurnedIntoText() throws {
        let html = "<html><head><style>td{color:red} [ProxyAddresses SMTP:style@contoso.com;]</style></head><body><table><tr><td>eva@contoso.com</td><td>\(Self.conflict.replacingOccurrences(of: "[", with: "&#91;"))</td></tr></table></body></html>"
        let body = Data(html.utf8).base64EncodedString(options: .lineLength64Characters)
        let text = "Subject: Identity synchronization error report\r\nDate: Tue, 24 Nov 2026 03:00:00 +0000\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n\(body)\r\n"
        let keys = scanText(text).incidents.incidents.map(\.key)
        #expect(keys == ["proxyaddresses|smtp:eva@contoso.com"])
    }

    @Test func latin1TextIsDecoded() throws {
        let body = "Conflit pour Ren\u{E9}: The proxy address \"SMTP:rene@contoso.com\" is already being used by \"corp.example/Users/Ren\u{E9}\". Choose another proxy address."
        let bytes = Array("Subject: x\r\nDate: Tue, 24 Nov 2026 03:00:00 +0000\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\n".utf8)
            + body.unicodeScalars.map { UInt8($0.value) } + [0x0D, 0x0A]
        let result = Scanner(catalog: shippedCatalog).scan(source: MemoryByteSource(bytes), path: "mail.eml")
        #expect(result.incidents.incidents.first?.owners == ["corp.example/Users/René"])
    }

    /// Curly quotes are 0x93/0x94 in Windows-1252 (C1 controls in strict Latin-1): read as
    /// Windows-1252, as browsers read ISO-8859-1, the owner keeps its quotes.
    @Test func windows1252QuotesInALatin1PartAreDecoded() throws {
        let bytes = Array("Subject: x\r\nDate: Tue, 24 Nov 2026 03:00:00 +0000\r\nContent-Type: text/plain; charset=windows-1252\r\n\r\n".utf8)
            + Array(#"The proxy address "SMTP:eve@contoso.com" is already being used by "corp.example/Users/Eve "#.utf8) + [0x93]
            + Array("Ops".utf8) + [0x94] + Array(#"". Choose another proxy address."#.utf8) + [0x0D, 0x0A]
        let result = Scanner(catalog: shippedCatalog).scan(source: MemoryByteSource(bytes), path: "mail.eml")
        // The owner pattern ends at a closing quote, curly ones included.
        #expect(result.incidents.incidents.first?.owners == ["corp.example/Users/Eve \u{201C}Ops"])
    }

    @Test func htmlEntitiesAndCells() {
        var html = HTMLText()
        var output: [UInt8] = []
        html.feed(Array("<tr><td>a&amp;b</td><td>&quot;x&quot; &#91;y&#x5D;</td></tr><script>ignored</script>z&unknown;".utf8), into: &output)
        #expect(String(decoding: output, as: UTF8.self) == "\n | a&b | \"x\" [y]\nz&unknown;")
    }
}
