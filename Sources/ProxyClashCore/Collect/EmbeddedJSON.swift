/// JSON inside a text line: a script's log that writes a raw REST response
/// (`... failed (400): {"error":{"message":"The proxy address \"SMTP:x\" is already being used by
/// \"...\"..."}}`) escapes the quotes a pattern needs, as `\"` or, from .NET's System.Text.Json,
/// as `\u0022`. Such a record is also matched with its escapes decoded.
enum EmbeddedJSON {
    /// `record` with one layer of JSON escapes decoded, or nil when it holds no escaped quote or
    /// `\u` escape (nothing a pattern would see differently).
    static func unescaped(_ record: UnsafeRawBufferPointer) -> [UInt8]? {
        var index = 0
        var found = false
        while index + 1 < record.count {
            if record[index] == UInt8(ascii: "\\"), record[index + 1] == UInt8(ascii: "\"") || record[index + 1] == UInt8(ascii: "u") {
                found = true
                break
            }
            index += 1
        }
        return found ? JSONFramer.unescapeOnce(record) : nil
    }
}
