import Foundation
import Testing
@testable import ProxyClashCore

@Suite struct JSONFramerTests {
    private func records(_ text: String, maxRecordLength: Int = 1 << 20) -> (records: [(String, Int)], problems: [String]) {
        var framer = JSONFramer(timestamps: TimestampParser(context: .init()), maxRecordLength: maxRecordLength)
        let result = frame(&framer, text)
        return (result.records.map { ($0.0, $0.1) }, result.problems)
    }

    @Test func objectsBecomeKeyValueLinesWithTheirLine() {
        let text = """
        {
          "value": [
            {
              "displayName": "Ivy",
              "onPremisesProvisioningErrors": [
                {"value": "SMTP:ivy@contoso.com", "category": "PropertyConflict", "n": 3, "ok": true, "none": null}
              ]
            }
          ]
        }
        """
        let result = records(text)
        #expect(result.records.map(\.0) == [
            "value: SMTP:ivy@contoso.com\ncategory: PropertyConflict\nn: 3\nok: true\nnone: null\n",
            "displayName: Ivy\n",
        ])
        #expect(result.records.map(\.1) == [6, 3])
        #expect(result.problems.isEmpty)
    }

    @Test func escapesSurrogatesAndASecondLayerAreDecoded() {
        let text = #"{"m": "a \"q\" \\ \u00e9 \ud83d\ude42 \/", "twice": "The proxy address \\\"SMTP:x@y.com\\\" is"}"#
        #expect(records(text).records.map(\.0) == ["m: a \"q\" \\ é 🙂 /\ntwice: The proxy address \"SMTP:x@y.com\" is\n"])
    }

    @Test func keyValuePairsAndScalarArraysJoinTheirParent() {
        let text = #"[{"Key":"ObjectIdInConflict","Value":["7505ed65-e7f5-4dca-9f78-2617a247f047"]},{"Key":"AttributeConflictValues","Value":["a@x.com","b@x.com"]}]"#
        #expect(records(text).records.map(\.0) == ["ObjectIdInConflict: 7505ed65-e7f5-4dca-9f78-2617a247f047\nAttributeConflictValues: a@x.com;b@x.com\n"])
    }

    @Test func jsonLinesAreOneRecordEach() {
        let result = records("{\"a\": \"1\"}\n{\"b\": \"2\"}\n\n{\"c\": \"3\"}")
        #expect(result.records.map(\.0) == ["a: 1\n", "b: 2\n", "c: 3\n"])
        #expect(result.records.map(\.1) == [1, 2, 4])
    }

    @Test func aDocumentCutInTheMiddleKeepsWhatWasRead() {
        let result = records("{\n  \"outer\": \"x\",\n  \"inner\": {\"value\": \"SMTP:a@b.com\", \"cut")
        #expect(result.records.map(\.0) == ["value: SMTP:a@b.com\n", "outer: x\n"])
        #expect(result.problems == ["1: JSON ends inside the object opened here; the members read before the end were scanned"])
    }

    @Test func syntaxErrorsAreReportedOnceAndReadingResumes() {
        let result = records("{\"a\": \"1\"}\n{\"b\": oops}\n{\"c\": \"3\"}\n]\n{\"d\": \"4\"}")
        #expect(result.records.map(\.0) == ["a: 1\n", "c: 3\n", "d: 4\n"])
        #expect(result.problems.count == 2)
        #expect(result.problems.first?.hasPrefix("2: invalid JSON value 'oops'") == true)
        #expect(result.problems.last?.hasSuffix("1 more JSON syntax error(s) after the first one") == true)
    }

    @Test func nestingAndSizeAreBounded() {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(records(deep).problems.first?.contains("nested deeper than 256 levels") == true)
        let long = "{\"m\": \"" + String(repeating: "x", count: 5000) + "\"}"
        let result = records(long, maxRecordLength: 1024)
        #expect(result.records.first?.0.count ?? 0 <= 1024)
        #expect(result.problems.contains { $0.contains("JSON string longer than 1024 bytes") })
    }

    @Test(arguments: [1, 7, 65_536])
    func graphExportGivesItsProvisioningErrorsWhateverTheReadSize(readSize: Int) throws {
        let path = repositoryRoot.appendingPathComponent("SampleLogs/graph-users-provisioning-errors.json").path
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        var options = ScanOptions()
        options.readSize = max(readSize, 8)
        let result = Scanner(catalog: shippedCatalog, options: options).scan(source: MemoryByteSource(bytes, readSize: readSize), path: "users.json")
        #expect(result.inputs.first?.format == .json)
        #expect(result.incidents.incidents.map(\.key).sorted() == [
            "proxyaddresses|smtp:ivy.chen@contoso.com", "proxyaddresses|smtp:k.akers@contoso.com", "userprincipalname|kim.akers@contoso.com",
        ])
    }

    /// A nested object's record is dated by its parent's time member even when that member comes
    /// after it (a REST response: `{"error":{...},"time":"..."}`).
    @Test func nestedRecordIsDatedByAParentTimeThatComesAfterIt() {
        let json = #"{"error":{"code":"x","message":"The proxy address \"SMTP:late.time@contoso.com\" is already being used by \"corp.example/Users/Late\"."},"time":"2026-11-27T09:00:00Z"}"#
        let result = scanText(json + "\n", path: "responses.jsonl")
        #expect(result.inputs.map(\.format) == [.json])
        #expect(result.incidents.incidents.first?.firstSeen.map(ISO8601.format) == "2026-11-27T09:00:00Z")
    }

    /// A syntax error later in an object does not lose the records of its children that were
    /// complete and held for its time.
    @Test func aSyntaxErrorKeepsTheHeldRecords() {
        let json = #"{"error":{"message":"The proxy address \"SMTP:held.child@contoso.com\" is already being used by \"corp.example/Users/Held\"."},"status":4OO}"#
        let result = scanText(json + "\n", path: "responses.jsonl")
        #expect(result.incidents.incidents.map(\.key) == ["smtp:held.child@contoso.com"])
        #expect(result.diagnostics.entries.map(\.category) == [.damagedInput])
    }
}
