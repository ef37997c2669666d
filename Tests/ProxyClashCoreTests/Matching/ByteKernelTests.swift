import CStringSearch
import Testing

/// The vectorised byte loops of CStringSearch against plain Swift, on every path (AVX2 32, SSE2
/// 16, portable 0) and at every alignment and length around the vector sizes.
@Suite struct ByteKernelTests {
    static let widths: [Int32] = [32, 16, 0]

    /// Deterministic bytes from a small alphabet that includes the bytes searched for.
    static func bytes(_ count: Int, seed: Int) -> [UInt8] {
        let alphabet: [UInt8] = [0x0A, 0x00, 0xFF, 0x61, 0x62, 0x80, 0x20, 0x7F]
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 | 1
        return (0..<count).map { _ in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            // Mostly 'a' so that hits are far apart and long vector runs are taken.
            return state % 16 == 0 ? alphabet[Int(state >> 8) % alphabet.count] : 0x61
        }
    }

    @Test(arguments: widths)
    func countByteMatchesACountOfTheBytes(width: Int32) {
        let data = Self.bytes(20_000, seed: 1)
        data.withUnsafeBytes { raw in
            for start in 0..<5 {
                for end in stride(from: start, through: data.count, by: 331) {
                    let slice = UnsafeRawBufferPointer(rebasing: raw[start..<end])
                    #expect(pc_count_byte_at(slice.baseAddress, slice.count, 0x0A, width) == slice.filter { $0 == 0x0A }.count)
                }
            }
        }
    }

    @Test(arguments: widths)
    func findEitherFindsTheFirstOfTwoBytes(width: Int32) {
        for seed in 0..<40 {
            let data = Self.bytes(300, seed: seed)
            data.withUnsafeBytes { raw in
                for start in 0..<3 {
                    let slice = UnsafeRawBufferPointer(rebasing: raw[start...])
                    let expected = slice.firstIndex { $0 == 0x00 || $0 == 0xFF } ?? slice.count
                    #expect(pc_find_either_at(slice.baseAddress, slice.count, 0x00, 0xFF, width) == expected)
                }
            }
        }
    }

    @Test(arguments: widths, [true, false])
    func narrowingStopsAtTheFirstUnitThatIsNotASCII(width: Int32, littleEndian: Bool) {
        for seed in 0..<40 {
            // Text of ASCII letters with one unit that is not ASCII (in either byte) somewhere.
            var units = (0..<200).map { UInt16(0x21 + ($0 * 7 + seed) % 94) }
            let stop = (seed * 37) % 230
            if stop < units.count { units[stop] = [0x0141, 0x4100, 0x00E9, 0x0080][seed % 4] }
            let encoded = units.flatMap { littleEndian ? [UInt8($0 & 0xFF), UInt8($0 >> 8)] : [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            var output = [UInt8](repeating: 0, count: units.count)
            let copied = encoded.withUnsafeBytes { source in
                output.withUnsafeMutableBytes { pc_narrow_ascii_utf16_at(source.baseAddress, units.count, $0.baseAddress, littleEndian ? 1 : 0, width) }
            }
            let expected = min(stop, units.count)
            #expect(copied == expected)
            #expect(output.prefix(copied) == units.prefix(expected).map { UInt8($0) }[...])
        }
    }

    @Test(arguments: widths)
    func linesAreCountedUpToTheFirstLineNotStartingWithAnAllowedByte(width: Int32) {
        let allowed: [UInt8] = [0x61, 0x62]  // lines start with 'a' or 'b', else they are odd
        for seed in 0..<60 {
            let data = Self.bytes(400, seed: seed)
            data.withUnsafeBytes { raw in
                for start in [0, 1, 33, 64, 65, 200] {
                    let slice = UnsafeRawBufferPointer(rebasing: raw[start...])
                    let expected = (1..<slice.count).first { index in
                        slice[index - 1] == 0x0A && ![0x0A, 0x0D, 0x61, 0x62].contains(slice[index])
                    } ?? slice.count
                    var newlines = 0
                    let found = pc_count_lines_until_odd_at(slice.baseAddress, slice.count, allowed, 2, &newlines, width)
                    #expect(found == expected, "seed \(seed) start \(start)")
                    #expect(newlines == slice[..<expected].filter { $0 == 0x0A }.count, "seed \(seed) start \(start)")
                }
            }
        }
    }

    /// Long runs without an odd line (the 64-byte blocks and their per-lane counters, which must
    /// not overflow however dense the newlines), then an odd line at every offset of a block.
    @Test(arguments: widths)
    func longRunsOfNewlinesAreCountedExactly(width: Int32) {
        let allowed: [UInt8] = [0x61]
        for run in [Array(repeating: UInt8(0x0A), count: 20_000), Array(String(repeating: "a\n", count: 10_000).utf8)] {
            for oddAt in stride(from: run.count - 130, to: run.count, by: 2) {
                var data = run
                data[oddAt] = 0x7A  // 'z' after a newline: an odd line start (or ends the run early)
                data += Array("a\n".utf8)
                data.withUnsafeBytes { slice in
                    let expected = (1..<slice.count).first { slice[$0 - 1] == 0x0A && ![0x0A, 0x0D, 0x61].contains(slice[$0]) } ?? slice.count
                    var newlines = 0
                    let found = pc_count_lines_until_odd_at(slice.baseAddress, slice.count, allowed, 1, &newlines, width)
                    #expect(found == expected, "odd at \(oddAt)")
                    #expect(newlines == slice[..<expected].filter { $0 == 0x0A }.count, "odd at \(oddAt)")
                }
            }
        }
    }
}
