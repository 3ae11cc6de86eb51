"""The language server for editors, and the editor buffer checked as the saved file would be."""
