"""The albatross: the workspace root package, a small click command."""
import click

from bird_feeder import feed


@click.command()
@click.option("--times", default=1, show_default=True, help="How many times to feed.")
def main(times: int) -> None:
    """Feed the albatross."""
    for _ in range(times):
        click.echo(feed())
