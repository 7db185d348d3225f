"""Reads of project follow-up, one module per concern like `services`."""
