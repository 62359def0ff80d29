"""Deciding: a candidate against the rules — education, length of service, the next grade."""
