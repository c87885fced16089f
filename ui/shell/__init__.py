"""The application: start-up, login, the main window with its tabs and menus, the crash dialog."""
