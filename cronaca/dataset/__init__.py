"""Extracted records as a partitioned Parquet dataset: what the Dask engine writes and
``cronaca load`` reads.

Why a dataset between extraction and the store: extraction is most of the cost and needs no
database, so it can run anywhere (a Dask cluster, many machines, reading ``s3://`` or
``http://`` inputs through fsspec) and leave files that DuckDB, Spark and pandas read directly;
one process then brings them into a store, incrementally, with the same writer as the local
engine (:mod:`cronaca.ingest.writer`) — so the store holds the same records either way.

Layout (schema version in :mod:`.schema`, documented in the README)::

    DATASET/
      _cronaca_dataset.json         {"format": "cronaca-dataset", "version": 1, "tables": [...]}
      articles/part-RUN-000001.parquet
      mentions/part-RUN-000001.parquet
      ...                           one file per table and partition; a partition is one input file
      failures/part-RUN-000000.parquet   inputs that could not be read or processed, with why

Modules: :mod:`.schema` (tables, columns, Arrow types, records <-> rows), :mod:`.writer` (one
partition, streamed batch by batch), :mod:`.reader` (documents back, partition by partition,
in bounded memory), :mod:`.load` (a dataset into a store).
"""
