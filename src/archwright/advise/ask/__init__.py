"""`archwright ask`: questions in words, answered by the engines (see docs/ask.md)."""
