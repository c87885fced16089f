"""Pure rules of counter.archive: plain dataclasses, integer fen, no session, no I/O."""
