// expect: fix
// A Double computed inline from a literal, `2.0.squareRoot()`, divides a Variable.
// Known failing: the compiler gives up ("unable to type-check this expression in reasonable
// time"): the literal could be any floating-point type with a `squareRoot()`, and the search
// for the best error explores them all. `Variable(2.0.squareRoot())`, or the root bound with
// `let` first, compiles in milliseconds; met while writing this change's own tests.
import Descent

let cdf = valueWithGradient(at: 1.0) { x in (1 + erf(x / 2.0.squareRoot())) / 2 }
