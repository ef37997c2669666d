/// Where a step of a remediation script runs. The script takes `-RunIn` with one of these and
/// runs only the steps marked for that place, so one file serves all three shells.
enum ScriptPlace: String, CaseIterable {
    case onPremisesExchange = "OnPremisesExchange"
    case entraConnect = "EntraConnect"
    case exchangeOnline = "ExchangeOnline"

    /// The place in words, for the step headings.
    var title: String {
        switch self {
        case .onPremisesExchange: "on-premises Exchange Management Shell"
        case .entraConnect: "Entra Connect server"
        case .exchangeOnline: "Exchange Online PowerShell"
        }
    }

    /// What that shell needs.
    var requirement: String {
        switch self {
        case .onPremisesExchange: "Exchange Management Shell on an on-premises Exchange server"
        case .entraConnect: "the ADSync, ADSyncTools and ActiveDirectory modules (RSAT-AD-PowerShell)"
        case .exchangeOnline: "Connect-ExchangeOnline first (Connect-MgGraph too for Entra ID lookups)"
        }
    }
}

/// The numbered steps of one incident's script, each inside `if ($RunIn -eq '<place>') { ... }`.
struct ScriptSteps {
    private(set) var lines: [String] = []
    private let total: Int
    private var number = 0

    init(total: Int) {
        self.total = total
    }

    /// Adds the next step: a heading saying where it runs and what it does, and its code.
    mutating func add(_ place: ScriptPlace, _ what: String, _ code: [String]) {
        number += 1
        lines.append("# ---- Step \(number) of \(total), \(place.title): \(what)")
        lines.append("if ($RunIn -eq '\(place.rawValue)') {")
        lines += code.map { $0.isEmpty ? "" : "    " + $0 }
        lines.append("}")
    }
}
