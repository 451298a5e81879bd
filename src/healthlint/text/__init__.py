"""Source text to document: files read as text, prose blocks mapped back to the source, sentences and words."""
