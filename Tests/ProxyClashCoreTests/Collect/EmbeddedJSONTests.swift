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

    /// A JSON line with a time of its own is dated by its top-level time member, not by a nested
    /// one that comes first in the text (`innerError.date`), nor by the line above.
    @Test(arguments: [false, true])
    func aJSONLineIsDatedByItsOwnTopLevelTime(unicode: Bool) {
        var lines = (0..<24).map { String(format: "2026-11-16T08:%02d:00Z INFO Delta sync: 1 object(s) exported for user%d@contoso.com", $0, $0) }
        lines.append(#"{"error":{"code":"InvalidOperation","message":""# + Self.escaped(unicode)
            + #"","innerError":{"date":"2026-11-10T01:00:00","request-id":"5f0c"}},"status":400,"time":"2026-11-16T08:45:12Z"}"#)
        let result = scanText(lines.joined(separator: "\n") + "\n")
        #expect(result.inputs.map(\.format) == [.lines])
        #expect(result.incidents.incidents.first?.firstSeen.map(ISO8601.format) == "2026-11-16T08:45:12Z")
    }

    @Test func topLevelTimeMembersAreFoundByRankAndDepth() {
        let timestamps = TimestampParser(context: .init())
        func time(_ json: String) -> String? {
            Array(json.utf8).withUnsafeBytes { EmbeddedJSON.ownTime(of: $0, timestamps: timestamps) }.map(ISO8601.format)
        }
        #expect(time(#"{"a":{"time":"2026-11-01T00:00:00Z"},"date":"2026-11-02T00:00:00Z","timestamp":"2026-11-03T00:00:00Z"}"#) == "2026-11-03T00:00:00Z")
        #expect(time(#"{"note":"the \"time\": is \"2026-11-04T00:00:00Z\"","Time":"2026-11-05T00:00:00Z"}"#) == "2026-11-05T00:00:00Z")
        #expect(time(#"{"error":{"time":"2026-11-01T00:00:00Z"}}"#) == nil)
        #expect(time(#"[{"time":"2026-11-06T00:00:00Z"},{"time":"2026-11-07T00:00:00Z"}]"#) == "2026-11-06T00:00:00Z")
        #expect(time(#"{"updated":true,"@timestamp":"2026-11-08T00:00:00Z"}"#) == "2026-11-08T00:00:00Z")
        #expect(time(#"{"event_ts":"2026-11-09T00:00:00Z","counts":"2026-01-01T00:00:00Z"}"#) == "2026-11-09T00:00:00Z")
        #expect(time("not json") == nil)
        // Names are read as characters: an accent on `time` or a joining mark before `_ts` is another word.
        #expect(time("{\"time\u{301}\":\"2026-11-10T00:00:00Z\"}") == nil)
        #expect(time("{\"\u{600}_ts\":\"2026-11-10T00:00:00Z\"}") == nil)
        #expect(time(#"{"lastLogonDateUtc":"2026-11-11T00:00:00Z"}"#) == "2026-11-11T00:00:00Z")
    }

    /// A JSON line without a top-level time takes the line above's, never a nested object's.
    @Test func aJSONLineWithoutItsOwnTimeIsDatedFromAboveNotFromANestedDate() {
        var lines = (0..<24).map { String(format: "2026-11-27T08:%02d:00Z INFO batch step %d", $0, $0) }
        lines.append(#"{"level":"error","message":""# + Self.escaped(false) + #"","innerError":{"date":"2026-10-05T00:00:00Z"}}"#)
        let result = scanText(lines.joined(separator: "\n") + "\n")
        #expect(result.incidents.incidents.first?.firstSeen.map(ISO8601.format) == "2026-11-27T08:23:00Z")
    }

    /// A REST body kept as a string inside a logged JSON object: its quotes are escaped twice.
    @Test func aBodyEscapedTwiceIsMatched() {
        let twice = Self.escaped(false).replacingOccurrences(of: "\\\"", with: "\\\\\\\"")
        let line = #"2026-11-26T12:30:00Z ERROR response: {"status":400,"body":"{\"error\":{\"message\":\""# + twice + #"\"}}"}"#
        let result = scanText(line + "\n")
        #expect(result.incidents.incidents.map(\.key) == ["smtp:rest.api@contoso.com"])
        #expect(result.incidents.incidents.first?.owners == ["corp.example/Users/Rest Api"])
        #expect(result.statistics.messages == 1)
    }
}
