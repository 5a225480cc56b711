"""Readers and parsers that turn outside records into the knowledge model's plain facts."""
