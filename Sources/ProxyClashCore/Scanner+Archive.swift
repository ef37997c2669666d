extension Scanner {
    /// Archives inside archives are read this many levels deep (a `.zip` in a `.tar.gz` is two).
    static let maxArchiveDepth = 3

    /// Inflated bytes of one archive and of every archive inside it, against the total limit.
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
        while true {
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
            lastMember = FileSystemPath.display(entry.label)
            if let reason = entry.notRead {
                // A note: in the report, not on stderr (the callback takes warnings and errors).
                result.diagnostics.record(Diagnostic(path: displayPath + "!" + lastMember!, category: .skippedPath, message: reason))
            }
            guard entry.hasContent else { continue }
            membersRead += 1
            let memberPath = displayPath + "!" + FileSystemPath.display(entry.label)
            let declared = UInt64(max(entry.declaredSize ?? 0, 0))
            if declared > options.maxArchiveMemberBytes {
                result.merge(skipped(memberPath, "\(reader.format.rawValue) member declares \(declared) bytes, over the \(options.maxArchiveMemberBytes)-byte member limit: not scanned", onDiagnostic: onDiagnostic))
                continue
            }
            if budget.inflated + declared > options.maxArchiveTotalBytes {
                result.merge(skipped(memberPath, "\(reader.format.rawValue) archive inflates past the \(options.maxArchiveTotalBytes)-byte total limit: this member and the rest not scanned", onDiagnostic: onDiagnostic))
                break
            }
            let member = ArchiveMemberSource(reader: reader, limit: min(options.maxArchiveMemberBytes, options.maxArchiveTotalBytes - budget.inflated))
            let before = result.statistics.bytes
            result.merge(scanMember(member, path: memberPath, depth: depth, budget: budget, onDiagnostic: onDiagnostic) { progress?(before + $0) })
            budget.inflated += member.delivered
        }
        return result
    }

    /// One member: a stream is searched, an archive inside is read as one more level.
    private func scanMember(_ member: ArchiveMemberSource, path: String, depth: Int, budget: ArchiveBudget,
                            onDiagnostic: ((Diagnostic) -> Void)?, progress: ((Int) -> Void)?) -> ScanResult {
        do {
            switch try opener.sniff(member, isMember: true) {
            case let .stream(source, compression):
                return scan(source: source, path: path, compression: compression, onDiagnostic: onDiagnostic, progress: progress)
            case let .archive(inner):
                guard depth < Self.maxArchiveDepth else {
                    return skipped(path, "\(inner.format.rawValue) archive nested \(depth + 1) levels deep, past the limit of \(Self.maxArchiveDepth): not scanned (extract it first)", onDiagnostic: onDiagnostic)
                }
                return scanArchive(inner, displayPath: path, depth: depth + 1, budget: budget, onDiagnostic: onDiagnostic, progress: progress)
            }
        } catch {
            return unreadable(path, error, onDiagnostic: onDiagnostic)
        }
    }
}
