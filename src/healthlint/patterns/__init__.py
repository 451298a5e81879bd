"""Matching words and patterns in prose: term and pattern matching, the trigger-word prefilter, the compiled-pattern cache."""
