"""Pure rules of counter.statistics: plain dataclasses, integer fen, no session, no I/O."""
