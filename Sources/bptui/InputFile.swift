import Foundation

/// Reads a file named on the command line (`--config`, `--data`) the same way whatever it
/// is: a regular file, `-` for standard input, a FIFO or `<(…)`. A pipe is read without ever
/// blocking for good: a FIFO with no writer, or a writer that sends nothing for
/// `patienceSeconds`, is refused with one line.
enum InputFile {
    /// How long a pipe may stay silent before it is given up on.
    static let patienceSeconds = 5

    /// Why a file could not be read, in words that follow its name.
    struct Refusal: Error {
        let reason: String
    }

    /// Up to `limit + 1` bytes of `path` (one more than allowed tells the caller it is too large).
    static func read(_ path: String, limit: Int) throws(Refusal) -> Data {
        if path == "-" {
            // A terminal would wait for typing; the screen needs it for keys anyway.
            if isatty(STDIN_FILENO) == 1 {
                throw Refusal(reason: "standard input is the terminal, not a file; pipe one in and add --headless (the screen reads keys from it)")
            }
            return try drain(STDIN_FILENO, limit: limit)
        }
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw Refusal(reason: errno == ENOENT ? "no such file" : String(cString: strerror(errno)).lowercased())
        }
        let kind = status.st_mode & S_IFMT
        if kind == S_IFDIR { throw Refusal(reason: "is a directory") }
        // O_NONBLOCK: opening a FIFO that has no writer returns at once instead of waiting.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { throw Refusal(reason: "cannot be read (\(String(cString: strerror(errno))))") }
        defer { close(descriptor) }
        if kind == S_IFREG { _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK) }
        return try drain(descriptor, limit: limit)
    }

    /// Reads to the end, or to `limit + 1` bytes, waiting at most `patienceSeconds` for each
    /// chunk of a pipe.
    private static func drain(_ descriptor: Int32, limit: Int) throws(Refusal) -> Data {
        var data = Data(), buffer = [UInt8](repeating: 0, count: 1 << 16)
        while data.count <= limit {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(patienceSeconds * 1000))
            if ready == 0 {
                throw Refusal(reason: "nothing to read for \(patienceSeconds) s (a FIFO with no writer?)")
            }
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                throw Refusal(reason: "cannot be read (\(String(cString: strerror(errno))))")
            }
            data.append(contentsOf: buffer[0 ..< count])
        }
        return data
    }
}
