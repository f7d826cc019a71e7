import Foundation

/// The bptui executable that `swift test` built beside the test bundle, run as a user would.
enum Binary {
    static let url: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("bptui").path),
              directory.path != "/" {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("bptui")
    }()

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }
    }

    /// Runs bptui with `arguments` and waits for it to exit.
    static func run(_ arguments: [String], environment: [String: String]? = nil, redirectingOutputTo path: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        if let path, let file = FileHandle(forWritingAtPath: path) { process.standardOutput = file } else { process.standardOutput = out }
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        if path != nil { try? out.fileHandleForWriting.close() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs `body` with a fresh temporary directory, which is removed afterwards.
    static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bptui-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory)
    }

    /// Runs `body` with the path of a file holding `contents`, removed afterwards.
    static func withTemporaryFile<T>(_ contents: Data, name: String = "config.json", _ body: (String) throws -> T) throws -> T {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent(name)
            try contents.write(to: file)
            return try body(file.path)
        }
    }
}
