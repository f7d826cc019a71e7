import ArgumentParser
import Foundation

/// Every failure is one line on standard error and a non-zero exit; --help goes to stdout.
func reportAndExit(_ error: Error) -> Never {
    if let error = error as? InputError {
        FileHandle.standardError.write(Data("bptui: \(visible(error.description))\n".utf8))
        exit(1)
    }
    let code = Bptui.exitCode(for: error)
    if code == .success {
        print(Bptui.fullMessage(for: error))
    } else {
        let message = Bptui.message(for: error).split(whereSeparator: \.isNewline).joined(separator: " ")
        FileHandle.standardError.write(Data("bptui: \(visible(message))\n".utf8))
    }
    exit(code.rawValue)
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
