"""Pure rules of counter.feedback: plain dataclasses, no session, no I/O."""
