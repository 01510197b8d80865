"""The site: the archive -> Markdown pages and data files in content/ -> MkDocs and Pagefind build of site/."""
