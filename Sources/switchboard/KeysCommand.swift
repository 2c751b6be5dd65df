import ArgumentParser
import Engine
import Foundation

/// `switchboard keys ...`: the API keys the server accepts (stored hashed in the data folder).
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Create, list and revoke API keys.",
        subcommands: [KeysCreateCommand.self, KeysListCommand.self, KeysRevokeCommand.self])
}

struct KeysCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a key and print it once (only its hash is stored).",
        discussion: "Roles: admin (everything), editor (knowledge), agent (conversations, search, feedback), bot (answers, search).")
    @OptionGroup var common: CommonOptions
    @Option(help: "admin, editor, agent or bot.") var role: String
    @Option(help: "Who the key is for; the audit log records it as the actor.") var name: String
    @Flag(help: "Print {key, info} as JSON.") var json = false

    func run() throws {
        guard let role = Role(rawValue: role.lowercased()) else {
            throw CLIError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")), got '\(role)'")
        }
        let created = try common.engine().createAPIKey(name: name, role: role)
        if json { printJSON(created); return }
        // The key alone on stdout (KEY=$(switchboard keys create ...)); the note on stderr.
        print(created.key)
        FileHandle.standardError.write(Data("""
            created key \(created.info.id) '\(created.info.name)' (\(role.rawValue)); it is shown only now: \
            send it as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'\n
            """.utf8))
    }
}

struct KeysListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List keys (never their secrets).")
    @OptionGroup var common: CommonOptions
    @Flag(help: "Print {keys: [...]} as JSON.") var json = false

    func run() throws {
        let keys = try common.engine().apiKeys()
        if json { printJSON(["keys": keys]); return }
        if keys.isEmpty { print("no keys; create one with `switchboard keys create --role admin --name NAME`") }
        for k in keys {
            print("\(k.id)  \(k.role.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0))  \(k.name)  created \(k.createdAt)"
                  + (k.revokedAt.map { "  revoked \($0)" } ?? ""))
        }
    }
}

struct KeysRevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a key: requests with it get 401 from then on.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "The key's id (see `keys list`).") var id: String
    @Flag(help: "Print the revoked key as JSON.") var json = false

    func run() throws {
        let k = try common.engine().revokeAPIKey(id)
        if json { printJSON(k); return }
        print("revoked \(k.id) '\(k.name)' (\(k.role.rawValue))")
    }
}
