"""cronaca: scraped news articles about international politics -> a source-attributed knowledge base."""

__version__ = "0.1.0"
