/// A part of the Workers subsystem that any folder reads as the array it
/// keeps (`WorkerNodes` by slot, `WorkerPods` by workload) and changes only
/// through its own labelled subscript and methods: the array is
/// `private(set)`, so reading needs no forwarding of its own.
protocol SlotArray: RandomAccessCollection where Index == Int {
    var elements: [Element] { get }
}

extension SlotArray {
    var startIndex: Int { 0 }
    var endIndex: Int { elements.count }
    subscript(position: Int) -> Element {
        _read { yield elements[position] }
    }
}
