extension Scanner {
    /// Archives inside archives are read this many levels deep (a `.zip` in a `.tar.gz` is two).
    static let maxArchiveDepth = 3

    /// Bytes read from one archive and every archive inside it, against the total limit: each
    /// member's text (after its own compressor), and the declared size of members refused for
    /// their size (reading past them in a stream costs inflating them).
    final class ArchiveBudget {
        var inflated: UInt64 = 0
    }

    /// Scans every file in an archive as if it were a file of its own (`bundle.tar.gz!member`),
    /// each with its own container, encoding and format detection, within the member and total
    /// size limits. Damage ends the archive with a diagnostic naming where, after what was read.
    func scanArchive(_ reader: LibArchiveReader, displayPath: String, depth: Int = 1, budget: ArchiveBudget = ArchiveBudget(),
                     onDiagnostic: ((Diagnostic) -> Void)?, progress: ((Int) -> Void)?) -> ScanResult {
        var result = ScanResult(incidentLimit: options.maxIncidents)
        var membersRead = 0
        var lastMember: String?
        var folded: InputSummary?
        // Members past the listed ones become one entry, whichever way they were added.
        func fold() {
            while result.inputs.count > options.listedArchiveMembers {
                let extra = result.inputs.removeLast()
                folded = folded.map { $0.absorbing(extra) } ?? extra
            }
        }
        while true {
            fold()
            let entry: LibArchiveReader.Entry
            do {
                guard let next = try reader.nextEntry() else { break }
                entry = next
            } catch {
                let place = lastMember.map { "after member \($0)" } ?? "before its first member"
                var read = membersRead == 1 ? "1 member was read" : "\(membersRead) members were read"
                if case .corruptCompressedData = error, membersRead > 0 { read += " (the last one may end in damaged data)" }
                result.merge(damaged(displayPath, "\(error.description), \(place): \(read), the rest of the archive could not be reached", onDiagnostic: onDiagnostic))
                break
            }
            let label = FileSystemPath.display(entry.label)
            let memberPath = displayPath + "!" + label
            if let damage = entry.damagedBefore {
                let place = lastMember.map { "between members \($0) and \(label)" } ?? "before member \(label)"
                result.merge(damaged(displayPath, "\(damage): a damaged header was read past \(place); the member it began, if any, was not read", onDiagnostic: onDiagnostic))
            }
            lastMember = label
            if let reason = entry.notRead {
                // A note: in the report, not on stderr (the callback takes warnings and errors).
                result.diagnostics.record(Diagnostic(path: memberPath, category: .skippedPath, message: reason))
            }
            guard entry.hasContent else { continue }
            membersRead += 1
            let declared = UInt64(max(entry.declaredSize ?? 0, 0))
            if declared > options.maxArchiveMemberBytes {
                budget.inflated += declared
                result.merge(skipped(memberPath, "\(reader.format.rawValue) member declares \(declared) bytes, over the \(options.maxArchiveMemberBytes)-byte member limit: not scanned", onDiagnostic: onDiagnostic))
                continue
            }
            if budget.inflated + declared > options.maxArchiveTotalBytes {
                result.merge(skipped(memberPath, "\(reader.format.rawValue) archive inflates past the \(options.maxArchiveTotalBytes)-byte total limit: this member and the rest not scanned", onDiagnostic: onDiagnostic))
                break
            }
            let before = result.statistics.bytes
            result.merge(scanMember(ArchiveMemberSource(reader: reader), path: memberPath, depth: depth, budget: budget,
                                    onDiagnostic: onDiagnostic) { progress?(before + $0) })
        }
        fold()
        if let folded { result.inputs.append(folded.renamed(displayPath + "!(\(folded.members) more members)")) }
        return result
    }

    /// One member: a stream is searched, an archive inside is read as one more level. The member
    /// limit holds for its bytes and, when it is compressed, for the text inflated from them.
    private func scanMember(_ member: ArchiveMemberSource, path: String, depth: Int, budget: ArchiveBudget,
                            onDiagnostic: ((Diagnostic) -> Void)?, progress: ((Int) -> Void)?) -> ScanResult {
        let left = options.maxArchiveTotalBytes - min(budget.inflated, options.maxArchiveTotalBytes)
        let limit = min(options.maxArchiveMemberBytes, left)
        let exceeded = InputError.archiveLimit(limit == options.maxArchiveMemberBytes
            ? "inflated past the \(limit)-byte member limit (archive bomb?): the rest of the member was not read"
            : "inflated past the archive's \(options.maxArchiveTotalBytes)-byte total limit (archive bomb?): the rest of the member and of the archive was not read")
        let raw = LimitedByteSource(upstream: member, limit: limit, exceeded: exceeded)
        do {
            switch try opener.sniff(raw, isMember: true) {
            case let .stream(source, compression):
                let inflated = compression.map { _ in LimitedByteSource(upstream: source, limit: limit, exceeded: exceeded) }
                defer { budget.inflated += inflated?.delivered ?? raw.delivered }
                return scan(source: inflated ?? source, path: path, compression: compression, onDiagnostic: onDiagnostic, progress: progress)
            case let .archive(inner):
                // Its members are charged to the budget as they are read, not its own bytes.
                guard depth < Self.maxArchiveDepth else {
                    return skipped(path, "\(inner.format.rawValue) archive nested \(depth + 1) levels deep, past the limit of \(Self.maxArchiveDepth): not scanned (extract it first)", onDiagnostic: onDiagnostic)
                }
                return scanArchive(inner, displayPath: path, depth: depth + 1, budget: budget, onDiagnostic: onDiagnostic, progress: progress)
            }
        } catch {
            budget.inflated += raw.delivered
            return unreadable(path, error, onDiagnostic: onDiagnostic)
        }
    }
}
