extension IncidentEntry {
    /// Writes the entry as `JSONEncoder` encodes it in the report (see ``PrettyJSONWriter``),
    /// members in the UTF-8 order of their names, as `.sortedKeys` puts them.
    func write(to json: inout PrettyJSONWriter) {
        json.openObject()
        json.key("address"); json.string(address)
        json.key("addressSource"); json.string(addressSource)
        json.key("attribute"); json.string(attribute)
        json.key("dating"); json.ints(dating)
        json.key("firstSeen"); json.string(firstSeen)
        json.key("forests"); json.strings(forests)
        json.key("guid"); json.string(guid)
        json.key("id"); json.string(id)
        json.key("key"); json.string(key)
        json.key("kind"); json.string(kind)
        json.key("lastSeen"); json.string(lastSeen)
        json.key("lookAlikes"); json.strings(lookAlikes)
        json.key("mixedScripts"); json.bool(mixedScripts)
        json.key("objectType"); json.string(objectType)
        json.key("occurrences"); json.int(occurrences)
        json.key("owners"); json.strings(owners)
        json.key("patterns"); json.strings(patterns)
        json.key("remediation"); remediation.write(to: &json)
        json.key("sources"); sources.write(to: &json)
        json.key("tenants"); json.strings(tenants)
        json.key("value"); json.string(value)
        json.closeObject()
    }
}

extension IncidentEntry.Sources {
    func write(to json: inout PrettyJSONWriter) {
        json.openObject()
        json.key("sample")
        json.openArray()
        for place in sample {
            json.element()
            json.openObject()
            json.key("line"); json.int(place.line)
            json.key("path"); json.string(place.path)
            json.closeObject()
        }
        json.closeArray()
        json.key("total"); json.int(total)
        json.closeObject()
    }
}

extension Remediation {
    func write(to json: inout PrettyJSONWriter) {
        json.openObject()
        json.key("cause"); json.string(cause)
        json.key("commands"); json.strings(commands)
        json.key("steps"); json.strings(steps)
        json.closeObject()
    }
}
