"""Pure rules of administration: roles and permissions, working days."""
