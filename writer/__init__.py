"""writer: an offline assistant for drafting 工作综述 (work summaries)."""

__version__ = "0.1.0"
