// The record of one array operation on the tape (see ArrayTape.swift).

/// What an ``ArrayNode`` computes.
@usableFromInline
enum ArrayNodeKind: UInt8 {
  /// Values copied from scalar ``Variable``s; each element remembers its scalar tape slot.
  case leaf
  /// Values that carry no derivative: a retained `[T]`, or elements of the arena.
  case constant
  /// A contiguous part of another materialized node, sharing its values and adjoints.
  case view
  /// y = f(a) elementwise, for a rule of the table (`function`).
  case unary
  /// z = f(a, b) elementwise, with broadcasting (`function`, `modeA`, `modeB`).
  case binary
  /// y = aⁿ elementwise (`parameter` = n).
  case power
  /// y = Σₖ cₖ uₖ elementwise, summed left to right: the fusion of a chain of `+`, `−` and
  /// products with one-element factors (`parameter` = number of terms; see
  /// LinearCombination.swift).
  case linear
  /// C = A · B for A of r × k and B of k × c (`parameter` = k).
  case matrixProduct
  /// Aᵀ.
  case transpose
  /// The operands, one after the other (operand indices listed in the index arena).
  case concatenation
  /// log Σⱼ exp aᵢⱼ for each row i.
  case rowLogSumExp
  /// exp aᵢⱼ / Σₖ exp aᵢₖ for each row i.
  case rowSoftmax
  /// Σⱼ aᵢⱼ for each row i.
  case rowSum
  /// Σᵢ aᵢⱼ for each column j.
  case columnSum
  /// aᵢ,ₖᵢ for each row i, the column kᵢ listed in the index arena.
  case rowPick

  /// `true` for the elementwise kinds, which are recorded without being evaluated and are
  /// evaluated, fused with their elementwise neighbours, by whoever consumes them.
  @inlinable var isElementwise: Bool {
    switch self {
    case .unary, .binary, .power, .linear: return true
    default: return false
    }
  }
}

/// How an operand of an elementwise operation is indexed for element i of an r × c result.
@usableFromInline
enum Broadcast: UInt8 {
  /// Same shape: element i.
  case same
  /// One element, repeated: element 0.
  case scalar
  /// One row of c elements, repeated for every row: element i mod c.
  case row
  /// One column of r elements, repeated across each row: element i / c.
  case column
}

/// One recorded array operation.
///
/// Nodes are kept in recording order; every operand index is smaller than the node's own. A
/// node's values and adjoints, when it has them, live in the array tape's arena at `storage`;
/// the arena may move as it grows, so nodes hold offsets, never pointers into it.
@usableFromInline
struct ArrayNode<T: RealScalar> {
  @usableFromInline var kind: ArrayNodeKind
  @usableFromInline var function: ElementwiseFunction
  @usableFromInline var modeA: Broadcast
  @usableFromInline var modeB: Broadcast
  /// `true` when some leaf below this node holds a tracked variable.
  @usableFromInline var isTracked: Bool
  /// First and second operand (node indices), −1 when absent.
  @usableFromInline var a: Int32
  @usableFromInline var b: Int32
  /// The node that owns the adjoint storage this node writes into: itself, or the node a view
  /// looks into.
  @usableFromInline var owner: Int32
  /// The reduction during which the owner's adjoints were last zeroed; adjoints stamped with an
  /// older epoch are zero. (For the input leaf, the reduction that last touched it: which of its
  /// elements are written so far is in `ArrayTape.inputWritten`.)
  @usableFromInline var epoch: UInt32
  /// Position in the region being evaluated, or −1 (scratch for planning a region).
  @usableFromInline var regionPosition: Int32
  /// Number of elements, and the length of a row (`columns == count` for a vector).
  @usableFromInline var count: Int
  @usableFromInline var columns: Int
  /// Offset of the values (and of the adjoints) in the arena; −1 while not evaluated. The input
  /// leaf, whose values and adjoints are both external, has an offset that holds nothing, from
  /// which its views' offsets number their elements.
  @usableFromInline var storage: Int
  /// Offset in the arena of the stored local derivatives of a materialized unary node; −1 if none.
  @usableFromInline var partials: Int
  /// Offset in the index arena: scalar tape slots of a leaf, operand list of a concatenation.
  @usableFromInline var indices: Int
  /// Values that live outside the arena, in a `[T]` the tape retains: a constant's, or the
  /// inputs of ``VariableVector/valueWithGradient(at:into:of:)`` (whose adjoints are at
  /// `externalAdjoints`), and views of either. They are read through `valuePointer`, never at
  /// `storage`.
  @usableFromInline var external: UnsafePointer<T>?
  /// Adjoints that live outside the arena: those of the inputs of
  /// ``VariableVector/valueWithGradient(at:into:of:)``, which are the caller's gradient buffer,
  /// and of views of them. Read and written through `adjointPointer`, never at `storage`.
  @usableFromInline var externalAdjoints: UnsafeMutablePointer<T>?
  /// Exponent of `power`, inner dimension of `matrixProduct`, operand count of `concatenation`,
  /// number of terms of `linear`.
  @usableFromInline var parameter: Int
  /// The terms of a `linear` node.
  @usableFromInline var terms: LinearTerms<T>

  @inlinable
  init(kind: ArrayNodeKind, count: Int, columns: Int) {
    self.kind = kind
    function = .add
    modeA = .same
    modeB = .same
    isTracked = false
    a = -1
    b = -1
    owner = -1
    epoch = 0
    regionPosition = -1
    self.count = count
    self.columns = columns
    storage = -1
    partials = -1
    indices = -1
    external = nil
    externalAdjoints = nil
    parameter = 0
    terms = LinearTerms()
  }

  /// The number of rows, count / columns (0 for an empty node).
  @inlinable var rows: Int { columns == 0 ? 0 : count / columns }

  /// `true` when the values are available without evaluating anything.
  @inlinable var isMaterialized: Bool { storage >= 0 || external != nil }
}
