import Foundation
@testable import ProxyClashCore

/// The repository checkout the tests run from.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The shipped pattern catalog, loaded once.
let shippedCatalog: PatternCatalog = {
    do {
        return try PatternCatalog.load(directories: [repositoryRoot.appendingPathComponent("Patterns").path])
    } catch {
        fatalError("shipped patterns do not load: \(error)")
    }
}()

/// Bytes served in reads of at most `readSize` bytes, so buffer boundaries fall everywhere.
final class MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private let readSize: Int
    private var position = 0

    init(_ bytes: [UInt8], readSize: Int = .max) {
        self.bytes = bytes
        self.readSize = readSize
    }

    convenience init(_ text: String, readSize: Int = .max) { self.init(Array(text.utf8), readSize: readSize) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        let count = min(buffer.count, readSize, bytes.count - position)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[position..<position + count])) }
        position += count
        return count
    }
}

/// Reads a whole source (test helper).
func drain(_ source: ByteSource, bufferSize: Int = 4096) throws -> [UInt8] {
    var output: [UInt8] = []
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 16)
    defer { buffer.deallocate() }
    while true {
        let count = try source.read(into: buffer)
        if count == 0 { return output }
        output += buffer[0..<count]
    }
}

/// Scans `text` as one input and returns the result.
func scanText(_ text: String, path: String = "test.log", readSize: Int = .max, options: ScanOptions = ScanOptions(),
              catalog: PatternCatalog = shippedCatalog) -> ScanResult {
    Scanner(catalog: catalog, options: options).scan(source: MemoryByteSource(text, readSize: readSize), path: path)
}
