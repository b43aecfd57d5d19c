/// Four values stored inline, for the parts of an elementwise operation that has up to four (the
/// terms of a linear combination, the operands of a planned node): recording and evaluating
/// such an operation then allocates nothing, as a Swift array would.
@usableFromInline
struct Four<Element> {
  @usableFromInline var e0: Element
  @usableFromInline var e1: Element
  @usableFromInline var e2: Element
  @usableFromInline var e3: Element

  @inlinable
  init(repeating value: Element) {
    e0 = value
    e1 = value
    e2 = value
    e3 = value
  }

  /// Value k, 0 to 3.
  @inlinable
  subscript(k: Int) -> Element {
    get {
      switch k {
      case 0: return e0
      case 1: return e1
      case 2: return e2
      default: return e3
      }
    }
    set {
      switch k {
      case 0: e0 = newValue
      case 1: e1 = newValue
      case 2: e2 = newValue
      default: e3 = newValue
      }
    }
  }
}
