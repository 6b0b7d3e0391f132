"""What every domain package shares: the coded refusal all of them raise, and the rule of which text a database
can store. No Flask request in here."""
