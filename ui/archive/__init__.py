"""The customer archive's screens: recall (周检提醒), the notification outbox, their admin pages."""
