import Foundation

/// Expands the paths given on the command line into the YAML files to check.
enum PlaybookFiles {
    /// Files as given; folders searched recursively for `.yaml`/`.yml`, sorted. Missing paths throw (exit 2).
    static func expand(_ paths: [String]) throws(CLIError) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .usage("no such file or folder: \(path)")
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            guard let walker = FileManager.default.enumerator(atPath: path) else {
                throw .usage("cannot read the folder \(path)")
            }
            var found: [String] = []
            for case let relative as String in walker where relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
                found.append((path as NSString).appendingPathComponent(relative))
            }
            if found.isEmpty { throw .usage("no .yaml or .yml files in \(path)") }
            files.append(contentsOf: found.sorted())
        }
        return files
    }
}
