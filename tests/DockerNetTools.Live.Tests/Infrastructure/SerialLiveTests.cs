using Xunit;

// One test class at a time on the shared daemon. Engine 20.10 re-arranges FORWARD whenever a network is created or
// removed (libnetwork deletes and re-inserts the jump to DOCKER-ISOLATION-STAGE-1 and DOCKER-USER to keep them on top),
// so for a moment traffic between bridges is not isolated: a probe of one lab that lands in that window while another
// lab builds or tears down its networks observed a ping across bridges answered (seen once in CI, Ipv6IsolationTests).
// Probes must see the rules as they stand, so labs never change the daemon while another class probes.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
