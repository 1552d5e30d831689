"""Knowledge as data: the technology catalog, patterns, reference specs and prices."""

from archwright.kb.catalog import Capacity, Catalog, Hosting, Level, Price, Technology, load_catalog

__all__ = ["Capacity", "Catalog", "Hosting", "Level", "Price", "Technology", "load_catalog"]
