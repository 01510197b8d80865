"""News archive and claim tracker: seeds -> cleaned, deduplicated Markdown -> MkDocs site."""
