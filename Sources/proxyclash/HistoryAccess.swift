import Foundation
import ProxyClashCore
import ProxyClashHistory
import Synchronization

/// How `scan`, `summary` and `remediate` use the history store. Every store problem (cannot be
/// opened or created, not a store, from a newer proxyclash, busy past the wait, a failed read or
/// write, no store yet) is one line on stderr naming the path, and exit status 2 (`incomplete`).
enum HistoryAccess {
    /// How long `summary` and `remediate` wait for the store. Readers never wait for a writer
    /// (WAL mode); this only bounds SQLite's rare short locks (recovery after a crash).
    static let readTimeout: Double = 10

    /// Opens the store read-only for `summary` and `remediate`, saying why and throwing
    /// ``ExitStatus/incomplete`` when it cannot be read.
    static func openForReading(_ path: String) throws -> HistoryStore {
        do {
            let store = try HistoryStore(path: path, access: .readOnly, busyTimeout: readTimeout)
            if let migration = store.newerMigration {
                StandardError.line("\(path): history store written by a newer proxyclash (unknown migration '\(migration)'); reading what this version knows")
            }
            return store
        } catch {
            StandardError.line(error.description)
            throw ExitStatus.incomplete
        }
    }
}

/// The store as `scan --history` uses it: opened and checked before the scan, so a store that
/// cannot be used is reported at once (the scan and its report go ahead); written after the
/// report, so a store problem never costs the report.
struct HistoryRecording {
    private let store: HistoryStore?
    private let note: WaitNote
    private let quiet: Bool

    /// Opens the store at `path`, waiting up to `timeout` seconds for another run that holds it.
    init(path: String, timeout: Double, quiet: Bool) {
        let note = WaitNote(path: path, timeout: timeout, quiet: quiet)
        self.note = note
        self.quiet = quiet
        do {
            store = try HistoryStore(path: path, busyTimeout: timeout, onWait: note.waited)
        } catch {
            store = nil
            StandardError.line("\(error); scanning anyway, nothing of this run will be stored")
        }
        note.finish()
    }

    /// Records the run; false (after saying so) when nothing of it was stored.
    func record(_ result: ScanResult, startedAt: Date) -> Bool {
        guard let store else { return false }
        let outcome = Result { () throws(HistoryError) in try store.record(result, startedAt: startedAt) }
        note.finish()
        switch outcome {
        case let .success(added):
            if !quiet { StandardError.line("\(store.path): \(added) new message\(added == 1 ? "" : "s") recorded") }
            return true
        case let .failure(error):
            StandardError.line("\(error); nothing of this run was stored")
            return false
        }
    }
}

/// Tells the user a run is waiting for the history store: on a terminal a line counting the
/// seconds, erased when the wait ends; otherwise one note. Nothing with `--quiet`.
final class WaitNote: Sendable {
    private let path: String
    private let timeout: Double
    private let quiet: Bool
    private let terminal = StandardError.canRedraw
    /// Whether a note was written, and whether a terminal line is showing.
    private let state = Mutex((noted: false, showing: false))

    init(path: String, timeout: Double, quiet: Bool) {
        self.path = path
        self.timeout = timeout
        self.quiet = quiet
    }

    /// Called each whole second waited.
    func waited(_ seconds: Int) {
        guard !quiet else { return }
        state.withLock { state in
            if terminal {
                StandardError.write("\r\u{1B}[2Kwaiting for the history store (held by another run) \(seconds) s")
                state.showing = true
            } else if !state.noted {
                StandardError.line("\(path): history store busy, waiting up to \(Int(timeout.rounded(.up))) s")
            }
            state.noted = true
        }
    }

    /// Erases the terminal line, if one is showing.
    func finish() {
        state.withLock { state in
            if state.showing { StandardError.write("\r\u{1B}[2K") }
            state.showing = false
        }
    }
}
