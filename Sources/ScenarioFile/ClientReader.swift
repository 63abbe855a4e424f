import SimKernel
import Simulation
import Yams

/// The scenario's `clients:` list: the classes of API clients
/// (docs/CLIENTS.md). Without it, the default population runs.
extension ScenarioParser {
    static let clientClassKeys = ["name", "runs", "dials", "connection", "requests", "count", "rate", "timeout"]

    /// At most this many clients in one class: each long-lived one holds a
    /// connection and sends its own requests.
    static let maximumClientsPerClass = 10_000

    static func parseClients(_ node: Node, topology: Topology, _ reader: YAMLReader) throws(ScenarioError) -> [ClientClass] {
        var classes: [ClientClass] = []
        var names = Set<String>()
        for (index, item) in try reader.sequence(node, "clients", what: "a list of client classes").enumerated() {
            let path = "clients[\(index)]"
            let fields = try reader.mapping(item, path, allowed: clientClassKeys, what: "a client class such as {name: ci, connection: perRequest, rate: 0.1}")
            let nameNode = try reader.required(fields, "name")
            let name = try reader.string(nameNode, fields.path("name"))
            guard let first = name.first, first.isLetter, first.isLowercase, name.count <= ScenarioLimits.quotedCharacters,
                name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" })
            else {
                throw reader.error(
                    at: nameNode, fields.path("name"),
                    "expected a name that starts with a lowercase letter, of letters, digits and dashes, at most \(ScenarioLimits.quotedCharacters) characters, found \(quoted(name))"
                )
            }
            // api.externalIP.* is the external IP's own metric.
            guard name != "externalIP" else {
                throw reader.error(at: nameNode, fields.path("name"), "the name externalIP is taken by the api.externalIP metrics; choose another")
            }
            guard names.insert(name).inserted else { throw reader.error(at: nameNode, fields.path("name"), "client class \(quoted(name)) is listed twice") }
            let runs =
                try fields["runs"].map { node throws(ScenarioError) in
                    try choice(node, fields.path("runs"), ClientClass.Origin.self, reader)
                } ?? .outside
            var clientClass = ClientClass(name: name, runs: runs)
            if let node = fields["dials"] {
                clientClass.dials = try choice(node, fields.path("dials"), ClientClass.Address.self, reader)
                if clientClass.dials == .localAPIServer, runs != .master {
                    throw reader.error(
                        at: node, fields.path("dials"), "only clients that run on masters can dial their local apiserver; this class runs \(runs.rawValue)")
                }
                if clientClass.dials == .kubernetesService, runs == .outside {
                    throw reader.error(
                        at: node, fields.path("dials"), "the kubernetes service's ClusterIP is reached only from inside the cluster; this class runs outside")
                }
            }
            if let node = fields["connection"] { clientClass.connection = try choice(node, fields.path("connection"), ClientClass.Connection.self, reader) }
            if clientClass.connection == .perRequest { clientClass.timeout = ClientClass.perRequestTimeout }
            if let node = fields["requests"] { clientClass.requests = try choice(node, fields.path("requests"), ClientClass.Requests.self, reader) }
            if let node = fields["count"] {
                clientClass.count = try reader.count(node, fields.path("count"), minimum: 1, maximum: maximumClientsPerClass)
            }
            if let node = fields["rate"] { clientClass.rate = try requestRate(node, fields.path("rate"), reader) }
            if fields["timeout"] != nil { clientClass.timeout = try reader.positiveDuration(fields, "timeout") }
            classes.append(clientClass)
        }
        return classes
    }

    /// One of an enumeration's raw values, or a located error listing them.
    static func choice<Choice: RawRepresentable & CaseIterable>(
        _ node: Node, _ path: String, _ type: Choice.Type, _ reader: YAMLReader
    ) throws(ScenarioError) -> Choice where Choice.RawValue == String {
        let text = try reader.string(node, path)
        guard let value = Choice(rawValue: text) else {
            throw unknownName("value", text, known: Choice.allCases.map(\.rawValue), at: node, path, reader)
        }
        return value
    }
}
