// The handles are Codable, so that a model can save the handles it uses beside its layout. A
// decoded handle is checked on its own (a name, an offset of at least 0, sizes of at least 1,
// within ParameterLayout.maximumCount); whether it belongs to a layout is checked where a layout
// uses it.

extension MatrixParameter: Codable {
  private enum CodingKeys: String, CodingKey { case name, offset, rows, columns }

  /// Decodes `{"name": "w1", "offset": 0, "rows": 16, "columns": 2}`.
  ///
  /// - Throws: ``ModelError/invalidArgument(argument:value:requirement:)`` for an empty name, a
  ///   negative offset, a size below 1, or a block beyond ``ParameterLayout/maximumCount``.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let checks = HandleChecks(decoder)
    self.init(
      name: try checks.name(container.decode(String.self, forKey: .name)),
      offset: try checks.offset(container.decode(Int.self, forKey: .offset)),
      rows: try checks.size(container.decode(Int.self, forKey: .rows), "rows"),
      columns: try checks.size(container.decode(Int.self, forKey: .columns), "columns"))
    try checks.end(offset, rows.multipliedReportingOverflow(by: columns))
  }

  /// Encodes the name, the offset and the shape, as ``init(from:)`` reads them.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(name, forKey: .name)
    try container.encode(offset, forKey: .offset)
    try container.encode(rows, forKey: .rows)
    try container.encode(columns, forKey: .columns)
  }
}

extension VectorParameter: Codable {
  private enum CodingKeys: String, CodingKey { case name, offset, count }

  /// Decodes `{"name": "b1", "offset": 32, "count": 16}`.
  ///
  /// - Throws: As ``MatrixParameter/init(from:)``.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let checks = HandleChecks(decoder)
    self.init(
      name: try checks.name(container.decode(String.self, forKey: .name)),
      offset: try checks.offset(container.decode(Int.self, forKey: .offset)),
      count: try checks.size(container.decode(Int.self, forKey: .count), "count"))
    try checks.end(offset, (count, false))
  }

  /// Encodes the name, the offset and the length, as ``init(from:)`` reads them.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(name, forKey: .name)
    try container.encode(offset, forKey: .offset)
    try container.encode(count, forKey: .count)
  }
}

extension ScalarParameter: Codable {
  private enum CodingKeys: String, CodingKey { case name, offset }

  /// Decodes `{"name": "b2", "offset": 64}`.
  ///
  /// - Throws: As ``MatrixParameter/init(from:)``.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let checks = HandleChecks(decoder)
    self.init(
      name: try checks.name(container.decode(String.self, forKey: .name)),
      offset: try checks.offset(container.decode(Int.self, forKey: .offset)))
    try checks.end(offset, (1, false))
  }

  /// Encodes the name and the offset, as ``init(from:)`` reads them.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(name, forKey: .name)
    try container.encode(offset, forKey: .offset)
  }
}

/// The checks of a decoded handle, with messages that name the field by its place in the file.
private struct HandleChecks {
  let path: [any CodingKey]

  init(_ decoder: any Decoder) { path = decoder.codingPath }

  func argument(_ field: String) -> String { codingPathDescription(path, field: field) }

  func name(_ name: String) throws -> String {
    guard !name.isEmpty else {
      throw ModelError.invalidArgument(
        argument: argument("name"), value: "\"\"",
        requirement: "a non-empty name such as \"w1\"")
    }
    return name
  }

  func offset(_ offset: Int) throws -> Int {
    guard offset >= 0, offset < ParameterLayout.maximumCount else {
      throw ModelError.invalidArgument(
        argument: argument("offset"), value: "\(offset)",
        requirement: "an index of a layout's flat vector, from 0 to "
          + "\(ParameterLayout.maximumCount - 1)")
    }
    return offset
  }

  func size(_ size: Int, _ field: String) throws -> Int {
    guard size >= 1 else {
      throw ModelError.invalidArgument(
        argument: argument(field), value: "\(size)",
        requirement: "at least 1: a block holds at least one value")
    }
    return size
  }

  /// Throws unless the block ends within a layout's largest flat vector.
  func end(_ offset: Int, _ size: (partialValue: Int, overflow: Bool)) throws {
    guard !size.overflow, size.partialValue <= ParameterLayout.maximumCount - offset else {
      throw ModelError.invalidArgument(
        argument: argument("offset"), value: "\(offset)",
        requirement: "an offset at which the block ends within 2²⁸ = "
          + "\(ParameterLayout.maximumCount) values, the most a layout holds")
    }
  }
}
