"""The examples of docs/backup.md, docs/cluster.md and docs/tools.md; tests/test_docs_examples.py
runs each function against a real server."""
