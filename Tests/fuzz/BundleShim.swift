// SwiftPM generates `Bundle.module` for a target with resources; the fuzz binary is built by
// swiftc directly, so it finds the data through $SITREP_DATA (Lexicon.directory) and this stands in.
import Foundation

extension Bundle {
    static let module = Bundle.main
}
