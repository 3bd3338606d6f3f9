"""Adapters to run the toolkit inside other engines (Dask)."""
