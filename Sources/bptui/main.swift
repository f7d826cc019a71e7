import ArgumentParser
import Foundation

/// Every failure is one line on standard error and a non-zero exit; --help goes to stdout.
func reportAndExit(_ error: Error) -> Never {
    if let error = error as? InputError {
        writeError("bptui: \(visible(error.description))\n")
        exit(1)
    }
    let code = Bptui.exitCode(for: error)
    if code == .success {
        // --help, --version and completion scripts: checked like any output (to /dev/full: exit 1).
        var output = Output()
        output.line(Bptui.fullMessage(for: error))
        do {
            try output.finish()
        } catch {
            writeError("bptui: \(error.description)\n")
            exit(1)
        }
    } else {
        let message = Bptui.message(for: error).split(whereSeparator: \.isNewline).joined(separator: " ")
        writeError("bptui: \(visible(message))\n")
    }
    exit(code.rawValue)
}

/// Writes `text` to standard error; a closed or full stderr is ignored, never a trap
/// (FileHandle's write traps on failure).
func writeError(_ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        if written < 0, errno == EINTR { continue }
        guard written > 0 else { return }
        bytes = bytes.dropFirst(written)
    }
}

/// `text` with every control character written as an escape (ESC as \x1b): a file's bytes
/// never act on the terminal that shows the message.
func visible(_ text: String) -> String {
    var shown = ""
    for scalar in text.unicodeScalars {
        if scalar.properties.generalCategory == .control { shown += String(format: "\\x%02x", scalar.value) } else { shown.unicodeScalars.append(scalar) }
    }
    return shown
}

/// Why a file operation failed, plainly: the system's own words (strerror), never a
/// Foundation error domain and code.
func plainReason(_ error: Error) -> String {
    let error = error as NSError
    let posix = error.domain == NSPOSIXErrorDomain ? error : error.userInfo[NSUnderlyingErrorKey] as? NSError
    if let posix, posix.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(posix.code))).lowercased() }
    if error.domain == NSCocoaErrorDomain, error.code == NSFileWriteOutOfSpaceError { return "no space left on device" }
    return error.localizedDescription.replacingOccurrences(of: "The operation could not be completed. ", with: "")
}

/// The first option given twice: the parser would keep the last one without a word.
func repeatedOption(_ arguments: [String]) -> String? {
    var seen: Set<String> = []
    for argument in arguments.prefix(while: { $0 != "--" }) where argument.hasPrefix("--") {
        let name = String(argument.prefix { $0 != "=" })
        if !seen.insert(name).inserted { return name }
    }
    return nil
}

do {
    if let repeated = repeatedOption(Array(CommandLine.arguments.dropFirst())) {
        throw InputError("\(repeated) is given twice; give it once")
    }
    let command = try Bptui.parse()
    try command.run()
} catch {
    reportAndExit(error)
}
