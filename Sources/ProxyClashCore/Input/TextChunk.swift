/// A run of complete lines handed out by ``LineReader``; valid until the reader's next call.
package struct TextChunk {
    /// UTF-8 text: whole lines, each ending in `\n` except possibly the last line of the input.
    package let bytes: UnsafeRawBufferPointer
    /// Whole lines that came right before `bytes` (bounded), contiguous with it in memory.
    package let context: UnsafeRawBufferPointer
    /// True when `bytes` is the head of one line that was longer than the record limit; the rest
    /// of that line was discarded.
    package let isTruncatedLine: Bool
}
