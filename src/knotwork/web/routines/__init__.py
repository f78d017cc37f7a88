"""Guided self-treatment: the session planner's routine from chosen trigger points, with a timer."""
