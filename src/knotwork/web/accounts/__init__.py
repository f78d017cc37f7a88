"""Accounts on a hosted install: allauth's pages in our layout, lockout and session time limits."""
