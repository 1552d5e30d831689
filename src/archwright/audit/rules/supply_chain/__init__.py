"""Supply chain: end-of-life and known-vulnerable versions, unpinned images, `latest`
tags and unknown registries, from the dated snapshots in `kb/supply_chain/`."""
