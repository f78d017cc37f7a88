"""The finder pages: the body map and safety questions, the candidates, the region pages."""
