"""The handbook around a page: roots, site mapping (URL -> file), slugs, link targets, the index."""
