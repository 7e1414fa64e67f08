"""The monitoring domain: plain data and rules, no I/O."""
