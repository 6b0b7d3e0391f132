"""Residents' responses: publishing survey versions, drafts with resume codes, submission, receipts.

The definitions themselves (format, validation of answers, skip logic) live in ``participation.surveys``; this
package stores and retrieves. Functions flush but never commit: the view or command owns the transaction.
"""
