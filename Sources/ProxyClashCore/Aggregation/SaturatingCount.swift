extension Int {
    /// Adds `other`, stopping at `Int.max` (or `Int.min`) instead of trapping: counts merged from
    /// reports written elsewhere can be anything a file says, and a sum of them must not crash.
    package mutating func addSaturating(_ other: Int) {
        let (sum, overflow) = addingReportingOverflow(other)
        self = overflow ? (other > 0 ? .max : .min) : sum
    }
}
