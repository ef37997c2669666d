import PCRE2

/// A pattern definition with its compiled PCRE2 code and the group numbers of its fields.
package struct CompiledPattern: Sendable {
    package let definition: PatternDefinition
    package let code: Pattern
    /// Group number of each field the regex captures.
    let groups: [(field: FindingField, number: Int)]

    init(definition: PatternDefinition) throws(CatalogError) {
        let code: Pattern
        do {
            code = try Pattern(definition.regex)
        } catch {
            throw CatalogError(problems: [.init(location: definition.location,
                                                message: "pattern '\(definition.id)': regex does not compile: \(error)")])
        }
        var groups: [(FindingField, Int)] = []
        var problems: [CatalogError.Problem] = []
        for (name, number) in code.groupNumbers.sorted(by: { $0.value < $1.value }) {
            guard FindingField.groupNames.contains(name), let field = FindingField(rawValue: name) else {
                problems.append(.init(location: definition.location,
                                      message: "pattern '\(definition.id)': unknown group name '\(name)' (allowed: \(FindingField.groupNames.sorted().joined(separator: ", ")))"))
                continue
            }
            groups.append((field, number))
        }
        guard problems.isEmpty else { throw CatalogError(problems: problems) }
        self.definition = definition
        self.code = code
        self.groups = groups
    }
}
