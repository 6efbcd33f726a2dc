"""CLI commands for signing keys: ``keys new``, ``keys show``.

The key pair lives in the user config folder (see :func:`wargame.session.signing.keys_dir`),
never in a save: the private key file is readable by its owner only (0600).
"""

from __future__ import annotations

import click

from wargame.cli.common import fail


@click.group()
def keys() -> None:
    """Your signing key pair, for sealed sessions ('wargame seal', 'wargame verify --key')."""


@keys.command("new")
def new() -> None:
    """Make a key pair in your config folder; sessions you play then seal themselves at each turn end.

    Never replaces an existing key. Give the public key (seal.pub) to whoever checks your saves.
    """
    from wargame.session import signing

    try:
        pair = signing.new_key_pair()
    except FileExistsError as error:
        fail(f"{error.filename}: a key already exists; keep it (saves sealed with it are checked with its .pub)")
    except OSError as error:
        fail(f"{signing.keys_dir()}: cannot write ({error.strerror or error})")
    click.echo(f"private key: {pair.private} (mode 0600; keep it to yourself)")
    click.echo(f"public key:  {pair.public} (give it to whoever checks: wargame verify SAVE --key {pair.public.name})")
    click.echo(f"fingerprint: {pair.fingerprint}")


@keys.command("show")
def show() -> None:
    """Where your key pair is and its fingerprint; whether sessions seal themselves."""
    from wargame.session import signing

    folder = signing.keys_dir()
    public = folder / signing.PUBLIC_NAME
    try:
        text = signing.load_public(public)
        signing.load_private(folder / signing.PRIVATE_NAME)
    except FileNotFoundError:
        fail(f"{folder}: no key pair; make one with 'wargame keys new'")
    except (OSError, ValueError) as error:
        fail(f"{folder}: the key pair cannot be read ({getattr(error, 'strerror', None) or error})")
    click.echo(f"public key:  {public}")
    click.echo(f"fingerprint: {signing.fingerprint(text)}")
    import os

    auto = "off ($" + signing.DISABLE_VAR + " is set)" if os.environ.get(signing.DISABLE_VAR) else "on, at each turn end"
    click.echo(f"auto-seal:   {auto}")
