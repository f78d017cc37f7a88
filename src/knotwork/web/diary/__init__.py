"""The diary: one person's pain ratings, sessions and questionnaires, kept for them only."""
