"""archwright: describe a system, get a typed architecture model, and reason about it.

The public Python API is re-exported from the subpackages (`archwright.model`,
`archwright.archfile`, ...); this module stays import-light so the CLI starts fast.
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
