import Foundation
import Testing
@testable import ProxyClashCore

@Suite struct XMLFramerTests {
    private func records(_ text: String) -> (records: [(String, Int, String?)], problems: [String]) {
        var framer = XMLFramer(timestamps: TimestampParser(context: .init()), maxRecordLength: 1 << 20)
        return frame(&framer, text)
    }

    @Test func wevtutilEventsAreOneRecordEachWithTheirTime() {
        let xml = "<Event xmlns='x'><System><Provider Name='ADSync'/><EventID>6941</EventID><TimeCreated SystemTime='2026-11-24T02:30:11.5Z'/></System><EventData><Data>line one&#xD;\nError Detail: a &lt;b&gt; &amp; &quot;c&quot;</Data></EventData></Event>\n<!-- a > comment --><Event><System><EventID>6100</EventID></System></Event>"
        let result = records(xml)
        #expect(result.records.map(\.0) == [
            "EventID: 6941\nTimeCreated: 2026-11-24T02:30:11.5Z\nData: line one\r\nError Detail: a <b> & \"c\"\n",
            "EventID: 6100\n",
        ])
        #expect(result.records.map(\.1) == [1, 3])  // the first event spans lines 1 and 2
        #expect(result.records.map(\.2) == ["2026-11-24T02:30:11.500Z", nil])
    }

    /// Entra Connect's `csexport "<connector>" errors.xml /f:e`: one record per cs-object, dated
    /// by the export error's `date-occurred` attribute; its `first-occurred` (when the error began,
    /// 12 retries ago) is the incident's first-seen time, the message counted once.
    @Test func csexportErrorsAreDatedByTheirAttributes() {
        let xml = """
        <?xml version="1.0" encoding="UTF-16" ?>
        <cs-objects>
        <cs-object cs-dn="CN={8A3E}" id="{8A3E}" object-type="user">
        <export-errordetail><export-status><export-error date-occurred="2026-11-25T03:15:00.000Z" first-occurred="2026-11-20T03:15:00.000Z" retry-count="12" error-type="AttributeValueMustBeUnique">
        <cd-error><error-code>0x8023134a</error-code><error-literal>AttributeValueMustBeUnique</error-literal>
        <server-error-detail>Unable to update this object because the following attributes associated with this object have values that may already be associated with another object in your local directory services: [ProxyAddresses SMTP:kim@contoso.com;]. Correct or remove the duplicate values in your local directory.</server-error-detail>
        </cd-error></export-error></export-status></export-errordetail>
        </cs-object>
        </cs-objects>
        """
        let result = records(xml)
        #expect(result.records.count == 1)
        #expect(result.records.first?.2 == "2026-11-25T03:15:00Z")
        #expect(result.records.first?.0.contains("server-error-detail: Unable to update this object") == true)
        let scan = scanText(xml, path: "errors.xml")
        #expect(scan.incidents.incidents.map(\.key) == ["proxyaddresses|smtp:kim@contoso.com"])
        #expect(scan.incidents.incidents.first?.firstSeen.map(ISO8601.format) == "2026-11-20T03:15:00Z")
        #expect(scan.incidents.incidents.first?.lastSeen.map(ISO8601.format) == "2026-11-25T03:15:00Z")
        #expect(scan.incidents.incidents.first?.occurrences == 1)
    }

    @Test func clixmlObjectsUseTheirPropertyNamesAndEscapes() {
        let xml = """
        <Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
          <Obj RefId="0">
            <TN RefId="0"><T>System.Diagnostics.Eventing.Reader.EventLogRecord</T></TN>
            <Props>
              <DT N="TimeCreated">2026-11-25T02:30:09.7+00:00</DT>
              <S N="Message">first_x000D__x000A_Error Detail: x_y</S>
              <Obj N="Nested" RefId="1"><S N="Inner">deep</S></Obj>
            </Props>
          </Obj>
        </Objs>
        """
        let result = records(xml)
        #expect(result.records.map(\.0) == ["T: System.Diagnostics.Eventing.Reader.EventLogRecord\nTimeCreated: 2026-11-25T02:30:09.7+00:00\nMessage: first\nError Detail: x_y\nInner: deep\n"])
        #expect(result.records.first?.1 == 2)
        #expect(result.records.first?.2 == "2026-11-25T02:30:09.700Z")
    }

    @Test func documentCutShortKeepsTheOpenRecord() {
        let result = records("<Event><System><EventID>6941</EventID></System><EventData><Data>Error Detail: cut")
        #expect(result.records.map(\.0) == ["EventID: 6941\n"])
        #expect(result.problems == ["1: XML ends inside the element opened here; the text read before the end was scanned"])
    }
}
