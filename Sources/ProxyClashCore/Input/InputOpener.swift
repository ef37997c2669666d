/// Opens an input as a stream of raw (still encoded) text. Containers are recognised by their
/// magic bytes, not their names: gzip (`1f 8b`) is inflated on the fly; a zip archive (`PK 03 04`)
/// is reported as such, for the scanner to read member by member.
package struct InputOpener {
    package init() {}

    /// What an input turned out to be.
    package enum Opened {
        /// A byte stream; `compressed` when it was gzip.
        case stream(ByteSource, compressed: Bool)
        /// A zip archive: its members are the inputs.
        case zipArchive
    }

    package func open(_ item: InputItem) throws(InputError) -> Opened {
        let file: ByteSource = if let path = item.fileSystemPath {
            try FileByteSource(path: path, regularOnly: item.walked)
        } else {
            FileByteSource(borrowing: 0)
        }
        return try sniff(file)
    }

    /// Looks at the first bytes of `source`: gzip is unwrapped, zip is reported, anything else
    /// is passed on with those bytes replayed.
    func sniff(_ source: ByteSource) throws(InputError) -> Opened {
        var head: [UInt8] = []
        let probe = UnsafeMutableRawBufferPointer.allocate(byteCount: 4, alignment: 1)
        defer { probe.deallocate() }
        while head.count < 4 {
            let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: probe[0..<(4 - head.count)]))
            if count == 0 { break }
            head += probe[0..<count]
        }
        if head.starts(with: [UInt8(ascii: "P"), UInt8(ascii: "K"), 0x03, 0x04]) { return .zipArchive }
        let replay = ReplayingByteSource(head: head, upstream: source)
        if head.starts(with: [0x1F, 0x8B]) { return .stream(GzipByteSource(upstream: replay), compressed: true) }
        return .stream(replay, compressed: false)
    }
}
