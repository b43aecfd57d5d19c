import Testing

/// Runs `body` on a copy of `model`, expects it to throw exactly `expected`, and expects the copy
/// to be unchanged afterwards (every model promises to be left as it was when `fit` throws).
///
/// - Returns: The error's `description`, for the tests that check a message verbatim.
@discardableResult
func expectRejection<Model: Equatable, Failure: Error & Equatable & CustomStringConvertible>(
  _ expected: Failure, leaving model: Model, sourceLocation: SourceLocation = #_sourceLocation,
  _ body: (inout Model) throws -> Void
) -> String {
  expectRejection(
    leaving: model, sourceLocation: sourceLocation, body,
    matching: { (error: Failure) in
      #expect(error == expected, sourceLocation: sourceLocation)
    })
}

/// Runs `body` on a copy of `model`, expects it to throw a `Failure` (which `check` examines),
/// and expects the copy to be unchanged afterwards.
///
/// - Returns: The error's `description`, or "" when nothing (or something else) was thrown.
@discardableResult
func expectRejection<Model: Equatable, Failure: Error & CustomStringConvertible>(
  leaving model: Model, sourceLocation: SourceLocation = #_sourceLocation,
  _ body: (inout Model) throws -> Void, matching check: (Failure) -> Void
) -> String {
  var copy = model
  do {
    try body(&copy)
    Issue.record("no error was thrown", sourceLocation: sourceLocation)
    return ""
  } catch let error as Failure {
    check(error)
    #expect(copy == model, "the model changed although `fit` threw", sourceLocation: sourceLocation)
    return error.description
  } catch {
    Issue.record("unexpected error: \(error)", sourceLocation: sourceLocation)
    return ""
  }
}
