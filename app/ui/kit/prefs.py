"""What the application remembers between runs: language, recent files, where windows were.

Kept as a small JSON file in the user's configuration folder (``platformdirs``), written atomically
so a crash never leaves half a file; ``DAFTAR_CONFIG_DIR`` moves it (tests, portable installs).
A damaged file is set aside and the defaults used: preferences are never worth refusing to start.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

import platformdirs

MAX_RECENT = 10


def config_dir() -> Path:
    override = os.environ.get("DAFTAR_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir("Daftar", False))


@dataclass(slots=True)
class RecentFile:
    path: str
    name: str = ""
    """The company's name, shown on the welcome screen."""
    key_file: str = ""
    """Key file the company was opened with, if any (automation, the demo)."""


@dataclass(slots=True)
class Prefs:
    language: str = "fr"
    recent: list[RecentFile] = field(default_factory=list)
    windows: dict[str, list[int]] = field(default_factory=dict)
    """Where each window was last, per screen: ``"main@<screen>"`` → x, y, width, height of its
    client area (``app.ui.kit.window_fit``)."""
    window_state: str = ""
    last_folder: str = ""
    """Folder of the last company file opened or created."""
    folders: dict[str, str] = field(default_factory=dict)
    """Last folder used per kind of file (``"import"``, ``"export"``…;
    ``app.ui.kit.file_dialogs``)."""

    @classmethod
    def load(cls) -> Prefs:
        path = config_dir() / "settings.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            recent = [RecentFile(**item) for item in data.pop("recent", [])]
            known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
            return cls(recent=recent, **known)
        except FileNotFoundError:
            return cls()
        except (ValueError, TypeError, OSError):
            path.replace(path.with_suffix(".damaged"))
            return cls()

    def save(self) -> None:
        folder = config_dir()
        folder.mkdir(parents=True, exist_ok=True)
        temp = folder / "settings.json.tmp"
        temp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(temp, folder / "settings.json")

    def remember(self, path: Path, name: str, key_file: Path | None = None) -> None:
        """Put a file at the top of the recent list."""
        resolved = str(path.resolve())
        self.recent = [r for r in self.recent if r.path != resolved]
        self.recent.insert(0, RecentFile(resolved, name, str(key_file) if key_file else ""))
        del self.recent[MAX_RECENT:]

    def window_geometry(self, window: str, screen: str) -> list[int] | None:
        value = self.windows.get(f"{window}@{screen}")
        return value if isinstance(value, list) and all(isinstance(v, int) for v in value) \
            else None

    def remember_window(self, window: str, screen: str, geometry: list[int]) -> None:
        self.windows[f"{window}@{screen}"] = list(geometry)

    def folder_for(self, kind: str) -> str:
        """The folder last used for ``kind`` files ("" if none)."""
        if kind == "company":
            return self.last_folder
        value = self.folders.get(kind, "")
        return value if isinstance(value, str) else ""

    def remember_folder(self, kind: str, folder: str) -> None:
        if kind == "company":
            self.last_folder = folder
        else:
            self.folders[kind] = folder

    def forget(self, path: str) -> None:
        self.recent = [r for r in self.recent if r.path != path]
