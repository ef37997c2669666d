import Foundation
import Testing
@testable import ProxyClashCore

/// JSON inside text lines: escaped quotes are decoded for matching, the same message counts once,
/// and in a timestamped log a JSON line is its own record.
@Suite struct EmbeddedJSONTests {
    static let message = #"The proxy address "SMTP:rest.api@contoso.com" is already being used by "corp.example/Users/Rest Api". Choose another proxy address."#

    /// `message` as a JSON string value: quotes as `\"`, or as `\u0022` (System.Text.Json).
    static func escaped(_ unicode: Bool) -> String {
        message.replacingOccurrences(of: "\"", with: unicode ? "\\u0022" : "\\\"")
    }

    @Test(arguments: [false, true])
    func aRESTResponseInATextLineIsMatched(unicode: Bool) {
        let line = #"2026-11-16T08:02:45Z ERROR POST /users failed (400): {"error":{"code":"Request_BadRequest","message":""# + Self.escaped(unicode) + #""}}"#
        let result = scanText(line + "\n")
        #expect(result.incidents.incidents.map(\.key) == ["smtp:rest.api@contoso.com"])
        #expect(result.incidents.incidents.first?.owners == ["corp.example/Users/Rest Api"])
        #expect(result.statistics.messages == 1)
    }

    /// A line holding the message both plain and escaped (a log that echoes the response) is one message.
    @Test func theSameMessageTwiceInOneLineCountsOnce() {
        let line = "2026-11-16T08:02:45Z ERROR " + Self.message + #" response: {"error":{"message":""# + Self.escaped(false) + #""}}"#
        let result = scanText(line + "\n")
        #expect(result.incidents.incidents.map(\.occurrences) == [1])
        #expect(result.statistics.messages == 1)
    }

    /// In a timestamped log, a JSON line after a wide line is not a wrap continuation: its
    /// conflict is reported at its own line, dated by the line above it, not joined to it.
    @Test(arguments: [64, 1 << 20])
    func aJSONLineInATimestampedLogIsItsOwnRecord(readSize: Int) {
        var lines = (0..<24).map { String(format: "2026-11-16T08:%02d:00Z INFO Delta sync: 1 object(s) exported for user%d@contoso.com and some more words to be wide", $0, $0) }
        lines.append("2026-11-16T08:30:00Z ERROR Create user failed with a long explanation that makes this line wider than eighty characters:")
        lines.append(#"{"error":{"message":""# + Self.escaped(false) + #""}}"#)
        lines += (0..<3).map { String(format: "2026-11-16T09:%02d:00Z INFO done", $0) }
        let result = scanText(lines.joined(separator: "\n") + "\n", readSize: readSize)
        let incident = result.incidents.incidents.first
        #expect(incident?.key == "smtp:rest.api@contoso.com")
        #expect(incident?.sources.first?.line == 26)
        #expect(incident?.firstSeen.map(ISO8601.format) == "2026-11-16T08:30:00Z")
    }
}
