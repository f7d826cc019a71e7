import ArgumentParser
import Foundation

/// Every failure is one line on standard error and a non-zero exit; --help goes to stdout.
func reportAndExit(_ error: Error) -> Never {
    if let error = error as? InputError {
        FileHandle.standardError.write(Data("bptui: \(error.description)\n".utf8))
        exit(1)
    }
    let code = Bptui.exitCode(for: error)
    if code == .success {
        print(Bptui.fullMessage(for: error))
    } else {
        let message = Bptui.message(for: error).split(whereSeparator: \.isNewline).joined(separator: " ")
        FileHandle.standardError.write(Data("bptui: \(message)\n".utf8))
    }
    exit(code.rawValue)
}

do {
    let command = try Bptui.parse()
    try command.run()
} catch {
    reportAndExit(error)
}
