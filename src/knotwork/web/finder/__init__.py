"""The finder pages: the body map and safety questions, then the candidates, and the region pages."""
