import BalanceCore
/// How far a batch run has come, for a progress display.
public struct BatchProgress: Sendable, Hashable {
    /// Cases finished (ok, failed or skipped).
    public var done: Int
    /// Cases in the run.
    public var total: Int
    /// Results written.
    public var ok: Int
    /// Cases that failed.
    public var failed: Int
    /// Cases skipped because their results are up to date.
    public var skipped: Int
    /// Seconds since the run started.
    public var elapsed: Double

    public init(done: Int, total: Int, ok: Int, failed: Int, skipped: Int, elapsed: Double) {
        self.done = done
        self.total = total
        self.ok = ok
        self.failed = failed
        self.skipped = skipped
        self.elapsed = elapsed
    }

    /// Cases per second so far (0 before the first second's worth of data).
    public var rate: Double { elapsed > 0 ? Double(done) / elapsed : 0 }

    /// Seconds left at the current rate; `nil` before there is a rate.
    public var remaining: Double? {
        guard rate > 0 else { return nil }
        return Double(total - done) / rate
    }

    /// A one-line progress bar of at most `width` columns (ASCII):
    /// `[##########..........]  5120/10000  51%  2480 cases/s  ETA 0:02  3 failed`.
    public func line(width: Int = 80) -> String {
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let percent = CheckedInteger.int((fraction * 100).rounded(.down)) ?? 0
        var tail = "  \(Self.padded(done, to: String(total).count))/\(total)  \(Self.padded(percent, to: 3))%"
        tail += "  \(CheckedInteger.rounded(rate) ?? 0) cases/s"
        tail += "  ETA " + (remaining.map(Self.clock) ?? "--:--")
        if skipped > 0 { tail += "  \(skipped) skipped" }
        if failed > 0 { tail += "  \(failed) failed" }
        let barWidth = max(10, min(40, width - tail.count - 2))
        let filled = min(barWidth, Swift.max(0, CheckedInteger.int((fraction * Double(barWidth)).rounded(.down)) ?? 0))
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled) + "]"
        return String((bar + tail).prefix(max(width, 20)))
    }

    /// `m:ss`, or `h:mm:ss` from an hour on.
    static func clock(_ seconds: Double) -> String {
        let s = CheckedInteger.int(seconds.rounded(.up)) ?? 0
        let (h, m, r) = (s / 3600, s / 60 % 60, s % 60)
        let mm = h > 0 && m < 10 ? "0\(m)" : "\(m)"
        let ss = r < 10 ? "0\(r)" : "\(r)"
        return h > 0 ? "\(h):\(mm):\(ss)" : "\(mm):\(ss)"
    }

    static func padded(_ value: Int, to width: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
