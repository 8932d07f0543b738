"""Mining a phrase bank from documents: one module per kind of entry, assembled by build.py."""
