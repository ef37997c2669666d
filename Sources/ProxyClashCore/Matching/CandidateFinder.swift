/// Finds the records of one input worth matching, and keeps that fast: the prefilter's
/// fingerprints are tuned to the input's head, and again to a later chunk that keeps misleading
/// them; their halves find literals cut in two by a wrap.
struct CandidateFinder {
    /// The prefilter, tuned to this input.
    private(set) var prefilter: LiteralPrefilter
    /// Its literal halves, which find literals cut by a wrap in timestamped logs.
    let wrapPrefilter: LiteralPrefilter
    /// False candidates of the prefilter in the chunk being searched.
    private var falseCandidates = 0
    /// Chunks searched since the prefilter was last tuned (to the head, or to no text at all
    /// for a small input).
    private(set) var chunksSinceTuning = 0

    /// Fewest chunks between two tunings, and before the first one again: a tuning costs
    /// about as much as scanning 1 MiB, and an input of a few chunks scans in milliseconds.
    static let retuneInterval = 32

    /// Tuning the fingerprints to the head costs more than scanning an input that fits in it
    /// (about 0.1 ms against 0.02 ms for 50 KB): small inputs keep the untuned ones.
    init(prefilter: LiteralPrefilter, wrapPrefilter: LiteralPrefilter, head: UnsafeRawBufferPointer, headSize: Int) {
        let tune = head.count >= headSize
        self.prefilter = tune ? prefilter.tuned(to: head) : prefilter
        self.wrapPrefilter = tune ? wrapPrefilter.tuned(to: head, refining: false) : wrapPrefilter
    }

    /// True when `bytes` hold a literal some pattern needs.
    func containsAny(in bytes: UnsafeRawBufferPointer) -> Bool {
        prefilter.containsAny(in: bytes)
    }

    /// True when `bytes` hold half of a literal (a literal a wrap may have cut).
    func containsHalf(in bytes: UnsafeRawBufferPointer) -> Bool {
        wrapPrefilter.containsAny(in: bytes)
    }

    /// The next literal or continuation line from `offset`, with the lines up to it counted.
    mutating func nextEvent(in chunk: UnsafeRawBufferPointer, from offset: Int, lineStarts: [UInt8]?) -> LiteralPrefilter.LineEvent {
        let event = prefilter.nextEvent(in: chunk, from: offset, lineStarts: lineStarts)
        falseCandidates += event.falseCandidates
        return event
    }

    /// Tunes the prefilter again, to the first 256 KiB of `chunk`, when its fingerprints (chosen
    /// from the head of the input) matched text holding no literal in more than one 32-byte block
    /// in 1,000 of this chunk: the head was unlike the rest (a split file's part, a log whose
    /// start differs). What is found does not change, only how fast.
    mutating func retuneIfMisled(by chunk: UnsafeRawBufferPointer) {
        defer { falseCandidates = 0 }
        chunksSinceTuning += 1
        guard falseCandidates >= 32, falseCandidates > chunk.count / 32_000, chunksSinceTuning >= Self.retuneInterval else { return }
        prefilter = prefilter.tuned(to: UnsafeRawBufferPointer(rebasing: chunk.prefix(256 * 1024)))
        chunksSinceTuning = 0
    }
}
