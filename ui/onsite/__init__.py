"""On-site work screens: the jobs of a week, the week of resources, an urgent call."""
