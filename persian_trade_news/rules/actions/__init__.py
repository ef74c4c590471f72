"""Built-in actions, Python rules and finalizers, one module per record family."""
from . import lexical, statements, visits, meetings, quantities, deals, events  # noqa: F401
