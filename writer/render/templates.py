"""The draft laid out through its Jinja2 templates: Markdown, plain text, and the markup of the .docx.

The templates are ``templates/summary.{md,txt,docx}.j2`` (shipped), or those
of a ``--templates`` folder, which overrides any of them. Fact strings are
template *data*: they are never compiled as templates, so a fact
``{{ 7*7 }}`` prints as written.
"""

from __future__ import annotations

import re
from pathlib import Path

from writer.errors import InputError, MissingPathError

TEMPLATE_NAMES = {"md": "summary.md.j2", "txt": "summary.txt.j2", "docx": "summary.docx.j2"}


class TemplateError(InputError):
    """A template cannot be loaded or rendered."""


def template_environment(templates: str | Path | None = None):
    """Jinja2 environment: ``templates`` first, then the shipped templates; StrictUndefined."""
    import jinja2

    from writer.io.paths import templates_dir

    loaders = []
    if templates is not None:
        folder = Path(templates)
        if not folder.is_dir():
            raise MissingPathError("模板文件夹不存在", folder)
        loaders.append(jinja2.FileSystemLoader(str(folder)))
    loaders.append(jinja2.FileSystemLoader(str(templates_dir())))
    return jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
                              autoescape=False, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True)


_NOT_UTF8 = "模板文件不是 UTF-8 文字，请另存为 UTF-8"


def _template_path(env, name: str) -> str:
    """Where the template ``name`` is read from: the first folder of ``env`` that holds it."""
    for loader in env.loader.loaders:
        for folder in loader.searchpath:
            if (Path(folder) / name).is_file():
                return str(Path(folder) / name)
    return name


def _template_line(exc: BaseException) -> tuple[str | None, int | None]:
    """The template file and line a rendering error happened at (from the traceback)."""
    tb = exc.__traceback__
    found = (None, None)
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def render_template(draft, fmt: str, templates: str | Path | None = None) -> str:
    """The draft through the template of ``fmt`` (md, txt, docx).

    The shipped templates run as cached layout programs (writer.render.layout),
    without Jinja2 (also under a --templates folder that only holds genre.yaml);
    a --templates folder's own template, and any template or draft outside what
    a layout program does, go through Jinja2.
    """
    if templates is None or not (Path(templates) / TEMPLATE_NAMES[fmt]).exists():
        from writer.render.layout import run_layout, shipped_layout

        program = shipped_layout(fmt, TEMPLATE_NAMES[fmt], template_environment)
        text = run_layout(program, draft.context()) if program is not None else None
        if text is not None:
            return normalize_layout(text)
    return _jinja_render(draft, fmt, templates)


def _jinja_render(draft, fmt: str, templates: str | Path | None) -> str:
    import jinja2

    env = template_environment(templates)
    name = TEMPLATE_NAMES[fmt]
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"找不到模板 {exc.name}", templates or name) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"模板语法错误（{exc.message}）", exc.filename or name, exc.lineno) from None
    except UnicodeDecodeError:  # jinja2 reads template files as UTF-8
        raise TemplateError(_NOT_UTF8, _template_path(env, name)) from None
    try:
        text = template.render(**draft.context())
    except jinja2.UndefinedError as exc:
        path, line = _template_line(exc)
        raise TemplateError(f"模板用到了未定义的变量（{exc.message}）", path or name, line) from None
    except jinja2.TemplateError as exc:
        path, line = _template_line(exc)
        raise TemplateError(f"模板出错（{exc}）", path or name, line) from None
    except RecursionError:
        raise TemplateError("模板循环继承（extends 了自己）", name) from None
    except UnicodeDecodeError:  # an included or extended template
        raise TemplateError(_NOT_UTF8 + "（它本身或它 include/extends 的模板）", _template_path(env, name)) from None
    return normalize_layout(text)


def normalize_layout(text: str) -> str:
    """Trailing spaces off, at most one blank line in a row, one final newline."""
    lines = [line.rstrip() for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return text + "\n"


def render_text(draft, fmt: str = "md", templates: str | Path | None = None) -> str:
    """The draft as Markdown (``md``) or plain text (``txt``)."""
    return render_template(draft, fmt, templates)


def render_docx(draft, templates: str | Path | None = None) -> bytes:
    """The draft as a GB/T 9704 .docx (the docx template gives its paragraphs and their roles)."""
    from writer.render.docx import blocks_from_markup, write_docx

    return write_docx(blocks_from_markup(render_template(draft, "docx", templates)))
