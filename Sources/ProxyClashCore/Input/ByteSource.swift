/// A stream of bytes read in chunks: a file, standard input, a decompressor, a decoder.
///
/// Sources are owned by one worker at a time and read front to back; `read` returns 0 only at the end.
public protocol ByteSource: AnyObject {
    /// Reads up to `buffer.count` bytes into `buffer`.
    /// - Returns: the number of bytes written; 0 means the end of the stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int
}
