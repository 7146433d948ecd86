"""The seeds a bird feeder holds."""
SEEDS = ["sunflower", "millet", "nyjer"]
