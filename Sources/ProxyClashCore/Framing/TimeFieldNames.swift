/// Names of CSV columns and JSON members (compared case-insensitively) that hold a record's time.
enum TimeFieldNames {
    /// Most specific first: the first present one wins.
    static let ordered = ["timecreated", "timegenerated", "timewritten", "timeoccurred", "timeoccurred (utc)", "date-occurred",
                          "occurreddatetime", "timestamp", "@t", "whenstarted", "createddatetime", "datetime",
                          "eventtime", "lastdirsynctime", "date", "time", "created"]
    private static let ranks = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1, $0) })
    /// Names of fields that say when a repeated error first happened (csexport's
    /// `first-occurred`): earlier evidence of when the conflict began, not the message's time.
    static let start: Set<String> = ["first-occurred", "firstoccurred", "firstoccurreddatetime"]

    static func contains(_ name: String) -> Bool { rank(of: name) != nil }

    /// Where `name` stands in ``ordered`` (0 is the most specific), or nil when it is not a time field.
    static func rank(of name: String) -> Int? { ranks[FieldNormalizer.lowercased(name)] }
}
