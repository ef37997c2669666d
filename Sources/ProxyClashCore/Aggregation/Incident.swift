import Foundation

/// One conflict, however many messages reported it: everything the report says about it.
public struct Incident: Sendable, Equatable {
    public let kind: IncidentKind
    /// The dedup key (lower-case), e.g. `smtp:jane@contoso.com`.
    public let key: String
    /// Number of distinct messages that reported it.
    public internal(set) var occurrences: Int
    public internal(set) var firstSeen: Date?
    public internal(set) var lastSeen: Date?
    public internal(set) var address: String?
    /// Where ``address`` was read; nil when there is none. An address from a message beats one
    /// from a record's context.
    public internal(set) var addressSource: AddressSource?
    public internal(set) var objectType: String?
    public internal(set) var guid: String?
    public internal(set) var attribute: String?
    public internal(set) var value: String?
    /// Distinct owners, forests and tenants named by the messages, sorted.
    public var owners: [String] { ownerSpellings.values.sortedByUTF8() }
    public var forests: [String] { forestSet.sortedByUTF8() }
    public var tenants: [String] { tenantSet.sortedByUTF8() }
    /// The first `IncidentAggregator.sourceSampleLimit` places it was seen, in path and line order.
    public internal(set) var sources: [SourceRef]
    /// How many places it was seen in all.
    public internal(set) var sourceTotal: Int
    /// The patterns that recognised it.
    public var patternIDs: [String] { patternSet.sorted() }
    /// Its messages counted by how their time was decided (``TimeEvidence``).
    public internal(set) var datedBy: [TimeEvidence: Int] = [:]

    /// Owners keyed by their lower-case form, so `Jane Doe` and `JANE DOE` are listed once.
    var ownerSpellings: [String: String] = [:]
    var forestSet: Set<String> = []
    var tenantSet: Set<String> = []
    var patternSet: Set<String> = []

    /// Stable short identifier from kind and key: `pa-` + 16 hex digits of FNV-1a 64.
    public var id: String { Self.id(kind: kind, key: key) }

