"""Staff accounts: signing in, the start page after it, user administration and the audit log."""
