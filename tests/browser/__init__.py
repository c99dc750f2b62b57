"""Real-browser tests (run with `make test-browser`)."""
