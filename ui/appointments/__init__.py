"""检定预约: the calendar per department, the booking dialog, the admin pages."""
