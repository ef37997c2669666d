/// Opens an input as a stream of raw (still encoded) text: gzip data is recognised by its magic
/// bytes, not by its name, and inflated on the fly.
public struct InputOpener {
    public init() {}

    /// What was opened: the byte stream and whether it was gzip-compressed.
    public struct Opened {
        public let source: ByteSource
        public let isCompressed: Bool
    }

    public func open(_ item: InputItem) throws(InputError) -> Opened {
        let file: ByteSource = if let path = item.filePath {
            try FileByteSource(path: path)
        } else {
            FileByteSource(borrowing: 0)
        }
        var head: [UInt8] = []
        let probe = UnsafeMutableRawBufferPointer.allocate(byteCount: 2, alignment: 1)
        defer { probe.deallocate() }
        while head.count < 2 {
            let count = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: probe[0..<(2 - head.count)]))
            if count == 0 { break }
            head += probe[0..<count]
        }
        let replay = ReplayingByteSource(head: head, upstream: file)
        if head == [0x1F, 0x8B] {
            return Opened(source: GzipByteSource(upstream: replay), isCompressed: true)
        }
        return Opened(source: replay, isCompressed: false)
    }
}
