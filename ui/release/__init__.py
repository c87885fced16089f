"""The return desk: pickup with signature, mail, lists of what is ready or overdue."""
