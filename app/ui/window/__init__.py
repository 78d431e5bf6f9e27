"""The main window and how a company reaches it: welcome page, opening, unlocking, the creation
wizard, one company's view and the shortcut list."""
