"""transloc: German news articles in, reviewed and localised editions out."""

__version__ = "0.1.0"
