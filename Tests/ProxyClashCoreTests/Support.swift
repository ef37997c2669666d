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

/// What a framer makes of `text` fed one line at a time (as the line reader hands whole lines):
/// the records (text, line, record time) and the problems (`line: message`).
func frame(_ framer: inout some RecordFramer, _ text: String) -> (records: [(String, Int, String?)], problems: [String]) {
    var records: [(String, Int, String?)] = []
    var problems: [String] = []
    let handle: (FramerEvent) -> Void = { event in
        switch event {
        case let .record(record): records.append((String(decoding: record.text, as: UTF8.self), record.line, record.recordTime.map(ISO8601.format)))
        case let .problem(line, _, message): problems.append("\(line): \(message)")
        }
    }
    var line = 1
    for piece in text.split(separator: "\n", omittingEmptySubsequences: false).map({ $0 + "\n" }) {
        Array(piece.utf8).withUnsafeBytes { framer.consume($0, firstLine: line, emit: handle) }
        line += 1
    }
    framer.finish(emit: handle)
    return (records, problems)
}
