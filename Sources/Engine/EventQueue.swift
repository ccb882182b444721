/// A binary min-heap of simulator events ordered by (time, sequence): deterministic tie-breaking.
struct EventQueue {
    struct Item {
        var time: Int
        var seq: Int
        /// Index into the simulator's pending-touch pool, or `-1 - appointment` for an appointment event.
        var ref: Int32
    }

    private(set) var items: [Item] = []
    private var seq = 0

    var isEmpty: Bool { items.isEmpty }
    var count: Int { items.count }
    var first: Item? { items.first }

    @inline(__always)
    private static func less(_ a: Item, _ b: Item) -> Bool { a.time < b.time || (a.time == b.time && a.seq < b.seq) }

    mutating func reserve(_ n: Int) { items.reserveCapacity(n) }

    mutating func push(time: Int, ref: Int32) {
        seq += 1
        let item = Item(time: time, seq: seq, ref: ref)
        items.append(item)
        items.withUnsafeMutableBufferPointer { h in
            var i = h.count - 1
            while i > 0 {
                let p = (i - 1) >> 1
                if !Self.less(item, h[p]) { break }
                h[i] = h[p]
                i = p
            }
            h[i] = item
        }
    }

    mutating func pop() -> Item? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        guard !items.isEmpty else { return top }
        items.withUnsafeMutableBufferPointer { h in
            let n = h.count
            var i = 0
            while true {
                let l = 2 * i + 1
                if l >= n { break }
                var m = l
                if l + 1 < n, Self.less(h[l + 1], h[l]) { m = l + 1 }
                if !Self.less(h[m], last) { break }
                h[i] = h[m]
                i = m
            }
            h[i] = last
        }
        return top
    }
}
