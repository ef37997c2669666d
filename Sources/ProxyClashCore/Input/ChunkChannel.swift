import Foundation

/// A small blocking queue of byte chunks between one producer thread and one consumer: the
/// bridge from ZIPFoundation's push-style extraction to the scanner's pull-style reads.
/// At most `capacity` chunks wait at a time, so memory stays bounded.
final class ChunkChannel: @unchecked Sendable {
    /// Thrown to the producer once the consumer has stopped reading.
    struct Cancelled: Error {}

    private let condition = NSCondition()
    private let capacity: Int
    private var chunks: [Data] = []
    private var finished = false
    private var failure: Error?
    private var cancelled = false

    init(capacity: Int = 4) { self.capacity = capacity }

    /// Producer: waits for room, then queues `chunk`; throws when the consumer has gone.
    func put(_ chunk: Data) throws {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= capacity, !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        chunks.append(chunk)
        condition.broadcast()
    }

    /// Producer: no more chunks; `error` says why, when it ended badly.
    func finish(_ error: Error?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The producer did not hand over anything within the allowed time.
    struct Stalled: Error {}

    /// Consumer: the next chunk, nil at a clean end; rethrows the producer's error after the
    /// chunks that came before it; throws ``Stalled`` when nothing came for `patience` seconds.
    func take(patience: TimeInterval) throws -> Data? {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: patience)
        while chunks.isEmpty, !finished {
            if !condition.wait(until: deadline) { throw Stalled() }
        }
        if !chunks.isEmpty {
            condition.broadcast()
            return chunks.removeFirst()
        }
        if let failure, !(failure is Cancelled) { throw failure }
        return nil
    }

    /// Consumer: stop the producer (it throws ``Cancelled`` from its next `put`).
    func cancel() {
        condition.lock()
        cancelled = true
        chunks.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
