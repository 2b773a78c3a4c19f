"""Ways to map the per-article pipeline over many articles."""
