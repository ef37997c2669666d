import Foundation
import FuzzSupport
@testable import ProxyClashCore

/// tar and zip archives (and the compressors around them) through libarchive, both ways an
/// archive is read: as a file (seeking: zip's central directory, reopening past a damaged
/// member) and as a stream (standard input, an archive inside an archive). Small member and
/// total limits keep every run short.
private let catalog = try! PatternCatalog.load(directories: [PatternLocator.builtInDirectory()!])
private let path = NSTemporaryDirectory() + "proxyclash-fuzz-\(getpid()).archive"
private let options: ScanOptions = {
    var options = ScanOptions()
    options.maxArchiveMemberBytes = 1 << 20
    options.maxArchiveTotalBytes = 4 << 20
    return options
}()

@_cdecl("FuzzArchive_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in
        let input = bytes(data, size)
        FileManager.default.createFile(atPath: path, contents: Data(input))
        let scanner = ProxyClashCore.Scanner(catalog: catalog, options: options)
        _ = scanner.scan(InputItem(path: path))
        if case let .archive(reader)? = try? InputOpener().sniff(BytesSource(input)) {
            _ = scanner.scanArchive(reader, displayPath: "-", onDiagnostic: nil, progress: nil)
        }
        return 0
    }
}
