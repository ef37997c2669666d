import FuzzSupport
@testable import ProxyClashCore

/// The pattern-file loader: YAML, validation, fragments, PCRE2 compilation, sample checks.
@_cdecl("FuzzPatterns_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in
        let text = String(decoding: bytes(data, size), as: UTF8.self)
        if let catalog = try? PatternCatalog.load(sources: [("fuzz.yaml", text)]) {
            _ = PatternChecker(catalog: catalog).check()
        }
        return 0
    }
}
