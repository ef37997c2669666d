import Foundation
import Synchronization

/// SQLite's busy handler for the store: while another connection holds the lock it tries again
/// every 50 ms, tells `onWait` each whole second waited, and gives up after `timeout` seconds
/// (at once for 0). SQLite then returns `SQLITE_BUSY`.
final class BusyWait: Sendable {
    private let timeout: Double
    private let onWait: (@Sendable (_ secondsWaited: Int) -> Void)?
    /// When the current wait began and the last whole second reported.
    private let state = Mutex<(start: ContinuousClock.Instant, reported: Int)?>(nil)

    init(timeout: Double, onWait: (@Sendable (_ secondsWaited: Int) -> Void)?) {
        self.timeout = timeout
        self.onWait = onWait
    }

    /// The busy callback: whether SQLite should try again. `numberOfTries` is 0 when a new wait begins.
    func retry(numberOfTries: Int) -> Bool {
        let now = ContinuousClock.now
        let (elapsed, newSecond) = state.withLock { state -> (Duration, Int?) in
            // Second 0 is not reported: a lock held for a moment is no news.
            if numberOfTries == 0 || state == nil { state = (now, 0) }
            let elapsed = now - state!.start
            let second = Int(elapsed.components.seconds)
            guard second > state!.reported else { return (elapsed, nil) }
            state!.reported = second
            return (elapsed, second)
        }
        let remaining = timeout - (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        guard remaining > 0 else { return false }
        if let newSecond { onWait?(newSecond) }
        Thread.sleep(forTimeInterval: min(0.05, remaining))
        return true
    }
}
