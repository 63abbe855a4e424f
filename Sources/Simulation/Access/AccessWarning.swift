/// A warning about how clients reach the apiservers, in the style of
/// `hasim analyze`: a stable code to match on and a sentence to read. It is
/// the analyzer's own warning type, so access warnings print and encode with
/// the placement warnings (lifting it out of `FailureTolerance` into a
/// top-level type is left for the merge, which may touch that file).
public typealias AccessWarning = FailureTolerance.Warning
