"""How a build runs, around the stages: its progress and timing per stage, the workers the
per-article work goes to (a process pool or a Dask cluster), and the cache of per-article results."""
