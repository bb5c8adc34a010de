"""Site knowledge, one module per CMS family (base.py: the protocol; registry.py: one line each)."""
