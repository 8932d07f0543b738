"""Export a .docx to PDF with its comments (批注) in the right margin, as Word shows them.

`soffice --headless --convert-to pdf` can only draw comments as note icons: the
margin mode (ExportNotesInMargin, LibreOffice ≥ 7.5) needs a document window,
which headless LibreOffice does not open. This script starts LibreOffice on a
virtual display, opens the document visibly and exports it through UNO.

    apt-get install -t bookworm-backports libreoffice-writer python3-uno xvfb xauth
    /usr/bin/python3 tools/pdf_with_margin_comments.py 初稿.审读.docx 审读.pdf
    pdftoppm -r 70 -f 1 -l 1 -png 审读.pdf page     # then look at page-1.png

Run it with the system Python (python3-uno is not on PyPI). It is a tool for
looking at what a user will see, not part of writer or its tests.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

PORT = 2002


def prop(name: str, value: object) -> PropertyValue:
    item = PropertyValue()
    item.Name, item.Value = name, value
    return item


def connect(seconds: float = 60):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + seconds
    while True:
        try:
            return resolver.resolve(f"uno:socket,host=localhost,port={PORT};urp;StarOffice.ComponentContext")
        except Exception:  # the office is still starting
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


def export(source: Path, target: Path) -> None:
    ctx = connect()
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(str(source)), "_blank", 0, (prop("Hidden", False),))
    if doc is None:
        sys.exit(f"{source}: LibreOffice could not open it (a stale .~lock file beside it?)")
    time.sleep(2)  # let the comment margin lay out before export
    options = uno.Any("[]com.sun.star.beans.PropertyValue", (prop("ExportNotesInMargin", True),))
    doc.storeToURL(uno.systemPathToFileUrl(str(target)),
                   (prop("FilterName", "writer_pdf_Export"), prop("FilterData", options)))
    doc.close(True)


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    source, target = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    office = subprocess.Popen(["xvfb-run", "-a", "soffice", f"-env:UserInstallation={profile.as_uri()}",
                               "--norestore", "--nologo", "--nodefault",
                               f"--accept=socket,host=localhost,port={PORT};urp;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        export(source, target)
    finally:
        subprocess.run(["pkill", "-f", f"UserInstallation={profile.as_uri()}"], check=False)
        office.wait(timeout=30)
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
