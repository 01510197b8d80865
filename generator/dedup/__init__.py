"""Dedup: `Article`s -> `Entry`s, copies folded into their canonical article, each with its page slug."""
