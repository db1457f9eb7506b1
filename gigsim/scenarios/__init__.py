"""Shipped scenario files (``<name>.yaml``), read with ``importlib.resources``."""
