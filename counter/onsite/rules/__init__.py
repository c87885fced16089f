"""Pure rules of counter.onsite: plain dataclasses, integer fen, no session, no I/O."""
