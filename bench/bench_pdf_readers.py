"""Reading the seed as a PDF: writer's reader (pypdfium2) against pypdf and pdfplumber, side by side.

Why writer reads PDFs through pypdfium2 (README 依赖). Each library extracts
the text of the same PDF in one run; writer's figure includes rebuilding
lines and paragraphs and dropping page furniture. A library that is not
installed is left out (pypdf and pdfplumber are not writer's dependencies).

    python bench/bench_pdf_readers.py [FILE.pdf]

Without a file, the seed (phrasebank/corpus) is printed to PDF by
LibreOffice (soffice), which must then be installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from writer.corpus.pdf import pdf_paragraphs
from writer.io.paths import default_corpus


def seed_pdf(folder: Path) -> Path:
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("soffice not found: give a PDF")
    source = folder / "seed.txt"
    shutil.copy(default_corpus(), source)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(folder), str(source)], check=True, capture_output=True)
    return folder / "seed.pdf"


def with_pypdf(path: Path) -> int:
    import pypdf

    return sum(len(page.extract_text()) for page in pypdf.PdfReader(path).pages)


def with_pdfplumber(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return sum(len(page.extract_text() or "") for page in pdf.pages)


def timed(label: str, read, path: Path, base: float | None) -> float:
    t0 = time.perf_counter()
    chars = read(path)
    seconds = time.perf_counter() - t0
    ratio = f"  {seconds / base:5.1f}× writer" if base else ""
    print(f"{label:<22} {seconds:6.2f} s  {chars:7d} characters{ratio}")
    return seconds


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(sys.argv[1]) if len(sys.argv) > 1 else seed_pdf(Path(tmp))
        base = timed("writer (pypdfium2)", lambda p: sum(map(len, pdf_paragraphs(p))), path, None)
        for label, read in (("pypdf", with_pypdf), ("pdfplumber", with_pdfplumber)):
            try:
                timed(label, read, path, base)
            except ImportError:
                print(f"{label:<22} not installed")


if __name__ == "__main__":
    main()
