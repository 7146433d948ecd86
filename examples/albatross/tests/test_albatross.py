"""The workspace's tests, run by the dev group's pytest: `roost run -- pytest -q`."""
from click.testing import CliRunner

import bird_feeder
import seeds
from albatross import main


def test_supplier_is_ascii_for_dns():
    assert seeds.supplier() == "xn--krnerladen-ecb.example"


def test_refill_order_is_prepared_not_sent():
    order = bird_feeder.refill()
    assert order.method == "POST"
    assert order.url.startswith("https://xn--krnerladen-ecb.example/order?seeds=sunflower%2Cmillet%2Cnyjer")


def test_cli_feeds_twice():
    result = CliRunner().invoke(main, ["--times", "2"])
    assert result.exit_code == 0
    assert result.output.count("feeding 3 kinds of seed") == 2
