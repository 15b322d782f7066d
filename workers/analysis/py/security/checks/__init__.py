"""Every check module; importing this package registers them all."""

from . import blacklists, crypto, general, injection, templates, xss  # noqa: F401
