"""A synthetic year of the focus area to look at (``flask demo load``), registered row by row so that
``flask demo clear`` removes it and nothing else."""
