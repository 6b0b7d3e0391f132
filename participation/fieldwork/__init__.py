"""Field work of professionals: places, activities, contacts with their consent, and who may see which of them.
No Flask request inside: functions take a database session and plain values, flush, and never commit."""
