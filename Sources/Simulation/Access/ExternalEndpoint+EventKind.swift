extension ExternalEndpoint.Transition.Kind {
    /// The event recorded for this transition. A switch rather than the raw
    /// text, so that a transition added to the pure model cannot go unrecorded
    /// or be recorded under a kind the report does not know.
    var eventKind: EventKind {
        switch self {
        case .loadBalancerCreationStarted: return .loadBalancerCreationStarted
        case .loadBalancerLive: return .loadBalancerLive
        case .loadBalancerRemovalStarted: return .loadBalancerRemovalStarted
        case .loadBalancerRemoved: return .loadBalancerRemoved
        case .creationQueued: return .creationQueued
        case .removalQueued: return .removalQueued
        case .queuedChangeCancelled: return .queuedChangeCancelled
        case .ipMoved: return .ipMoved
        case .ipReleased: return .ipReleased
        case .ipAttached: return .ipAttached
        case .backendsChanged: return .backendsChanged
        }
    }
}
