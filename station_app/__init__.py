"""Village Station: the counter app of a village comprehensive service station."""

__version__ = "0.1.0"
