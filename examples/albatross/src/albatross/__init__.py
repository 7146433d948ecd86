"""The albatross: the workspace root package."""
from bird_feeder import feed


def main() -> None:
    print(feed())
