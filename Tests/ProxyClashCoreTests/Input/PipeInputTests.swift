import Foundation
import Testing
@testable import ProxyClashCore

/// Standard input from a pipe asks for a 1 MiB pipe buffer (64 KiB by default): a `cat log |`
/// pipeline then moves 1 MiB per wake-up (a 1 GiB log through a pipe: 0.95 s → 0.4 s here).
@Suite struct PipeInputTests {
    @Test func aPipeGetsALargeBuffer() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { ends.forEach { close($0) } }
        let getPipeSize: Int32 = 1032  // F_GETPIPE_SZ
        let before = fcntl(ends[0], getPipeSize)
        let source = FileByteSource(borrowing: ends[0])
        let limit = Int32(try String(contentsOfFile: "/proc/sys/fs/pipe-max-size", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        // An unprivileged process may not go past the system's limit; root may.
        let expected = getuid() == 0 || limit >= 1 << 20 ? Int32(1 << 20) : before
        #expect(fcntl(ends[0], getPipeSize) == expected)
        // Still reads what is written.
        _ = "line\n".withCString { write(ends[1], $0, 5) }
        close(ends[1])
        ends[1] = -1
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 16, alignment: 1)
        defer { buffer.deallocate() }
        #expect(try source.read(into: buffer) == 5)
    }
}
