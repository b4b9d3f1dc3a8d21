// The end-to-end tests start real processes that share this machine's two cores; one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
