"""Where extraction runs: this machine's cores (:mod:`cronaca.ingest.run`, the default) or a
Dask cluster (:mod:`cronaca.engines.dask`). Both run the same pure
:func:`cronaca.pipeline.process_batch`; both end in the same writer."""
