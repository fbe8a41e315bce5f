"""An app-style wvorm example: models in `models.py`, queries in `queries.py`."""
