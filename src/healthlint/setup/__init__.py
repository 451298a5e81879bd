"""What a run is set to do: the config files, the rule packs, and the rules they turn on for a file."""
