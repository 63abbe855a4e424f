import NodeLifecycle
import SimKernel
import Testing

/// The node lifecycle controller's client budget: client-go util/flowcontrol
/// throttle.go `NewTokenBucketRateLimiter` (x/time/rate `Wait` for every
/// request) at kube-controller-manager's `--kube-api-qps` 20 and
/// `--kube-api-burst` 30 (pkg/controller/apis/config/v1alpha1/defaults.go
/// `SetDefaults_KubeControllerManagerConfiguration`).
@Suite struct APIClientBudgetTests {
    private func take(_ budget: inout APIClientBudget, _ calls: Int, at t: Double) -> Double {
        budget.take(calls, at: seconds(t)).sinceStart.seconds
    }

    private func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-6 }

    @Test func theDefaultsAreKubeControllerManagers() {
        let budget = NodeLifecycleSettings().clientBudget
        #expect(budget.qps == 20 && budget.burst == 30)
        #expect(budget.interval == .milliseconds(50))
    }

    /// A monitorNodeHealth pass of N requests made one after another
    /// (`MarkPodsNotReady`'s UpdateStatus per pod) from a full bucket: the
    /// first 30 pass at once, then one each 50 ms, so the pass takes
    /// (N - 30) / 20 s.
    @Test(arguments: [1, 30, 31, 300, 4_650, 9_300])
    func aPassOfNCallsTakesNMinusBurstOverQPS(calls: Int) {
        var budget = APIClientBudget(qps: 20, burst: 30)
        let end = take(&budget, calls, at: 100)
        #expect(close(end - 100, max(0, Double(calls - 30) / 20)), "\(calls) calls end at \(end)")
    }

    /// The bucket refills at 20 a second up to its 30: after a pass ends,
    /// the next pass has the burst again only once 1.5 s have passed.
    @Test func theBucketRefillsAtQPSUpToItsBurst() {
        var budget = APIClientBudget(qps: 20, burst: 30)
        #expect(close(take(&budget, 130, at: 0), 5))
        #expect(!budget.isFull(at: seconds(5)))
        #expect(close(budget.nextGrant(at: seconds(5)).sinceStart.seconds, 5.05))
        // 10 s later the bucket is full: 30 calls at once, the 31st 50 ms later.
        #expect(budget.isFull(at: seconds(15)))
        #expect(close(take(&budget, 30, at: 15), 15))
        #expect(close(take(&budget, 1, at: 15), 15.05))
    }

    /// Requests of another goroutine while a long pass waits on the bucket
    /// go in between the pass's few outstanding requests: granted at once,
    /// they push the end of the pass by their tokens.
    @Test func callsAlongsideAPassMakeItLonger() {
        var budget = APIClientBudget(qps: 20, burst: 30)
        #expect(close(take(&budget, 230, at: 0), 10))
        budget.takeAlongside(20, at: seconds(3))
        #expect(close(budget.nextGrant(at: seconds(3)).sinceStart.seconds, 11.05))
    }
}
