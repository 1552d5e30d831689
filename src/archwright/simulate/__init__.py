"""Capacity (queueing), chaos (failure propagation) and availability."""
