"""Sealed sessions: Ed25519 signatures over the chain head and everything that matters outside the chain.

The hash chain has no secret: whoever can write the file can rewrite an event
and recompute every later hash. A seal is what a forger cannot remake: the
facilitator's private key (kept in the user config folder, never in the save)
signs a message naming

- the events it covers (``from_seq`` … ``seq``) and the sha256 of their stored
  hashes, which are kept beside the signature so that a later change is located
  to the first event that differs;
- the chain head (the hash of event ``seq``), the scenario's sha256 (the
  genesis), the seed, the role assignments and the status — derived from the
  events by replay, not read from the session row — and the row's ``created``
  and ``forked_from``.

A seal's range starts after the previous seal made with the same key, so
per-turn seals stay small. ``verify --key PUBLIC`` accepts a save only if seals
made with that key hold; without ``--key`` a seal only shows that *someone* signed.
"""

from __future__ import annotations

import base64
import errno
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wargame.engine.scenario import Scenario
from wargame.engine.state import new_state
from wargame.session.snapshots import projection
from wargame.store import Projection, SaveFile, Seal, SealMismatch, StoredEvent, StoreError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

FORMAT = "wargame-seal/1"
SEAL_AT = frozenset({"turn_ended", "session_ended"})
"""Events after which a session with a configured key seals itself."""
PRIVATE_NAME, PUBLIC_NAME = "seal.key", "seal.pub"
DISABLE_VAR = "WARGAME_NO_AUTOSEAL"


def keys_dir() -> Path:
    """``<user config folder>/wargame/keys`` (``platformdirs``; on Linux ``$XDG_CONFIG_HOME`` or ``~/.config``)."""
    import platformdirs

    return Path(platformdirs.user_config_dir("wargame", appauthor=False)) / "keys"


