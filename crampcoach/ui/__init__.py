"""The Textual app. Imported only when the bare command (or `now`) starts it."""
