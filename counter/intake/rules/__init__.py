"""Pure rules of intake: an item's life as a state machine, the shapes of our codes."""
