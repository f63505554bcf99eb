"""The national picture: programmes that share their aggregated figures, read by a network."""
