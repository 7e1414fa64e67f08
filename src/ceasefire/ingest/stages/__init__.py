"""Extraction stages, each a small function over plain data built once from configuration.

`sentences → events → attribution → timing → places → casualties → merging → agreement →
summary`; the chain itself is declared in `ceasefire.ingest.pipeline`. Each stage module has
`create(config)` returning a `Reading → Reading` function; `reading` holds the data they pass
along, `actors` (who speaks) and `timex` (time expressions) are helpers of the stages.
"""
