"""Content types: one module (or package) each, discovered by govsite.build.discover_types."""
