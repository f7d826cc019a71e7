import Foundation

/// Starts a program on an 80×24 pseudo-terminal (util-linux `script`) and times how long it
/// takes to show some text. The time includes `script` and a shell starting: an upper bound.
enum PseudoTerminal {
    static func secondsToShow(_ text: String, running executable: String) -> Double? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qfec", "stty cols 80 rows 24; exec '\(executable)'", "/dev/null"]
        process.environment = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = Pipe()
        process.standardError = FileHandle.nullDevice
        let needle = Data(text.utf8)
        let start = DispatchTime.now().uptimeNanoseconds
        do { try process.run() } catch { return nil }
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        var seen = Data()
        while Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < 5 {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { return nil }
            seen.append(chunk)
            if seen.range(of: needle) != nil {
                return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            }
        }
        return nil
    }
}
