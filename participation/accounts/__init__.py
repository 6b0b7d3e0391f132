"""Staff accounts: creating them, checking passwords, changing passwords, their sessions. No Flask request inside.

Import from the modules (``operations``, ``sessions``, ``errors``, ``passwords``, ``guessing``): the settings import
``guessing`` without loading the database models.
"""
