"""What this PC remembers of the company files it backs up or restores (``backups.json``).

Its own module because the backups write it, while the restores, the writer leases, ``cloud
status`` and ``restore`` on this PC read it: each of them imports it from here, below them all,
instead of reaching into ``backup`` (whose lease check would otherwise import them back).
"""

from __future__ import annotations

from typing import Any

from sync.client.home import home, load_json, save_json

REGISTRY = "backups.json"


def registry() -> dict[str, dict[str, Any]]:
    """Per company file (by its salt, unique to the file): the company's name, the file's path,
    its backup set and its last good backup. Kept so that ``cloud status`` can show backup
    health and ``restore`` on this PC can find the key without the recovery key."""
    return (load_json(home() / REGISTRY) or {}).get("files", {})


def remember(salt: str, **values: Any) -> None:
    data = load_json(home() / REGISTRY) or {}
    data.setdefault("files", {}).setdefault(salt, {}).update(values)
    save_json(home() / REGISTRY, data)


def find_company(company: str) -> dict[str, Any] | None:
    """What this PC remembers of a company, by name (case-insensitive), newest backup first."""
    wanted = company.casefold().strip()
    found = [dict(entry, salt=salt) for salt, entry in registry().items()
             if entry.get("company", "").casefold().strip() == wanted]
    found.sort(key=lambda e: e.get("last_taken_at") or "", reverse=True)
    return found[0] if found else None


def company_of_set(backup_set: str) -> str | None:
    names = {e.get("company") for e in registry().values() if e.get("backup_set") == backup_set}
    return " / ".join(sorted(n for n in names if n)) or None
