package extension Sequence<String> {
    /// The strings in the order of their UTF-8 bytes: a total order, so the same strings are listed
    /// the same way in every run (`String`'s `<` compares canonical equivalents as equal and is
    /// not total: `é` + newline and `e` + combining acute are neither smaller nor larger, and a
    /// set's order changes from run to run). The same order as `JSONEncoder`'s `.sortedKeys`.
    func sortedByUTF8() -> [String] {
        sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
