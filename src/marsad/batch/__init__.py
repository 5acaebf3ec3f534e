"""Batch processing: many inputs analysed on Dask workers, written as Parquet, loaded into the store."""
