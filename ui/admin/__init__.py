"""The administrator's screen: users, settings, fees, calendar, audit log, backups, signing key."""
