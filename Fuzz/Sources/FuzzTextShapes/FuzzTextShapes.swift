import FuzzSupport
@testable import ProxyClashCore

/// The text shapes read inside records: JSON inside a text line (escapes decoded, a JSON line's
/// own top-level time), PowerShell Format-List listings (property lines, continuations, the
/// listing detector) through the console framer, and a JSON document's nested records held
/// until their parent closes.
/// One parser for every run (compiling its patterns per input would be most of the work); the
/// fuzzer runs one input at a time.
nonisolated(unsafe) private let timestamps = TimestampParser(context: .init())

@_cdecl("FuzzTextShapes_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in
        let input = bytes(data, size)
        input.withUnsafeBytes { text in
            _ = EmbeddedJSON.unescapedLayers(text)
            _ = EmbeddedJSON.ownTime(of: text, timestamps: timestamps)
            _ = PropertyListBlock.looksLikeListing(text)
            _ = InputFormat.detect(head: text, path: "fuzz.txt")
            var console = ConsoleFramer(timestamps: timestamps, maxRecordLength: 512)
            var json = JSONFramer(timestamps: timestamps, maxRecordLength: 512)
            let emit: (FramerEvent) -> Void = { event in
                if case let .record(record) = event { _ = (record.recordTime, record.contextTime) }
            }
            // In pieces of whole lines, as the line reader hands them over.
            var start = 0
            var line = 1
            while start < text.count {
                var end = start
                var lines = 0
                while end < text.count, lines < 3 {
                    if text[end] == UInt8(ascii: "\n") { lines += 1 }
                    end += 1
                }
                let piece = UnsafeRawBufferPointer(rebasing: text[start..<end])
                console.consume(piece, firstLine: line, emit: emit)
                json.consume(piece, firstLine: line, emit: emit)
                line += lines
                start = end
            }
            console.finish(emit: emit)
            json.finish(emit: emit)
        }
        return 0
    }
}
