import Testing
@testable import ProxyClashCore

/// Messages wrapped at a console width inside plain logs: found on the fast path, joined with
/// the console rules, counted once, at their first line, whatever the read size (chunk ends fall
/// inside the wrapped lines at small sizes).
@Suite struct WrappedLinesTests {
    static func noise(_ count: Int, from minute: Int) -> [String] {
        (0..<count).map { String(format: "2026-11-18T06:%02d:%02dZ INFO Delta sync: 1 object(s) exported for user%d@contoso.com", minute, $0 % 60, $0) }
    }

    static let cutMessage = #"ERROR Set-Mailbox u1: The proxy address "SMTP:cut.literal@contoso.com" is already being used by "NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Cut User". Choose another proxy address."#
    static let wordMessage = #"ERROR New-MailUser u2: The proxy address "SMTP:word.wrap@contoso.com" is already being used by "NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Word Wrap". Choose another proxy address."#

    /// Hard wrap at `width` columns, as a console cuts: inside words ("is alrea" / "dy being").
    static func hardWrap(_ message: String, width: Int) -> [String] {
        stride(from: 0, to: message.count, by: width).map { String(message.dropFirst($0).prefix(width)) }
    }

    /// Word wrap at `width` columns: lines break at spaces, which are dropped.
    static func wordWrap(_ message: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in message.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        return lines + [line]
    }

    /// Timestamped noise, a message hard-wrapped at 100 columns whose cut falls inside the literal
    /// ("is alrea" / "dy being"), noise, one word-wrapped at 120 with the owner on the next line,
    /// noise.
    static func log() -> (text: String, cutLine: Int, wordLine: Int) {
        var lines = noise(25, from: 0)
        let cutLine = lines.count + 1
        lines += hardWrap("2026-11-18T06:10:00Z " + cutMessage, width: 100) + noise(3, from: 11)
        let wordLine = lines.count + 1
        lines += wordWrap("2026-11-18T06:20:00Z " + wordMessage, width: 120) + noise(25, from: 21)
        return (lines.joined(separator: "\n") + "\n", cutLine, wordLine)
    }

