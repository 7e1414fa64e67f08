"""Use cases: the only API that the CLI, the HTTP API and the report builder call."""