    package static func id(kind: IncidentKind, key: String) -> String {
        let prime: UInt64 = 0x0000_0100_0000_01B3
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in kind.rawValue.utf8 { hash = (hash ^ UInt64(byte)) &* prime }
        hash = (hash ^ UInt64(UInt8(ascii: "|"))) &* prime
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* prime }
        let hex = String(unsafeUninitializedCapacity: 16) { digits in
            for place in 0..<16 {
                let nibble = UInt8((hash >> UInt64(60 - 4 * place)) & 0xF)
                digits[place] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
            }
            return 16
        }
        return kind.idPrefix + "-" + hex
    }

    /// Rebuilds an incident from a report (merging reports from several machines).
    package init(kind: IncidentKind, key: String, occurrences: Int, firstSeen: Date?, lastSeen: Date?, address: String?,
                owners: [String], forests: [String], tenants: [String], objectType: String?, guid: String?,
                attribute: String?, value: String?, sources: [SourceRef], sourceTotal: Int, patternIDs: [String],
                datedBy: [TimeEvidence: Int] = [:], addressSource: AddressSource? = nil) {
        self.datedBy = datedBy
        self.kind = kind
        self.key = key
        self.occurrences = occurrences
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.address = address
        // Reports and stores from before sources were kept only had addresses from messages.
        self.addressSource = address == nil ? nil : addressSource ?? .message
        self.objectType = objectType
        self.guid = guid
        self.attribute = attribute
        self.value = value
        self.sources = Array(sources.sorted().prefix(IncidentAggregator.sourceSampleLimit))
        self.sourceTotal = sourceTotal
        for owner in owners { addOwner(owner) }
        forestSet = Set(forests)
        tenantSet = Set(tenants)
        patternSet = Set(patternIDs)
    }

    /// The incident as one message reports it.
    init(first finding: Finding, source: SourceRef) {
        kind = finding.kind
        key = finding.key
        occurrences = 0
        sources = []
        sourceTotal = 0
        add(finding, source: source)
    }

    /// Counts one more message reporting this incident (the same as merging
    /// `Incident(first: finding, source: source)`, without building it).
    mutating func add(_ finding: Finding, source: SourceRef) {
        occurrences += 1
        sourceTotal += 1
        insertSource(source)
        noteTime(finding.timestamp)
        datedBy[finding.datedBy ?? (finding.timestamp == nil ? .undated : .text), default: 0].addSaturating(1)
        if let since = finding.since, let time = finding.timestamp, since < time, since < firstSeen! { firstSeen = since }
        keepBetter(address: finding.address, source: finding.addressSource)
        keepSmaller(objectType: finding.objectType, guid: finding.guid, attribute: finding.attribute, value: finding.value)
        if let owner = finding.owner { addOwner(owner) }
        if let forest = finding.forest { forestSet.insert(forest) }
        if let tenant = finding.tenant { tenantSet.insert(tenant) }
        patternSet.insert(finding.patternID)
    }

    /// Combines the same incident seen by another worker or another machine.
    /// Counts saturate at `Int.max`.
    mutating func merge(_ other: Incident) {
        occurrences.addSaturating(other.occurrences)
        sourceTotal.addSaturating(other.sourceTotal)
        for source in other.sources { insertSource(source) }
        noteTime(other.firstSeen)
        noteTime(other.lastSeen)
        keepBetter(address: other.address, source: other.addressSource)
        keepSmaller(objectType: other.objectType, guid: other.guid, attribute: other.attribute, value: other.value)
        for owner in other.ownerSpellings.values { addOwner(owner) }
        forestSet.formUnion(other.forestSet)
        tenantSet.formUnion(other.tenantSet)
        patternSet.formUnion(other.patternSet)
        for (evidence, count) in other.datedBy { datedBy[evidence, default: 0].addSaturating(count) }
    }

    /// Each single-valued field keeps the smaller of its spelling and the one seen again.
    private mutating func keepSmaller(objectType: String?, guid: String?, attribute: String?, value: String?) {
        self.objectType = Self.smaller(self.objectType, objectType)
        self.guid = Self.smaller(self.guid, guid)
        self.attribute = Self.smaller(self.attribute, attribute)
        self.value = Self.smaller(self.value, value)
    }

    /// Keeps the address with the better source (a message over a context), the smaller spelling
    /// between equals, so the result never depends on merge order.
    private mutating func keepBetter(address: String?, source: AddressSource?) {
        guard let address else { return }
        let source = source ?? .message
        if let current = self.address, (addressSource ?? .message, current) <= (source, address) { return }
        self.address = address
        addressSource = source
    }

    private mutating func insertSource(_ source: SourceRef) {
        guard sources.count < IncidentAggregator.sourceSampleLimit || source < sources.last! else { return }
        guard !sources.contains(source) else { return }
        let index = sources.firstIndex { source < $0 } ?? sources.endIndex
        sources.insert(source, at: index)
        if sources.count > IncidentAggregator.sourceSampleLimit { sources.removeLast() }
    }

    private mutating func noteTime(_ time: Date?) {
        guard let time else { return }
        if firstSeen == nil || time < firstSeen! { firstSeen = time }
        if lastSeen == nil || time > lastSeen! { lastSeen = time }
    }

    private mutating func addOwner(_ owner: String) {
        // The same spelling again (most messages): nothing changes, and folding case is skipped.
        if ownerSpellings.count <= 16, ownerSpellings.values.contains(where: { Self.sameBytes($0, owner) }) { return }
        let folded = FieldNormalizer.lowercased(owner)
        ownerSpellings[folded] = Self.smaller(ownerSpellings[folded], owner)
    }

    /// True when `a` and `b` have the same UTF-8 bytes (`==` would also take two normalizations
    /// of one text as equal, and compares them slowly).
    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var a = a, b = b
        return a.withUTF8 { left in b.withUTF8 { right in left.elementsEqual(right) } }
    }

    /// The smaller of two optional spellings by their UTF-8 bytes, so the result never depends on
    /// merge order (bytes, not Unicode order: two spellings that differ only in normalization are
    /// still told apart, and the same spelling again costs one byte comparison).
    private static func smaller(_ a: String?, _ b: String?) -> String? {
        guard let a else { return b }
        guard let b else { return a }
        return b.utf8.lexicographicallyPrecedes(a.utf8) ? b : a
    }
}
