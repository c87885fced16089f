"""Customer feedback at the counter: the rating step at pickup and the complaints screen."""
