/// Folds findings into incidents by kind and key. Aggregators merge associatively and
/// commutatively, so files scanned in any order or on any machine give the same incidents.
public struct IncidentAggregator: Sendable {
    /// How many `path:line` places an incident keeps (the total is always counted).
    package static let sourceSampleLimit = 5

    private var incidentsByKey: [String: Incident] = [:]
    /// Most distinct incidents kept (memory stays bounded whatever the input).
    public let limit: Int
    /// Findings of incidents past the limit, counted but not kept.
    public private(set) var droppedFindings = 0

    package init(limit: Int = 100_000) {
        self.limit = limit
    }

    /// Records that the message at `source` reported `finding`.
    package mutating func add(_ finding: Finding, source: SourceRef) {
        let key = Self.storageKey(finding.kind, finding.key)
        if let index = incidentsByKey.index(forKey: key) {
            incidentsByKey.values[index].add(finding, source: source)
        } else if incidentsByKey.count < limit {
            incidentsByKey[key] = Incident(first: finding, source: source)
        } else {
            droppedFindings += 1
        }
    }

    package mutating func merge(_ other: IncidentAggregator) {
        for incident in other.incidentsByKey.values { merge(incident) }
        droppedFindings.addSaturating(other.droppedFindings)
    }

    /// Adds an incident built elsewhere (a report from another machine), merging it with the
    /// incident of the same kind and key when there is one.
    package mutating func merge(_ incident: Incident) {
        let key = Self.storageKey(incident.kind, incident.key)
        if incidentsByKey[key] != nil {
            incidentsByKey[key]!.merge(incident)
        } else if incidentsByKey.count < limit {
            incidentsByKey[key] = incident
        } else {
            droppedFindings.addSaturating(incident.occurrences)
        }
    }

    public var count: Int { incidentsByKey.count }

    private static func storageKey(_ kind: IncidentKind, _ key: String) -> String {
        kind.rawValue + "|" + key
    }

    /// Adds `offset` to the line of every source in `path`.
    mutating func shiftLines(of path: String, by offset: Int) {
        for key in incidentsByKey.keys {
            incidentsByKey[key]!.sources = incidentsByKey[key]!.sources.map {
                $0.path == path ? SourceRef(path: path, line: $0.line + offset) : $0
            }
        }
    }

    /// Incidents in report order: by kind, then most occurrences first, then key.
    public var incidents: [Incident] {
        incidentsByKey.values.sorted {
            ($0.kind, -$0.occurrences, $0.key) < ($1.kind, -$1.occurrences, $1.key)
        }
    }
}
