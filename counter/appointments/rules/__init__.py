"""Pure rules of counter.appointments: plain dataclasses, integer fen, no session, no I/O."""
