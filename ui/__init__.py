"""The thin Qt layer: a package per screen family, `common/` shared parts, `shell/` the window."""
