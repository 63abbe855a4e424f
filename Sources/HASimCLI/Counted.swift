/// "1 zone", "3 zones": a count and its noun, for the human summaries of
/// `validate` and `analyze`. Every noun they count takes a plain "s".
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
