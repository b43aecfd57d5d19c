extension ParameterLayout: Codable {
  /// The format version ``encode(to:)`` writes, and the newest that ``init(from:)`` reads.
  static let formatVersion = 1

  private enum CodingKeys: String, CodingKey {
    case type, version, count, blocks
  }

  /// Decodes a layout and checks it as the declarations would, plus the offsets.
  ///
  /// The JSON form:
  ///
  /// ```json
  /// {
  ///   "type": "ParameterLayout", "version": 1, "count": 65,
  ///   "blocks": [
  ///     {"name": "w1", "kind": "matrix", "offset": 0, "rows": 16, "columns": 2,
  ///      "initializer": {"kind": "glorotUniform"}},
  ///     {"name": "b1", "kind": "vector", "offset": 32, "count": 16,
  ///      "initializer": {"kind": "zeros"}},
  ///     …
  ///     {"name": "b2", "kind": "scalar", "offset": 64, "initializer": {"kind": "zeros"}}
  ///   ]
  /// }
  /// ```
  ///
  /// - Throws: ``ModelError/invalidArgument(argument:value:requirement:)`` naming the field
  ///   (such as `blocks[1].offset`) for another `type`, a newer `version`, an unknown kind, an
  ///   empty or repeated name, a size below 1, blocks that overlap or leave gaps (each must start
  ///   where the one before ends, the first at 0), more than ``maximumCount`` values, an
  ///   initializer that cannot apply, or a `count` other than the blocks' total; a
  ///   `DecodingError` for a missing field or a field of the wrong type.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    try ModelArchive.checkHeader(
      container, typeKey: .type, versionKey: .version, name: "ParameterLayout",
      noun: "parameter layout", format: "layout", newest: Self.formatVersion)
    let declaredCount = try container.decode(Int.self, forKey: .count)
    var records = try container.nestedUnkeyedContainer(forKey: .blocks)
    var layout = ParameterLayout()
    while !records.isAtEnd {
      let index = records.currentIndex
      let record = try records.decode(BlockRecord.self)
      let block = try layout.checkedBlock(
        name: record.name, shape: record.shape, initializer: record.initializer,
        offset: layout.count, argument: { "blocks[\(index)].\($0)" })
      guard record.offset == layout.count else {
        throw ModelError.invalidArgument(
          argument: "blocks[\(index)].offset", value: "\(record.offset)",
          requirement: layout.blocks.last.map {
            "\(layout.count), where `\($0.name)` (blocks[\(index - 1)]) ends: blocks follow one "
              + "another in the flat vector "
              + (record.offset < layout.count ? "without overlapping" : "without gaps")
          } ?? "0: the first block starts the flat vector")
      }
      layout.append(block)
    }
    guard declaredCount == layout.count else {
      throw ModelError.invalidArgument(
        argument: "count", value: "\(declaredCount)",
        requirement: "\(layout.count), the total size of the blocks")
    }
    self = layout
  }

  /// Encodes the type name, the format version, the count and the blocks in order, as
  /// ``init(from:)`` reads them.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode("ParameterLayout", forKey: .type)
    try container.encode(Self.formatVersion, forKey: .version)
    try container.encode(count, forKey: .count)
    try container.encode(blocks.map(BlockRecord.init), forKey: .blocks)
  }
}

/// One block as the file holds it, decoded before the layout checks it.
private struct BlockRecord: Codable {
  let name: String
  let offset: Int
  let shape: ParameterShape
  let initializer: ParameterInitializer

  private enum CodingKeys: String, CodingKey {
    case name, kind, offset, rows, columns, count, initializer
  }

  init(_ block: ParameterBlock) {
    name = block.name
    offset = block.offset
    shape = block.shape
    initializer = block.initializer
  }

  init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    name = try container.decode(String.self, forKey: .name)
    offset = try container.decode(Int.self, forKey: .offset)
    let kind = try container.decode(String.self, forKey: .kind)
    switch kind {
    case "scalar":
      shape = .scalar
    case "vector":
      shape = .vector(count: try container.decode(Int.self, forKey: .count))
    case "matrix":
      shape = .matrix(
        rows: try container.decode(Int.self, forKey: .rows),
        columns: try container.decode(Int.self, forKey: .columns))
    default:
      throw ModelError.invalidArgument(
        argument: codingPathDescription(decoder.codingPath, field: "kind"),
        value: "\"\(kind)\"", requirement: "\"scalar\", \"vector\" or \"matrix\"")
    }
    initializer = try container.decode(ParameterInitializer.self, forKey: .initializer)
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(name, forKey: .name)
    try container.encode(shape.kind, forKey: .kind)
    try container.encode(offset, forKey: .offset)
    switch shape {
    case .scalar:
      break
    case .vector(let count):
      try container.encode(count, forKey: .count)
    case .matrix(let rows, let columns):
      try container.encode(rows, forKey: .rows)
      try container.encode(columns, forKey: .columns)
    }
    try container.encode(initializer, forKey: .initializer)
  }
}
