"""`.writer.yaml`: the checker's configuration, found in the current folder or a parent.

The checker reads the ``check:`` section (or, when the file has none, the
top-level keys below; other top-level keys belong to other commands)::

    check:
      disable: [cliche]                  # rules to turn off
      only: []                           # when set, only these rules
      fail-on: warning                   # info | warning | error
      max-sentence: 120                  # long-sentence limit
      thresholds:                        # rule id → value of its main threshold,
        copy: 30                         #   or a mapping of threshold → value
        slogan-density: {sentence: 5, paragraph: 10}
      extra: [my-rules/, my-words.yaml]  # rule and word-list files (paths relative to this file)
      accept: [凝心聚力]                  # phrases never reported
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from writer.check.finding import LEVELS
from writer.check.yamlfile import CheckDataError, check_keys, expect, load_yaml_file, string_list

CONFIG_NAME = ".writer.yaml"
CONFIG_KEYS = {"disable", "only", "fail-on", "max-sentence", "thresholds", "extra", "accept"}


@dataclass
class CheckConfig:
    """Validated settings from a .writer.yaml (all empty when there is none)."""

    path: Path | None = None
    disable: list[str] = field(default_factory=list)
    only: list[str] = field(default_factory=list)
    fail_on: str | None = None
    max_sentence: int | None = None
    thresholds: dict[str, dict[str, float]] = field(default_factory=dict)
    extra: list[Path] = field(default_factory=list)
    accept: list[str] = field(default_factory=list)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest .writer.yaml in ``start`` (default: the current folder) or a parent."""
    folder = Path(start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / CONFIG_NAME
        if path.is_file():
            return path
    return None


def _number(value, path: Path, key: str):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise CheckDataError("应为数值", path, key=key)
    return value


def parse_config(data, path: Path) -> CheckConfig:
    """Validate the parsed YAML of a .writer.yaml."""
    config = CheckConfig(path=path)
    if data is None:
        return config
    expect(data, dict, path, "check", "映射")
    prefix = ""
    if "check" in data:
        section = data["check"]
        if section is None:
            return config
        expect(section, dict, path, "check", "映射")
        check_keys(section, CONFIG_KEYS, path, "check")
        prefix = "check."
    else:
        section = {k: v for k, v in data.items() if k in CONFIG_KEYS}
    for key in ("disable", "only", "accept"):
        if section.get(key) is not None:
            setattr(config, key, string_list(section[key], path, prefix + key))
    if section.get("fail-on") is not None:
        if section["fail-on"] not in LEVELS:
            raise CheckDataError(f"应为 {'、'.join(LEVELS)} 之一", path, key=prefix + "fail-on")
        config.fail_on = section["fail-on"]
    if section.get("max-sentence") is not None:
        value = section["max-sentence"]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise CheckDataError("应为正整数", path, key=prefix + "max-sentence")
        config.max_sentence = value
    thresholds = section.get("thresholds")
    if thresholds is not None:
        expect(thresholds, dict, path, prefix + "thresholds", "映射（规则 id → 数值或映射）")
        for rule_id, value in thresholds.items():
            key = f"{prefix}thresholds.{rule_id}"
            if isinstance(value, dict):
                config.thresholds[str(rule_id)] = {
                    str(name): _number(v, path, f"{key}.{name}") for name, v in value.items()}
            else:
                config.thresholds[str(rule_id)] = {"": _number(value, path, key)}
    if section.get("extra") is not None:
        config.extra = [(path.parent / p) for p in string_list(section["extra"], path, prefix + "extra")]
    return config


def load_config(path: Path | None) -> CheckConfig:
    """The configuration in ``path``, or the empty configuration when ``path`` is None."""
    if path is None:
        return CheckConfig()
    return parse_config(load_yaml_file(Path(path)), Path(path))
