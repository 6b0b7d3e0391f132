"""The programme bureau's pages: dashboard, maps, codebook, review, programme input and yearly report."""
