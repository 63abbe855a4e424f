import SimKernel
import Testing

@testable import Simulation

/// The kubelet's lease requests go through its heartbeat client, whose
/// timeout is nodeStatusUpdateFrequency capped by the lease duration, 10 s
/// (kubernetes cmd/kubelet/app/server.go, `heartbeatClientConfig.Timeout`).
/// The lease controller retries a failed update at once, `maxUpdateRetries`
/// (5) in a row, then falls back to backoffEnsureLease's waits from 200 ms,
/// doubling to `maxBackoff` 7 s (k8s.io/component-helpers
/// apimachinery/lease/controller.go, `retryUpdateLease`, `backoffEnsureLease`).
@Suite struct KubeletLeaseRequestTests {
    let settings = KubeletSettings()

    /// A kubelet that renewed at 0 s and whose path then went silent.
    func silentAfterFirstRenewal() -> KubeletHeartbeat {
        var kubelet = KubeletHeartbeat(firstAttempt: .start, jitterKey: 7, lastRenewal: nil)
        kubelet.advance(to: .start, settings: settings)
        kubelet.follow(.silent, connectionEnded: false, at: SimInstant(.seconds(5)), settings: settings)
        return kubelet
    }

    @Test func aRequestToASilentBackendWaitsTheTimeoutBeforeItsRetry() {
        var kubelet = silentAfterFirstRenewal()
        let sent = kubelet.nextAttempt
        #expect(sent > SimInstant(.seconds(10)) && sent <= SimInstant(.milliseconds(10_400)))
        kubelet.advance(to: sent, settings: settings)
        // In flight: nothing fails before the 10 s timeout.
        #expect(kubelet.inFlightSince == sent && kubelet.nextAttempt == sent + .seconds(10))
        kubelet.advance(to: sent + .milliseconds(9_900), settings: settings)
        #expect(kubelet.failedAttempts == 0)
        // It times out, and retryUpdateLease sends the next update at once.
        kubelet.advance(to: sent + .seconds(10), settings: settings)
        #expect(kubelet.failedAttempts == 1 && kubelet.inFlightSince == sent + .seconds(10))
        #expect(kubelet.renewals == 1 && kubelet.lastRenewal == .start)
    }

    @Test func aConnectionEndingUnderTheRequestRetriesAtOnceOnTheNewOne() {
        var kubelet = silentAfterFirstRenewal()
        let sent = kubelet.nextAttempt
        kubelet.advance(to: sent + .seconds(5), settings: settings)
        // The HTTP/2 health check closes the connection; the new one answers.
        kubelet.follow(.open, connectionEnded: true, at: sent + .seconds(5), settings: settings)
        kubelet.advance(to: sent + .seconds(5), settings: settings)
        #expect(kubelet.lastRenewal == sent + .seconds(5) && kubelet.failedAttempts == 1)
    }

    @Test func aRequestAnsweredLateRenewsWhenTheBackendAnswers() {
        var kubelet = silentAfterFirstRenewal()
        let sent = kubelet.nextAttempt
        kubelet.advance(to: sent + .seconds(3), settings: settings)
        // The apiserver's etcd commits again: the request held is answered.
        kubelet.follow(.open, connectionEnded: false, at: sent + .seconds(3), settings: settings)
        #expect(kubelet.lastRenewal == sent + .seconds(3) && kubelet.failedAttempts == 0)
    }

    @Test func afterFiveUpdatesTimedOutTheControllerBacksOff() {
        var kubelet = silentAfterFirstRenewal()
        let sent = kubelet.nextAttempt
        // Five updates and backoffEnsureLease's first GET, each 10 s, one after the other.
        kubelet.advance(to: sent + .seconds(60), settings: settings)
        #expect(kubelet.failedAttempts == 6 && kubelet.inFlightSince == nil)
        #expect(kubelet.nextAttempt == sent + .seconds(60) + .milliseconds(200))
    }

    @Test func aRefusedRequestFailsAtOnceAndBacksOff() {
        var kubelet = KubeletHeartbeat(firstAttempt: .start, jitterKey: 7, lastRenewal: nil)
        kubelet.follow(.refused, connectionEnded: false, at: .start, settings: settings)
        kubelet.advance(to: .start, settings: settings)
        #expect(kubelet.failedAttempts == 1 && kubelet.nextAttempt == SimInstant(.milliseconds(200)))
    }
}
