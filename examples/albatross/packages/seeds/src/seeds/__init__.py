"""The seeds a bird feeder holds, and where they come from."""
import idna

SEEDS = ["sunflower", "millet", "nyjer"]
SUPPLIER = "körnerladen.example"  # an internationalised domain name


def count() -> int:
    """How many kinds of seed the feeder holds."""
    return len(SEEDS)


def supplier() -> str:
    """The supplier's domain as DNS spells it: IDNA 2008, through the idna package."""
    return idna.encode(SUPPLIER).decode("ascii")
