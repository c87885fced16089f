"""Pure rules of release: the gate's decision."""
