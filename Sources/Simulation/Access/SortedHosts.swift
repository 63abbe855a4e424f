/// Host ids ascending without repeats: the canonical form of every host list
/// in the external-access model, so that equal sets compare equal and no
/// order ever depends on a hash table.
func sortedUniqueHosts(_ hosts: [Int]) -> [Int] {
    var sorted = hosts.sorted()
    var index = 1
    while index < sorted.count {
        if sorted[index] == sorted[index - 1] { sorted.remove(at: index) } else { index += 1 }
    }
    return sorted
}
