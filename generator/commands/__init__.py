"""Commands around the pipeline: `add`, `search` and the `check` report."""
