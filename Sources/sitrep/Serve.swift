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
        Write endpoints (POST /api/articles) need a bearer token given with --token or $SITREP_TOKEN; without
        one they are disabled. The dashboard uses Leaflet and Chart.js from Debian's libjs-leaflet and
        libjs-chart.js (apt-get install -y libjs-leaflet libjs-chart.js).
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
    @Option(help: "MB of recent read responses to keep, dropped when the store changes (0: none).") var cacheMb = 128

    /// The root command is synchronous, so the server runs in a task while this thread waits.
    func run() throws {
        var config = ServerConfiguration()
        config.host = host
        config.port = port
        config.token = token.flatMap { $0.isEmpty ? nil : $0 }
        config.maxBodyBytes = maxBody
        config.cacheBytes = cacheMb << 20
        for dir in SitrepServer.missingLibraries(config) {
            Console.error("\(dir) is missing: the dashboard needs it (apt-get install -y libjs-leaflet libjs-chart.js)")
        }
        let db = try store.openExisting()
        let app = try SitrepServer.makeApplication(store: db, configuration: config, pipeline: Pipeline())
        Console.info("sitrep serve: http://\(host):\(port)/ on \(store.db); writes \(config.token == nil ? "disabled (no token)" : "need the bearer token")")
        let outcome = ServeOutcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await app.runService() } catch { outcome.set(error) }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw error }
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