def _raw(public: Ed25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint(public_b64: str) -> str:
    """A short name for a public key: ``ed25519:`` and 16 hex digits of its sha256."""
    return "ed25519:" + hashlib.sha256(base64.b64decode(public_b64)).hexdigest()[:16]


def public_text(public: Ed25519PublicKey) -> str:
    return base64.b64encode(_raw(public)).decode()


@dataclass(frozen=True)
class KeyPair:
    private: Path
    public: Path
    fingerprint: str


def new_key_pair(folder: Path | None = None) -> KeyPair:
    """Make a key pair in ``folder`` (default :func:`keys_dir`): private key mode 0600, never over an existing one.

    Raises :class:`FileExistsError` (its ``filename`` the key file found) when a key is already there,
    :class:`OSError` when the folder cannot be written.
    """
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    folder = folder or keys_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    private, public = folder / PRIVATE_NAME, folder / PUBLIC_NAME
    for existing in (private, public):
        if existing.exists():
            raise FileExistsError(errno.EEXIST, "a key already exists", str(existing))
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    fd = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    os.chmod(private, 0o600)  # whatever the umask
    text = public_text(key.public_key())
    public.write_text(f"ed25519 {text}\n", encoding="ascii")
    return KeyPair(private, public, fingerprint(text))


def load_private(path: Path) -> Ed25519PrivateKey:
    """Read a private key written by :func:`new_key_pair`; :class:`ValueError` when it is not one."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("not an Ed25519 private key")
    return key


def load_public(path: Path) -> str:
    """A public key file (``ed25519 <base64>``) as its base64 text; :class:`ValueError` when it is not one."""
    words = path.read_text(encoding="ascii", errors="replace").split()
    if len(words) != 2 or words[0] != "ed25519":
        raise ValueError("not a wargame public key (expected one line 'ed25519 <base64>', as 'wargame keys new' writes)")
    try:
        raw = base64.b64decode(words[1], validate=True)
    except ValueError:
        raise ValueError("the public key is not valid base64") from None
    if len(raw) != 32:
        raise ValueError("an Ed25519 public key is 32 bytes")
    return words[1]


def configured_signer() -> Ed25519PrivateKey | None:
    """The key sessions seal themselves with at each turn end: ``seal.key`` in :func:`keys_dir`, if any.

    None when there is none, when ``$WARGAME_NO_AUTOSEAL`` is set, or when the
    file cannot be read as a key (``wargame keys show`` says why).
    """
    if os.environ.get(DISABLE_VAR):
        return None
    path = keys_dir() / PRIVATE_NAME
    if not path.is_file():
        return None
    try:
        return load_private(path)
    except (OSError, ValueError):
        return None


def _message(save: SaveFile, state_projection: Projection, first: int, last: int, head: str, hashes: bytes) -> str:
    info = save.info()
    body: dict[str, Any] = {
        "format": FORMAT, "from_seq": first, "seq": last, "head": head,
        "hashes_sha256": hashlib.sha256(hashes).hexdigest(), "scenario_sha256": save.genesis(),
        "seed": state_projection.seed, "assignments": state_projection.assignments, "status": state_projection.status,
        "created": info.created, "forked_from": info.forked_from,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def seal(save: SaveFile, scenario: Scenario, key: Ed25519PrivateKey, state: Any = None) -> Seal | None:
    """Sign the log as it stands (events since this key's last seal); None when nothing new was appended.

    ``state`` is the session state at the head (folded from the file when not given).
    """
    stored: list[StoredEvent] | None = None
    if state is None:
        stored = save.read()
        state = new_state(scenario)
        from wargame.session.snapshots import fold

        fold(state, [s.event for s in stored], 1)
    last, head = save.tail()
    public = public_text(key.public_key())
    previous = [s for s in save.seals() if s.public_key == public]
    first = previous[-1].seq + 1 if previous else 1
    if last < first:
        return None
    hashes = b"".join(bytes.fromhex(h) for h in save.hashes(first, last))
    message = _message(save, projection(state), first, last, head, hashes)
    signature = base64.b64encode(key.sign(message.encode())).decode()
    made = Seal(seq=last, message=message, public_key=public, signature=signature, hashes=hashes)
    save.add_seal(made)
    return made


@dataclass(frozen=True)
class SealReport:
    """What the seals of a save show."""

    keys: tuple[str, ...]
    """Fingerprints of every key that sealed this save."""
    trusted: str | None
    """The fingerprint of the key given to check with, when seals made with it hold."""
    upto: int
    """The last event covered by a seal that holds (by the trusted key when one was given); 0 for none."""


def check_seals(
    save: SaveFile, stored: list[StoredEvent], projections: dict[int, Projection], trusted: str | None
) -> SealReport:
    """Check every seal: signature, covered hashes, head, scenario, seed, assignments, status, session row.

    ``projections`` maps each seal's seq to the projection of the fold up to it.
    Raises :class:`SealMismatch` naming the first event that differs from what was
    signed, or saying that no seal was made with ``trusted`` (a base64 public key).
    """
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    seals = save.seals()
    info = save.info()
    upto: dict[str, int] = {}
    for made in seals:
        who = fingerprint(made.public_key)
        try:
            Ed25519PublicKey.from_public_bytes(base64.b64decode(made.public_key)).verify(
                base64.b64decode(made.signature), made.message.encode()
            )
            body = json.loads(made.message)
        except (InvalidSignature, ValueError):
            raise SealMismatch(save.path, f"the seal at event {made.seq} by key {who}: the signature does not match its message") from None
        if body.get("format") != FORMAT:
            raise SealMismatch(save.path, f"the seal at event {made.seq}: unknown format {body.get('format')!r} (a newer wargame?)")
        first, last = int(body["from_seq"]), int(body["seq"])
        by = f"what was signed by key {who} (seal at event {last})"
        if hashlib.sha256(made.hashes).hexdigest() != body["hashes_sha256"] or len(made.hashes) != 32 * (last - first + 1):
            raise SealMismatch(save.path, f"the seal at event {last}: its stored hashes differ from {by}")
        for n, seq in enumerate(range(first, last + 1)):
            if seq > len(stored):
                raise SealMismatch(save.path, f"event {seq}: missing: the log is shorter than {by}")
            if stored[seq - 1].hash != made.hashes[32 * n : 32 * n + 32].hex():
                raise SealMismatch(save.path, f"event {seq} ({stored[seq - 1].event.kind}): differs from {by}")
        state = projections.get(last)
        facts = {
            "head": stored[last - 1].hash, "scenario_sha256": save.genesis(), "created": info.created,
            "forked_from": info.forked_from,
            **({"seed": state.seed, "assignments": state.assignments, "status": state.status} if state else {}),
        }
        for name, value in facts.items():
            if body.get(name) != value:
                raise SealMismatch(save.path, f"{name} differs from {by}")
        upto[made.public_key] = max(upto.get(made.public_key, 0), last)
    keys = tuple(dict.fromkeys(fingerprint(s.public_key) for s in seals))
    if trusted is not None:
        if trusted not in upto:
            found = ", ".join(keys) or "none"
            raise SealMismatch(save.path, f"not sealed with key {fingerprint(trusted)} (seals in this file: {found})")
        return SealReport(keys, fingerprint(trusted), upto[trusted])
    return SealReport(keys, None, max(upto.values(), default=0))


def signing_key_or_fail(path: Path | None) -> Ed25519PrivateKey:
    """The private key at ``path`` (default: the configured one); :class:`StoreError` with one line when unusable."""
    where = path or keys_dir() / PRIVATE_NAME
    if not where.is_file():
        raise StoreError(where, "no private key here: make one with 'wargame keys new'")
    try:
        return load_private(where)
    except (OSError, ValueError) as error:
        raise StoreError(where, f"not a usable private key ({error})") from None
