import Foundation
import Testing
@testable import ProxyClashCore

@Suite struct FormatDetectionTests {
    private func detect(_ text: String, path: String = "x.log") -> InputFormat {
        Array(text.utf8).withUnsafeBytes { InputFormat.detect(head: $0, path: path) }
    }

    @Test func detectsByContent() {
        #expect(detect("#TYPE System.Management.Automation.PSCustomObject\n\"a\",\"b\"\n") == .csv)
        #expect(detect("\"Identity\";\"Timestamp\";\"Result\"\r\n") == .csv)
        #expect(detect("Identity,Result\nx,y\n", path: "export.CSV") == .csv)
        #expect(detect("Identity,Result\nx,y\n", path: "export.log") == .lines)
        #expect(detect("**********************\nWindows PowerShell transcript start\n") == .console)
        #expect(detect("x\n    + CategoryInfo          : NotSpecified: (:) [Set-Mailbox]\n") == .console)
        #expect(detect("2026-11-16T08:00:00Z INFO start\n") == .lines)
        #expect(detect("  {\"value\": []}") == .json)
        #expect(detect("[{\"Key\":\"ObjectId\"}]") == .json)
        #expect(detect("[11/17/2026 9:40:12 AM] Creating mailbox\n") == .lines)
        #expect(detect("[15:52:17.674] [ 13] [ERROR] x\n") == .lines)
        // Markers far into the head, CRLF line ends, mail headers.
        #expect(detect(String(repeating: "2026-11-16T08:00:00Z INFO step\r\n", count: 900) + "PS C:\\> Get-Mailbox\r\n") == .console)
        #expect(detect(String(repeating: "2026-11-16T08:00:00Z INFO step\n", count: 900) + "PS C:\\> Get-Mailbox\n") == .console)
        #expect(detect("From: ops@contoso.com\r\nSubject: sync errors\r\n\r\nbody\r\n") == .email)
        #expect(detect("From: ops@contoso.com\r\nnot a header line\r\n\r\nSubject: x\r\n") == .lines)
    }
}
