import FuzzSupport
@testable import ProxyClashCore

/// The whole scan of one input: decoding, format detection, every framer, matching, extraction.
private let catalog = try! PatternCatalog.load(directories: [PatternLocator.builtInDirectory()!])

@_cdecl("FuzzScan_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in
        var options = ScanOptions()
        options.readSize = 4096
        options.maxRecordLength = 4096
        options.collectOccurrences = true
        for format in [nil] + InputFormat.allCases.map(Optional.some) {
            options.forcedFormat = format
            _ = Scanner(catalog: catalog, options: options).scan(source: BytesSource(bytes(data, size)), path: "fuzz.log")
        }
        return 0
    }
}
