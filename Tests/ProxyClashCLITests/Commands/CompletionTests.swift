import Foundation
import Testing

/// The bash completion `make install` puts in share/bash-completion/completions, exercised as bash
/// calls it (the function gets the command, the word being completed and the word before it).
@Suite struct CompletionTests {
    private func complete(_ words: [String], script: URL) throws -> [String] {
        let line = words.joined(separator: " ")
        let array = words.map { "'\($0)'" }.joined(separator: " ")
        let call = """
            source '\(script.path)'; COMPREPLY=(); COMP_WORDS=(\(array)); COMP_CWORD=\(words.count - 1)
            COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}
            _proxyclash proxyclash '\(words.last!)' '\(words[words.count - 2])'; printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try run(["-c", call], executable: URL(fileURLWithPath: "/bin/bash"))
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test func bashCompletesSubcommandsAndFormats() throws {
        let script = try temporaryFile("proxyclash.bash", try run(["--generate-completion-script", "bash"]).stdout)
        #expect(try complete(["proxyclash", "s"], script: script) == ["scan", "summary"])
        #expect(try complete(["proxyclash", "scan", "--format", ""], script: script) == ["text", "json"])
        #expect(try complete(["proxyclash", "summary", "--format", ""], script: script) == ["text", "markdown", "json", "csv", "html"])
    }
}
