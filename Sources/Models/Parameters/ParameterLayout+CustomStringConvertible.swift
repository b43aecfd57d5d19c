extension ParameterLayout: CustomStringConvertible {
  /// A table of the blocks: name, shape, offset, count and initializer, one line per block
  /// under a line with the totals.
  ///
  /// ```
  /// ParameterLayout: 4 blocks, 65 values
  /// name  shape   offset  count  initializer
  /// w1    16 × 2       0     32  glorotUniform
  /// b1    16          32     16  zeros
  /// w2    1 × 16      48     16  glorotUniform
  /// b2    scalar      64      1  zeros
  /// ```
  ///
  /// A vector's shape is its length; a matrix's is rows × columns.
  public var description: String {
    let blockWord = blocks.count == 1 ? "block" : "blocks"
    let valueWord = count == 1 ? "value" : "values"
    let title = "ParameterLayout: \(blocks.count) \(blockWord), \(count) \(valueWord)"
    guard !blocks.isEmpty else { return title }
    let header = ["name", "shape", "offset", "count", "initializer"]
    let rows =
      [header]
      + blocks.map {
        [$0.name, "\($0.shape)", "\($0.offset)", "\($0.count)", "\($0.initializer)"]
      }
    let widths = (0..<header.count).map { column in rows.map { $0[column].count }.max() ?? 0 }
    // Names, shapes and initializers left-aligned; offsets and counts right-aligned.
    let rightAligned: Set = [2, 3]
    let lines = rows.map { row in
      row.enumerated().map { column, text in
        let padding = String(repeating: " ", count: widths[column] - text.count)
        if column == row.count - 1 { return text }
        if rightAligned.contains(column) { return padding + text }
        return text + padding
      }.joined(separator: "  ")
    }
    return ([title] + lines).joined(separator: "\n")
  }
}
