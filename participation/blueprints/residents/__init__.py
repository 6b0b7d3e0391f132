"""The public pages residents use, at ``/<lang>/``."""
