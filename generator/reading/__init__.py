"""Reading articles: files -> `Source` (decoded, front matter, blocks) -> `Article` (cleaned, with metadata)."""
