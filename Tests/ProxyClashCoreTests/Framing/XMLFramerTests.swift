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