    @Test(arguments: [1, 7, 64, 65_536])
    func wrappedMessagesAreFoundOnceAtTheirFirstLine(readSize: Int) throws {
        let (text, cutLine, wordLine) = Self.log()
        var options = ScanOptions()
        options.readSize = readSize
        let result = scanText(text, readSize: readSize, options: options)
        #expect(result.inputs.first?.format == .lines)
        let incidents = result.incidents.incidents.sorted { $0.key < $1.key }
        #expect(incidents.map(\.key) == ["smtp:cut.literal@contoso.com", "smtp:word.wrap@contoso.com"])
        #expect(incidents.map(\.occurrences) == [1, 1])
        #expect(incidents.map { $0.sources.map(\.line) } == [[cutLine], [wordLine]])
        #expect(incidents.map(\.owners) == [
            ["NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Cut User"],
            ["NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Word Wrap"],
        ])
        #expect(incidents.map { $0.firstSeen.map(ISO8601.format) } == ["2026-11-18T06:10:00Z", "2026-11-18T06:20:00Z"])
        #expect(result.statistics.lines == text.filter { $0 == "\n" }.count)
        #expect(result.diagnostics.entries.isEmpty)
    }

    /// Without timestamps at the line starts, wide lines in a row are separate entries: two
    /// messages for one address on consecutive lines count twice.
    @Test func wideLinesWithoutTimestampsAreNotJoined() {
        let message = #"ERROR The proxy address "SMTP:twice@contoso.com" is already being used by "NAMPR05A001.prod.outlook.com/x/y". Choose another proxy address."#
        let text = (Array(repeating: "INFO nothing to see here", count: 30) + [message, message]).joined(separator: "\n") + "\n"
        let result = scanText(text, readSize: 64)
        #expect(result.incidents.incidents.map(\.occurrences) == [2])
        #expect(result.incidents.incidents.first?.sources.map(\.line) == [31, 32])
    }

    /// A wrapped message held at a chunk end (its last line full width, so it might go on), then
    /// an over-long line (a chunk of its own), then an indented message: the held message is
    /// matched before the over-long line, and the indented one is not joined to it.
    @Test(arguments: [64, 4_096])
    func heldMessageBeforeAnOverlongLineIsMatchedThere(readSize: Int) throws {
        var message = "2026-11-18T06:10:00Z " + Self.cutMessage.replacingOccurrences(of: " Choose another proxy address.", with: " Retry")
        message += String(repeating: ".", count: 240 - message.count)
        let wrapped = Self.hardWrap(message, width: 120)
        let overlong = "2026-11-18T06:11:00Z INFO " + String(repeating: "x", count: 30_000)
        let indented = #"   The proxy address "SMTP:after@contoso.com" is already being used by "x/y". Choose another proxy address."#
        let lines = Self.noise(25, from: 0) + wrapped + [overlong, indented] + Self.noise(5, from: 12)
        var options = ScanOptions()
        options.readSize = readSize
        options.maxRecordLength = 16_384  // the head read to learn the log's shape is the read size plus this
        let result = scanText(lines.joined(separator: "\n") + "\n", readSize: readSize, options: options)
        let incidents = result.incidents.incidents.sorted { $0.key < $1.key }
        #expect(wrapped.map(\.count) == [120, 120])
        #expect(incidents.map(\.key) == ["smtp:after@contoso.com", "smtp:cut.literal@contoso.com"])
        #expect(incidents.map { $0.sources.map(\.line) } == [[29], [26]])
        #expect(incidents.last?.owners == ["NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Cut User"])
        #expect(result.statistics.lines == lines.count)
        #expect(result.diagnostics.entries.map(\.category) == [.overlongRecord])
        #expect(result.diagnostics.entries.first?.line == 28)
    }

    /// `template` hard-wrapped at 120 columns with `PAD` filled so that a line ends right after
    /// the first `cut`.
    static func cutRightAfter(_ cut: String, in template: String) -> [String] {
        let bare = template.replacingOccurrences(of: "PAD", with: "")
        let end = bare.range(of: cut)!.upperBound.utf16Offset(in: bare)
        return hardWrap(template.replacingOccurrences(of: "PAD", with: String(repeating: "x", count: (120 - end % 120) % 120)), width: 120)
    }

    /// Three shapes a new user's logs had: a message word-wrapped at 120 whose first line ends on
    /// a whole word exactly at column 120, its continuations indented (it was joined without a
    /// space: "alreadybeing"); hard cuts right after the `/` of the owner's path and right after
    /// the `.` of the address's domain (a space was put in: two owners, a broken address).
    @Test(arguments: [7, 65_536])
    func cutsAtTheEdgeOfWordsAndTokensJoinRight(readSize: Int) throws {
        var wordWrapped = "2026-11-25T09:07:00Z ERROR Set-MailUser ibaker: The proxy address \"SMTP:iris.baker@northwindtraders.com\" is already"
        wordWrapped = wordWrapped.replacingOccurrences(of: "ibaker", with: "ibaker" + String(repeating: "x", count: 120 - wordWrapped.count))
        let owner = "EURPR03A012.prod.outlook.com/Microsoft Exchange Hosted Organizations/northwindtraders.onmicrosoft.com/Iris Baker"
        let iris = [wordWrapped, "    being used by \"EURPR03A012.prod.outlook.com/Microsoft Exchange Hosted Organizations/northwindtraders.onmicrosoft.com/Iris",
                    "    Baker\". Please choose another proxy address."]
        let slash = Self.cutRightAfter("contoso.onmicrosoft.com/", in: #"2026-11-19T08:30:00Z ERROR Set-MailUser jo.kimPAD: The proxy address "SMTP:jo.kim@contoso.com" is already being used by "NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Jo Kim". Choose another proxy address."#)
        let dot = Self.cutRightAfter("dot.cut@contoso.", in: #"2026-11-19T08:40:00Z ERROR Set-MailUser PAD: The proxy address "SMTP:dot.cut@contoso.com" is already being used by "corp.example/Users/Dot Cut". Choose another proxy address."#)
        #expect(([iris[0]] + slash + dot).allSatisfy { $0.count == 120 || !$0.hasPrefix("2026") })
        #expect(slash.contains { $0.hasSuffix("contoso.onmicrosoft.com/") } && dot.contains { $0.hasSuffix("@contoso.") })
        let unwrapped = #"2026-11-19T08:50:00Z ERROR Set-MailUser jo.kim: The proxy address "SMTP:jo.kim@contoso.com" is already being used by "NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Jo Kim". Choose another proxy address."#
        let lines = Self.noise(25, from: 0) + iris + Self.noise(3, from: 10) + slash + Self.noise(3, from: 20) + dot + Self.noise(3, from: 30) + [unwrapped] + Self.noise(3, from: 40)
        var options = ScanOptions()
        options.readSize = readSize
        let result = scanText(lines.joined(separator: "\n") + "\n", readSize: readSize, options: options)
        let incidents = result.incidents.incidents.sorted { $0.key < $1.key }
        #expect(incidents.map(\.key) == ["smtp:dot.cut@contoso.com", "smtp:iris.baker@northwindtraders.com", "smtp:jo.kim@contoso.com"])
        #expect(incidents.map(\.occurrences) == [1, 1, 2])
        #expect(incidents.map(\.owners) == [["corp.example/Users/Dot Cut"], [owner],
                                             ["NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Jo Kim"]])
        #expect(incidents.map { $0.sources.first?.line } == [lines.firstIndex(of: dot[0])! + 1, 26, lines.firstIndex(of: slash[0])! + 1])
        #expect(result.diagnostics.entries.isEmpty)
    }

    /// What the joining rules must not do (an adversarial review of them): a table of messages
    /// cut short with their holders' quotes open swallows no row; a full stop at a full-width line's
    /// end followed by a sentence is not an address going on; a cut right before the second space
    /// of two keeps both.
    @Test func joiningRulesLeaveWhatIsNotAWrapAlone() throws {
        var options = ScanOptions()
        options.forcedFormat = .console
        let table = ["PS C:\\> $failed | Format-Table Error", "", "Error", "-----"]
            + ["ann", "bob", "dee", "ann"].map { #"The proxy address "SMTP:\#($0)@contoso.com" is already being used by "NAMPR05A0..."# }
            + ["", "PS C:\\> Get-Date"]
        let rows = scanText(table.joined(separator: "\r\n") + "\r\n", options: options).incidents.incidents.sorted { $0.key < $1.key }
        #expect(rows.map(\.key) == ["smtp:ann@contoso.com", "smtp:bob@contoso.com", "smtp:dee@contoso.com"])
        #expect(rows.map { $0.sources.map(\.line) } == [[5, 8], [6], [7]])

        var notice = "2026-11-23T08:21:14Z WARN [PAD] Admin notice: We detected a duplicate Proxy address conflict on the value SMTP:amy@contoso.com."
        notice = notice.replacingOccurrences(of: "PAD", with: String(repeating: "x", count: 150 - notice.count + 3))
        #expect(notice.count == 150)
        let sentence = Self.noise(20, from: 0) + [notice, "All attribute values need to be unique across objects."] + Self.noise(3, from: 30)
        let keys = scanText(sentence.joined(separator: "\n") + "\n").incidents.incidents.map(\.key)
        #expect(keys == ["proxyaddresses|smtp:amy@contoso.com"])

        let twoSpaces = Self.cutRightAfter("Ann ", in: #"2026-11-19T07:30:00Z ERROR Set-MailUser annPAD: The proxy address "SMTP:ann@contoso.com" is already being used by "contoso.com/Users/Ann  Lee". Choose another proxy address."#)
        #expect(twoSpaces.contains { $0.hasSuffix("Ann ") })
        let owners = scanText((Self.noise(20, from: 0) + twoSpaces + Self.noise(3, from: 40)).joined(separator: "\n") + "\n").incidents.incidents.map(\.owners)
        #expect(owners == [["contoso.com/Users/Ann  Lee"]])
    }

    /// A message stopped short of its holder on the last line a read holds is held for the next
    /// read, as a wide last line is: found with its holder wherever the first 1 MiB read ends
    /// around it (an adversarial review found it lost at one offset).
    @Test func aMessageStoppedBeforeItsHolderIsHeldAcrossReads() throws {
        let entry = ["2026-11-16T09:14:03.0000000Z ERROR Set-Mailbox failed for ann:",
                     #"The proxy address "SMTP:ann@contoso.com" is already being used by"#,
                     #""NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Ann Lee". Choose another."#]
        for shift in stride(from: 65_410, through: 65_450, by: 4) {
            // Heartbeat lines, then one padded line, so that the open line ends `shift` bytes past 1 MiB.
            let open = entry[0] + "\n" + entry[1] + "\n"
            let fill = (1 << 20) - open.utf8.count + shift
            var body = ""
            var index = 0
            while true {
                let line = String(format: "2026-11-16T08:%02d:%02d.0000000Z INFO heartbeat %07d ok\n", (index / 60) % 60, index % 60, index)
                guard body.utf8.count + line.utf8.count <= fill - 80 else { break }
                body += line
                index += 1
            }
            let pad = "2026-11-16T09:00:00.0000000Z INFO pad "
            body += pad + String(repeating: "p", count: fill - body.utf8.count - pad.utf8.count - 1) + "\n"
            body += open + entry[2] + "\n2026-11-16T09:15:00.0000000Z INFO done\n"
            let incidents = scanText(body).incidents.incidents
            #expect(incidents.map(\.owners) == [["NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Ann Lee"]],
                    "shift \(shift)")
        }
    }
}
