"""The library pages: every Perfect Spot, muscle and region, with how to find and treat it."""
