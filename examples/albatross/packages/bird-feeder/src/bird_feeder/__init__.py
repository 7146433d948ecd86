"""Feeds birds with seeds, and orders more from the supplier."""
import requests

from seeds import SEEDS, count, supplier


def refill() -> requests.PreparedRequest:
    """The order the feeder sends its supplier: built with requests, never sent."""
    return requests.Request(
        "POST", f"https://{supplier()}/order", params={"seeds": ",".join(SEEDS), "note": "for the albatross"}
    ).prepare()


def feed() -> str:
    order = refill()
    return f"feeding {count()} kinds of seed; refill order: {order.method} {order.url}"
