"""Administration: users and roles, login, institute settings, the working-day calendar,
print fonts, backups and the audit log's writer.  Every area may import it; it imports none."""
