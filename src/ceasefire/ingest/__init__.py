"""Ingestion: parsers turn received bytes into `Document`s; the pipeline extracts claims."""
