extension Scanner {
    /// Scans every file in a zip archive as if it were a file of its own (`archive.zip!member`),
    /// within the member and total size limits.
    func scanArchive(path: FileSystemPath, displayPath: String, onDiagnostic: ((Diagnostic) -> Void)?, progress: ((Int) -> Void)?) -> ScanResult {
        let archive: ZipArchiveReader
        do {
            archive = try ZipArchiveReader(path: path)
        } catch {
            return unreadable(displayPath, error, onDiagnostic: onDiagnostic)
        }
        var result = ScanResult(incidentLimit: options.maxIncidents)
        var inflated: UInt64 = 0
        for member in archive.members {
            let memberPath = displayPath + "!" + member.path
            if member.declaredSize > options.maxArchiveMemberBytes {
                result.merge(skipped(memberPath, "zip member declares \(member.declaredSize) bytes inflated, over the \(options.maxArchiveMemberBytes)-byte member limit: not scanned", onDiagnostic: onDiagnostic))
                continue
            }
            if inflated + member.declaredSize > options.maxArchiveTotalBytes {
                result.merge(skipped(memberPath, "zip archive inflates past the \(options.maxArchiveTotalBytes)-byte total limit: this member and the rest not scanned", onDiagnostic: onDiagnostic))
                break
            }
            inflated += member.declaredSize
            let before = result.statistics.bytes
            do {
                switch try opener.sniff(archive.open(member, limit: options.maxArchiveMemberBytes, patience: options.archivePatienceSeconds)) {
                case let .stream(source, compressed):
                    result.merge(scan(source: source, path: memberPath, compressed: compressed, onDiagnostic: onDiagnostic) { progress?(before + $0) })
                case .zipArchive:
                    result.merge(skipped(memberPath, "zip archive inside a zip archive: not scanned (extract it first)", onDiagnostic: onDiagnostic))
                }
            } catch {
                result.merge(unreadable(memberPath, error, onDiagnostic: onDiagnostic))
            }
        }
        return result
    }
}
