"""The runtime's version: ``skill`` reports it, and caches of parsed data are keyed by it.

A module of its own rather than ``backend/__init__.py``: with an editable install, a folder
named ``backend`` in the working directory (a local backend's data, say) shadows the package's
``__init__`` but not its modules.
"""

__version__ = "0.1.0"
