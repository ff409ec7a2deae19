"""The benchmark: synthetic stores at scale, generated at run time, never in data/."""
