import Foundation
import FuzzSupport
@testable import ProxyClashCore

/// Zip archives through ZIPFoundation: members, limits, damage. The input is written to a
/// temporary file because zip needs random access.
private let catalog = try! PatternCatalog.load(directories: [PatternLocator.builtInDirectory()!])
private let path = NSTemporaryDirectory() + "proxyclash-fuzz-\(getpid()).zip"

@_cdecl("FuzzZip_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in
        FileManager.default.createFile(atPath: path, contents: Data(bytes(data, size)))
        var options = ScanOptions()
        options.maxArchiveMemberBytes = 1 << 20
        options.maxArchiveTotalBytes = 4 << 20
        options.archivePatienceSeconds = 2
        _ = Scanner(catalog: catalog, options: options).scan(InputItem(path: path))
        return 0
    }
}
