import Foundation
import GRDB
import Testing
@testable import ProxyClashHistory

/// Store files that cannot be opened or created: each reason worded plainly, naming the path.
@Suite struct HistoryStoreFileTests {
    @Test func aPathUnderARegularFileSaysWhichFileIsInTheWay() throws {
        let folder = (temporaryStorePath() as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = folder + "/notes.txt"
        try Data("notes\n".utf8).write(to: URL(fileURLWithPath: file))
        let path = file + "/state/history.sqlite"
        let expected = HistoryError.unusable(path: path, reason: "\(file) is a file, not a folder")
        #expect(throws: expected) { try HistoryStore(path: path) }
        #expect(throws: expected) { try HistoryStore(path: path, access: .readOnly) }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "notes\n")
        #expect(expected.description == "\(path): history store cannot be used: \(file) is a file, not a folder")
    }

    @Test func aFolderIsNotAStore() throws {
        let folder = (temporaryStorePath() as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(throws: HistoryError.unusable(path: folder, reason: "\(folder) is a folder, not a file")) { try HistoryStore(path: folder) }
    }

    @Test func missingFoldersAreCreatedOwnerOnly() throws {
        let path = temporaryStorePath()
        _ = try HistoryStore(path: path)
        let folder = (path as NSString).deletingLastPathComponent
        let attributes = try FileManager.default.attributesOfItem(atPath: folder)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
    }

    /// Root ignores file modes and tests cannot mount a read-only or full file system, so the
    /// wording of those failures is checked directly.
    @Test(arguments: [
        (ENOENT, "/srv/state does not exist"),
        (ENOTDIR, "/srv/state is a file, not a folder"),
        (EACCES, "permission denied for /srv/state"),
        (EROFS, "/srv/state is on a read-only file system"),
        (ENOSPC, "no space left on the device for /srv/state"),
    ])
    func systemErrorsAreWordedPlainly(code: Int32, reason: String) {
        #expect(HistoryError.reason(errno: code, subject: "/srv/state") == reason)
    }

    @Test(arguments: [
        (ResultCode.SQLITE_FULL, "no space left on the device"),
        (ResultCode.SQLITE_READONLY, "the file or its folder can only be read"),
        (ResultCode.SQLITE_NOTADB, "it is not an SQLite database (left as it is)"),
        (ResultCode.SQLITE_CORRUPT, "the database is damaged"),
    ])
    func sqliteErrorsAreWordedPlainly(code: ResultCode, reason: String) {
        #expect(HistoryStore.reason(DatabaseError(resultCode: code)) == reason)
    }
}
