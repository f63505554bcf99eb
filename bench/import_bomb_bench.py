"""Import bombs: small files that unpack into millions of rows, timed through the import reader.

    python -m bench.import_bomb_bench [--old PATH] [--timeout 60]

Makes the bomb files in bench/out/ (an XLSX of ~128 KB with 2 M rows, one of ~0.5 MB with 8 M
rows, and a 2 MB CSV, the most the upload accepts, of ~1 M rows), plus a real 2,000-row import
for comparison, and reads each with `omtracker.partners.importing.read_table` (what the upload
and the confirm step run before anything else) in a fresh subprocess. It reports the wall time,
the peak extra memory (peak resident set minus the resident set just before reading) and the
answer. `--old PATH` also runs them against another checkout (e.g. a `git worktree` of commit
363f73a) with a time box: a run cut off is reported as ">= timeout".

Target (issue 13): any file the upload accepts is answered in <= 3 s with <= 100 MB extra.
Not part of the test run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
HEADER = ["partner", "opgave", "uitkomstuitdaging", "frequentie", "startdatum", "niveau"]

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'  # noqa: E501
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'  # noqa: E501
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'  # noqa: E501
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'  # noqa: E501
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'  # noqa: E501
    "</Relationships>"
)


def _cell(text: str) -> str:
    return f'<c t="inlineStr"><is><t>{text}</t></is></c>'


def bomb_xlsx(path: Path, rows: int, declare: bool = False) -> Path:
    """A workbook whose one sheet holds the header and `rows` identical data rows.

    Rows without row numbers compress about a thousand to one, so the file stays tiny while
    the sheet unpacks to tens or hundreds of megabytes. Written in chunks: never in memory.
    """
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            if declare:
                sheet.write(f'<dimension ref="A1:F{rows + 1}"/>'.encode())
            sheet.write(b"<sheetData>")
            sheet.write(("<row>" + "".join(_cell(h) for h in HEADER) + "</row>").encode())
            row = b"<row><c><v>1</v></c></row>"
            chunk = row * 10_000
            for _ in range(rows // 10_000):
                sheet.write(chunk)
            sheet.write(row * (rows % 10_000))
            sheet.write(b"</sheetData></worksheet>")
    return path


def bomb_csv(path: Path, size: int = 2 * 1024 * 1024) -> Path:
    """A CSV as large as the upload accepts: the header, then one short row per line."""
    header = (";".join(HEADER) + "\n").encode()
    path.write_bytes(header + b"x\n" * ((size - len(header)) // 2))
    return path


def real_xlsx(path: Path, rows: int = 2000, extra_columns: int = 0) -> Path:
    """A genuine outcome-challenge import, as openpyxl (Excel's format) writes it; with
    `extra_columns` it fills every row up to the cell limit (10 a row) with notes."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER + [f"opmerking {k}" for k in range(extra_columns)])
    for number in range(rows):
        sheet.append(
            [f"Partner {number}", "1", f"Partner {number} doet mee.", 1, "01-01-2026", "verwacht"]
            + [f"Opmerking {number}.{k}" for k in range(extra_columns)]
        )
    workbook.save(path)
    return path


CHILD = r"""
import json, resource, sys, time
from omtracker import create_app
from omtracker.partners import importing
path, kind = sys.argv[1], sys.argv[2]
app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"})
data = open(path, "rb").read()
with app.test_request_context("/"):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"ready": before / 1024}), flush=True)
    start = time.perf_counter()
    try:
        rows = len(importing.read_table(data, path, kind, 2000).rows)
        answer = f"{rows} rows read"
    except importing.ImportFileError as exc:
        answer = str(exc)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "extra_mb": (peak - before) / 1024, "answer": answer}))
"""


def _peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def measure(checkout: Path, path: Path, timeout: float) -> dict:
    env = dict(os.environ, PYTHONPATH=str(checkout))
    command = [sys.executable, "-c", CHILD, str(path), "uitkomstuitdagingen"]
    process = subprocess.Popen(command, cwd=checkout, env=env, stdout=subprocess.PIPE, text=True)
    # The time box starts once the app is built and the file loaded: only the reading counts.
    baseline = json.loads(process.stdout.readline())["ready"]
    started, peak = time.monotonic(), 0.0
    while process.poll() is None:
        peak = max(peak, _peak_rss_mb(process.pid))
        if time.monotonic() - started > timeout:
            process.kill()
            process.wait()
            extra = peak - baseline
            return {"seconds": None, "extra_mb": None, "peak_mb": extra, "answer": "cut off"}
        time.sleep(0.1)
    return json.loads(process.stdout.read().strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--old", type=Path, help="another checkout to compare (e.g. 363f73a)")
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    files = [
        ("XLSX, 2 M rows", bomb_xlsx(OUT / "bomb-2m.xlsx", 2_000_000)),
        ("XLSX, 8 M rows", bomb_xlsx(OUT / "bomb-8m.xlsx", 8_000_000)),
        ("XLSX, 300 k rows (7 MB unpacked)", bomb_xlsx(OUT / "bomb-300k.xlsx", 300_000)),
        (
            "XLSX, 300 k rows, dimension declared",
            bomb_xlsx(OUT / "bomb-300k-dim.xlsx", 300_000, declare=True),
        ),
        ("CSV, 2 MB, ~1 M rows", bomb_csv(OUT / "bomb.csv")),
        ("real XLSX, 2,000 rows x 6 columns", real_xlsx(OUT / "real-2000.xlsx")),
        (
            "XLSX at the limits, 2,000 rows x 10 columns",
            real_xlsx(OUT / "limits-2000x10.xlsx", extra_columns=4),
        ),
    ]
    runs = [("after", ROOT)] + ([("before", args.old.resolve())] if args.old else [])
    print("| file | size | code | seconds | extra MB | answer |")
    print("|---|---|---|---|---|---|")
    for label, path in files:
        size = f"{path.stat().st_size / 1024:.0f} KB"
        for name, checkout in runs:
            result = measure(checkout, path, args.timeout)
            if result["seconds"] is None:
                seconds = f">= {args.timeout:.0f}"
                extra = f">= {result['peak_mb']:.0f} (when cut off)"
            else:
                seconds = f"{result['seconds']:.2f}"
                extra = f"{result['extra_mb']:.0f}"
            answer = result["answer"][:110]
            print(f"| {label} | {size} | {name} | {seconds} | {extra} | {answer} |", flush=True)


if __name__ == "__main__":
    main()
