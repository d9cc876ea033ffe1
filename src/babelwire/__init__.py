"""babelwire: a self-hosted, multilingual news monitor."""

__version__ = "0.1.0"
