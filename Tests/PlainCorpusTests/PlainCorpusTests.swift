import PlainCorpusWithDescent
import PlainCorpusWithoutDescent
import Testing

// Importing Descent changes nothing in plain code (issue 13): the corpus of plain Float and Double
// code in Tests/PlainCorpusWithDescent/Corpus.swift, compiled with `import Descent` and without,
// gives the same bits for every result.

typealias CorpusResults = [(name: String, bits: UInt64)]

/// Where two result lists differ, for a failure message: the first `limit` entries that differ in
/// name or bits, with both bit patterns, then how many more, then a difference in length.
func differences(
  withDescent: CorpusResults, withoutDescent: CorpusResults, limit: Int = 12
) -> [String] {
  var lines: [String] = []
  var count = 0
  for (index, (with, without)) in zip(withDescent, withoutDescent).enumerated()
  where with.name != without.name || with.bits != without.bits {
    count += 1
    guard lines.count < limit else { continue }
    if with.name != without.name {
      lines.append("#\(index): computed \"\(with.name)\" with Descent, \"\(without.name)\" without")
    } else {
      lines.append(
        "#\(index) \(with.name): with Descent \(hex(with.bits)), without \(hex(without.bits))")
    }
  }
  if count > lines.count {
    lines.append("… \(count - lines.count) more of \(min(withDescent.count, withoutDescent.count))")
  }
  if withDescent.count != withoutDescent.count {
    lines.append("\(withDescent.count) results with Descent, \(withoutDescent.count) without")
  }
  return lines
}

/// How many results of each computation differ, for a failure message: "Double pow(x, 7): 2317 of
/// 3727", a computation being a result's name without its inputs (` x=…`) or index (`[…]`).
func differingComputations(withDescent: CorpusResults, withoutDescent: CorpusResults) -> [String] {
  var tally: [String: (differing: Int, total: Int)] = [:]
  var order: [String] = []
  for (with, without) in zip(withDescent, withoutDescent) {
    let computation = computationName(without.name)
    if tally[computation] == nil { order.append(computation) }
    tally[computation, default: (0, 0)].total += 1
    if with.name != without.name || with.bits != without.bits {
      tally[computation, default: (0, 0)].differing += 1
    }
  }
  return order.compactMap { computation in
    let (differing, total) = tally[computation]!
    return differing == 0 ? nil : "\(computation): \(differing) of \(total)"
  }
}

/// A result's name without its inputs and index: "Double pow(x, 7) x=1.5" is "Double pow(x, 7)",
/// "Double xs.map { abs($0) }[3]" is "Double xs.map { abs($0) }".
func computationName(_ name: String) -> String {
  var computation = Substring(name)
  let inputs = [" x=", " y="].compactMap { computation.range(of: $0)?.lowerBound }
  if let first = inputs.min() { computation = computation[..<first] }
  if computation.hasSuffix("]"), let open = computation.lastIndex(of: "["),
    computation[computation.index(after: open)...].dropLast().allSatisfy(\.isNumber)
  {
    computation = computation[..<open]
  }
  return String(computation)
}

func hex(_ bits: UInt64) -> String {
  let digits = String(bits, radix: 16, uppercase: true)
  return "0x" + String(repeating: "0", count: max(0, 16 - digits.count)) + digits
}

@Suite struct PlainCorpusTests {
  let withDescent = PlainCorpusWithDescent.plainCorpusResults()
  let withoutDescent = PlainCorpusWithoutDescent.plainCorpusResults()

  @Test func importingDescentChangesNoBitOfPlainCode() {
    let found = differences(withDescent: withDescent, withoutDescent: withoutDescent)
    guard !found.isEmpty else { return }
    let computations = differingComputations(
      withDescent: withDescent, withoutDescent: withoutDescent)
    Issue.record(
      """
      Importing Descent changed plain code's results (\(withDescent.count) compared):
      \(found.joined(separator: "\n"))
      By computation:
      \(computations.joined(separator: "\n"))
      """)
  }

  /// The corpus is what it says: large, and computing the standard library's and the C library's
  /// answers where they are known exactly.
  @Test func theCorpusComputesTheStandardLibrarysAnswers() {
    #expect(withoutDescent.count > 100_000)
    let bits = Dictionary(
      withoutDescent.map { ($0.name, $0.bits) }, uniquingKeysWith: { a, _ in a })
    #expect(bits["Double max(1.0, .nan)"] == (1.0 as Double).bitPattern)
    #expect(bits["Double min(2.0, .nan)"] == (2.0 as Double).bitPattern)
    #expect(bits["Double max(.nan, 1.0)"].map { Double(bitPattern: $0).isNaN } == true)
    #expect(bits["Double max(0.0, -0.0)"] == (-0.0 as Double).bitPattern)
    #expect(bits["Double max(-0.0, 0.0)"] == (0.0 as Double).bitPattern)
    #expect(bits["Double abs(-0.0)"] == (0.0 as Double).bitPattern)
    #expect(bits["Double abs(-.nan)"] == Double.nan.bitPattern)
    #expect(bits["Double pow(2, 10)"] == (1024.0 as Double).bitPattern)
    #expect(bits["Float max(1.0, .nan)"] == UInt64((1.0 as Float).bitPattern))
    #expect(bits["Float abs(-0.0)"] == UInt64((0.0 as Float).bitPattern))
  }

  /// The comparison itself can fail: one flipped bit, a renamed entry and a missing entry are each
  /// reported, with both bit patterns, and counted by computation.
  @Test func theComparisonReportsEveryKindOfDifference() throws {
    let index = try #require(withoutDescent.firstIndex { $0.name.hasPrefix("Double pow(x, 7) ") })
    var perturbed = withoutDescent
    perturbed[index].bits ^= 1
    #expect(
      differences(withDescent: perturbed, withoutDescent: withoutDescent) == [
        "#\(index) \(withoutDescent[index].name): with Descent \(hex(perturbed[index].bits)), "
          + "without \(hex(withoutDescent[index].bits))"
      ])
    let powers = withoutDescent.filter { $0.name.hasPrefix("Double pow(x, 7) x=") }.count
    #expect(
      differingComputations(withDescent: perturbed, withoutDescent: withoutDescent) == [
        "Double pow(x, 7): 1 of \(powers)"
      ])

    var renamed = withoutDescent
    renamed[0].name += "′"
    #expect(differences(withDescent: renamed, withoutDescent: withoutDescent).count == 1)

    let shorter = Array(withoutDescent.dropLast())
    #expect(
      differences(withDescent: shorter, withoutDescent: withoutDescent) == [
        "\(shorter.count) results with Descent, \(withoutDescent.count) without"
      ])

    var everyOther = withoutDescent
    for i in stride(from: 0, to: everyOther.count, by: 2) { everyOther[i].bits ^= 1 << 63 }
    let many = differences(withDescent: everyOther, withoutDescent: withoutDescent, limit: 3)
    #expect(many.count == 4)
    #expect(many.last == "… \((withoutDescent.count + 1) / 2 - 3) more of \(withoutDescent.count)")
  }

  @Test func aComputationIsANameWithoutItsInputs() {
    #expect(computationName("Double pow(x, 7) x=1.5") == "Double pow(x, 7)")
    #expect(computationName("Double atan2(y, x) y=1.0 x=-0.0") == "Double atan2(y, x)")
    #expect(computationName("Float xs.map { abs($0) }[12]") == "Float xs.map { abs($0) }")
    #expect(computationName("Double [1, .nan, 3].max()") == "Double [1, .nan, 3].max()")
    #expect(computationName("Double max(1.0, .nan)") == "Double max(1.0, .nan)")
  }
}
