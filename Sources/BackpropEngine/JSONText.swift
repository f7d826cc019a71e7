import Foundation

// Checks on the raw text of a JSON configuration that JSONDecoder does not make.

/// JSONSerialization's account of a syntax error, with its character offset as line:column.
func syntaxErrorDescription(_ data: Data) -> String {
    do {
        _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        return "not a configuration object"
    } catch {
        let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String)
            ?? "the data is not in the correct format"
        guard let range = detail.range(of: #"character (\d+)"#, options: .regularExpression),
              let offset = Int(detail[range].dropFirst("character ".count)) else { return detail }
        return detail.replacingCharacters(in: range, with: lineAndColumn(ofOffset: offset, in: data))
    }
}

/// "line L, column C" (both from 1, the column in bytes) of a byte offset into `data`.
func lineAndColumn(ofOffset offset: Int, in data: Data) -> String {
    let before = data.prefix(offset)
    let line = before.count(where: { $0 == UInt8(ascii: "\n") }) + 1
    let column = offset - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 - data.startIndex + 1 } ?? 0) + 1
    return "line \(line), column \(column)"
}

/// The first comma that only whitespace separates from a closing `}` or `]`, outside strings.
/// JSON forbids it, but Foundation's parser on Linux accepts it.
func firstTrailingComma(_ data: Data) -> (offset: Int, closer: Character)? {
    var comma: Data.Index?
    var index = data.startIndex
    while index < data.endIndex {
        switch data[index] {
        case UInt8(ascii: ","):
            comma = index
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            if let comma { return (comma - data.startIndex, Character(UnicodeScalar(data[index]))) }
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
            break
        case UInt8(ascii: "\""):
            comma = nil
            index = closingQuote(in: data, openedAt: index)
        default:
            comma = nil
        }
        if index < data.endIndex { index = data.index(after: index) }
    }
    return nil
}

/// The first key that a JSON object's top level states twice (JSONDecoder keeps one silently).
func firstDuplicateTopLevelKey(_ data: Data) -> String? {
    var seen = Set<String>(), depth = 0, index = data.startIndex
    var expectingKey = false
    while index < data.endIndex {
        let byte = data[index]
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            depth += 1
            expectingKey = byte == UInt8(ascii: "{") && depth == 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            depth -= 1
        case UInt8(ascii: ","):
            expectingKey = depth == 1
        case UInt8(ascii: "\""):
            let end = closingQuote(in: data, openedAt: index)
            if expectingKey {
                let key = String(decoding: data[data.index(after: index) ..< end], as: UTF8.self)
                if !seen.insert(key).inserted { return key }
                expectingKey = false
            }
            index = end
        default:
            break
        }
        if index < data.endIndex { index = data.index(after: index) }
    }
    return nil
}

/// The index of the quote that closes the string opened at `opening`, or the end of `data`.
private func closingQuote(in data: Data, openedAt opening: Data.Index) -> Data.Index {
    var index = data.index(after: opening)
    while index < data.endIndex, data[index] != UInt8(ascii: "\"") {
        index += data[index] == UInt8(ascii: "\\") ? 2 : 1
    }
    return min(index, data.endIndex)
}
