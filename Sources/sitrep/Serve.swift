import ArgumentParser
import Foundation
import Hummingbird
import SitrepCore
import SitrepServer
import SitrepStore

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the event database over HTTP: the JSON API (/api, /openapi.json), /metrics and the dashboard at /.",
        discussion: """
        Write endpoints (POST /api/articles) and POST /api/extract need a bearer token given with --token or
        $SITREP_TOKEN; without one they are disabled. Only requests whose Host is a loopback name (or one given
        with --allow-host) are answered; browsers on other origins may read the API only when named with
        --cors-origin. The dashboard uses Leaflet and Chart.js from Debian's libjs-leaflet and libjs-chart.js
        (apt-get install -y libjs-leaflet libjs-chart.js).
        """,
        subcommands: [ServeRun.self, ServeBasemap.self],
        defaultSubcommand: ServeRun.self
    )
}

struct ServeRun: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Start the server (the default).")

    @OptionGroup var store: StoreOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(help: "Bearer token for write endpoints (default: $SITREP_TOKEN; none disables writes).")
    var token: String? = ProcessInfo.processInfo.environment["SITREP_TOKEN"]
    @Option(help: "Largest request body in bytes (larger gets 413).") var maxBody = 8 << 20
    @Option(help: "Largest POST /api/extract body in bytes (larger gets 413).") var maxExtractBody = 256 << 10
    @Option(help: "MB of recent read responses to keep, dropped when the store changes (0: none).") var cacheMb = 128
    @Option(help: "Seconds a connection may wait for a complete request head (after opening or after its last response).")
    var idleTimeout = 10.0
    @Option(help: "Seconds a request body may take to arrive after its head.") var readTimeout = 10.0
    @Option(help: "Seconds a response may take; longer gets 503.") var requestTimeout = 30.0
    @Option(help: "Open connections at most (lowered to what the file descriptor limit allows).") var maxConnections = 4096
    @Option(name: .customLong("allow-host"), help: "Also answer requests with this Host name (repeatable; * for any). Loopback names are always answered.")
    var allowHosts: [String] = []
    @Option(name: .customLong("cors-origin"), help: "Let pages from this origin (scheme://host[:port]) read the API (repeatable).")
    var corsOrigins: [String] = []

    /// The root command is synchronous, so the server runs in a task while this thread waits.
    func run() throws {
        var config = ServerConfiguration()
        config.host = host
        config.port = port
        config.token = token.flatMap { $0.isEmpty ? nil : $0 }
        config.maxBodyBytes = maxBody
        config.maxExtractBytes = maxExtractBody
        config.cacheBytes = cacheMb << 20
        for (name, seconds) in [("--idle-timeout", idleTimeout), ("--read-timeout", readTimeout), ("--request-timeout", requestTimeout)]
        where !(seconds > 0 && seconds <= 86_400) {
            throw ValidationError("\(name) must be a number of seconds above 0 (at most a day)")
        }
        config.idleTimeout = .milliseconds(Int(idleTimeout * 1000))
        config.readTimeout = .milliseconds(Int(readTimeout * 1000))
        config.requestTimeout = .milliseconds(Int(requestTimeout * 1000))
        config.maxConnections = max(1, maxConnections)
        config.allowedHosts += allowHosts
        config.corsOrigins = corsOrigins
        for dir in SitrepServer.missingLibraries(config) {
            Console.error("\(dir) is missing: the dashboard needs it (apt-get install -y libjs-leaflet libjs-chart.js)")
        }
        let db = try store.openExisting()
        let writes = config.token == nil ? "disabled (no token)" : "need the bearer token"
        let dbPath = store.db
        // Said once the port is bound, so a busy port gives one line: the error.
        let app = try SitrepServer.makeApplication(store: db, configuration: config, pipeline: Pipeline()) { [host] bound in
            Console.info("sitrep serve: http://\(host):\(bound)/ on \(dbPath); writes \(writes)")
        }
        let outcome = ServeOutcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await app.runService() } catch { outcome.set(error) }
            done.signal()
        }
        done.wait()
        if let error = outcome.error {
            if SitrepServer.isAddressInUse(error) {
                Console.error("\(host):\(port) is already in use (another server?); stop it or choose another --port")
                throw ExitCode(1)
            }
            throw error
        }
    }
}

struct ServeBasemap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "basemap",
        abstract: "Rebuild the dashboard's offline country-outline basemap from countryinfo's per-country files."
    )

    @Option(help: "countryinfo folder (holding countries/*.json).") var countryinfo = "../shared/data/gazetteer/countryinfo"
    @Option(help: "Output file.") var out = "Sources/SitrepServer/Dashboard/basemap.geojson"

    func run() throws {
        let (text, n) = try Basemap.build(countryinfo: countryinfo)
        try Data(text.utf8).write(to: URL(fileURLWithPath: out))
        Console.info("\(n) country outlines, \(text.utf8.count) bytes → \(out)")
    }
}

/// The server task's error, handed to the waiting thread.
final class ServeOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?

    func set(_ e: any Error) { lock.withLock { stored = e } }
    var error: (any Error)? { lock.withLock { stored } }
}
