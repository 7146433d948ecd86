"""Feeds birds with seeds."""
from seeds import SEEDS


def feed() -> str:
    return "feeding " + ", ".join(SEEDS)
