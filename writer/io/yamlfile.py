"""Where a key sits in a YAML file, for error messages that name file, line and column."""

from __future__ import annotations

from pathlib import Path


def locate(path: Path, keys: list) -> tuple[int | None, int | None]:
    """Line and column (1-based) of the node at ``keys`` (mapping keys and list indexes).

    Only called when reporting an error, so composing the node tree (slower than
    loading) costs nothing on the normal path. When the last key is missing, the
    position of the deepest node found is given.
    """
    import yaml

    try:
        node = yaml.compose(Path(path).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except Exception:  # noqa: BLE001 — a file that will not compose has no positions to give
        return None, None
    found = node
    for key in keys:
        if isinstance(found, yaml.MappingNode):
            nxt = next((v for k, v in found.value if k.value == key), None)
            if nxt is None:
                nxt = next((k for k, v in found.value if k.value == key), None)
        elif isinstance(found, yaml.SequenceNode) and isinstance(key, int) and key < len(found.value):
            nxt = found.value[key]
        else:
            nxt = None
        if nxt is None:
            break
        found = nxt
    if found is None:
        return None, None
    return found.start_mark.line + 1, found.start_mark.column + 1


def load_yaml(path: Path, read_error: type, syntax_error: type, what: str = "文件"):
    """Parse one YAML file; errors name the file (and line and column for a syntax error).

    ``read_error`` is raised for a missing or unreadable file, ``syntax_error``
    for broken YAML; both are the caller's domain errors (path, line, col).
    """
    import yaml

    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise read_error(f"{what}不存在", path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise read_error(f"无法读取{what}（{type(exc).__name__}）", path) from None
    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise syntax_error(f"YAML 格式错误（{exc.problem or '格式错误'}）", path,
                           mark.line + 1 if mark else None, mark.column + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise syntax_error(f"YAML 格式错误（{exc}）", path) from None
