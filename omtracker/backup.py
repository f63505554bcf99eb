"""Complete backups: the database and every evidence file in one archive, with checksums.

A journal's evidence files live on disk (ATTACHMENT_DIR), the journal in the database: a backup
of one without the other restores journals whose downloads answer 404. `write_backup` makes one
`.tar.gz` holding

    manifest.json              format, version, created at, database kind, every file below
                               with its size and SHA-256
    database/omtracker.sqlite  SQLite's online backup API copy (or database/omtracker.dump,
                               pg_dump's custom format, for PostgreSQL)
    attachments/<stored name>  every stored evidence file

The database is copied first and the files listed after it: files are written before the journal
that names them is committed and are never deleted, so every file the copied database names is
in the archive. The archive is written under a temporary name and renamed when complete.

`restore_backup` checks everything before it changes anything: the archive must be ours, every
file must be listed and match its size and checksum, the database kind must match. It unpacks
into a folder beside the live one, swaps the evidence folder in and restores the database in one
transaction; if the database cannot be restored the old evidence folder is put back.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlalchemy.engine import URL

from omtracker import clock

FORMAT = "omtracker-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE_FILES = {"sqlite": "database/omtracker.sqlite", "postgresql": "database/omtracker.dump"}
ATTACHMENT_NAME = re.compile(r"^attachments/[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup cannot be written or restored; the message says why, in Dutch."""


@dataclass(frozen=True)
class Summary:
    path: Path
    database_kind: str
    attachments: int
    size_bytes: int


def database_kind(url: URL) -> str:
    kind = url.get_backend_name()
    if kind not in DATABASE_FILES:
        raise BackupError(f"Backup van {kind} wordt niet ondersteund.")
    return kind


def _pg_url(url: URL) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is niet geïnstalleerd.")
    return path


def _copy_database(url: URL, target: Path) -> None:
    if database_kind(url) == "sqlite":
        source, dest = sqlite3.connect(url.database), sqlite3.connect(target)
        try:
            with dest:
                source.backup(dest)  # SQLite's online backup API: consistent while others write
        finally:
            dest.close()
            source.close()
    else:
        command = [_tool("pg_dump"), "--format=custom", "--file", str(target), _pg_url(url)]
        subprocess.run(command, check=True)


def _digest(path: Path) -> tuple[int, str]:
    sha, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            sha.update(chunk)
            size += len(chunk)
    return size, sha.hexdigest()


class _HashingReader:
    """Reads a file for the archive and checks it is still the file the manifest describes."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle, self.sha = handle, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.sha.update(data)
        return data


def write_backup(url: URL, attachment_dir: Path, target: Path) -> Summary:
    """Write one archive with the database and every evidence file to `target`."""
    kind = database_kind(url)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".backup-") as work:
        db_copy = Path(work) / "database"
        _copy_database(url, db_copy)
        sources: dict[str, Path] = {DATABASE_FILES[kind]: db_copy}
        if attachment_dir.is_dir():
            for path in sorted(attachment_dir.iterdir()):
                name = f"attachments/{path.name}"
                if path.is_file() and not path.is_symlink() and ATTACHMENT_NAME.match(name):
                    sources[name] = path
        files = []
        for name, path in sources.items():
            size, sha256 = _digest(path)
            files.append({"path": name, "size": size, "sha256": sha256})
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": clock.utcnow().isoformat(timespec="seconds") + "Z",
            "database": kind,
            "files": files,
        }
        partial = target.with_name(target.name + ".part")
        try:
            with tarfile.open(partial, "w:gz") as archive:
                _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
                for entry in files:
                    _add_file(archive, entry, sources[entry["path"]])
            partial.chmod(0o600)  # contact details and journals: for the owner's eyes only
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return Summary(target, kind, len(files) - 1, target.stat().st_size)


def _member(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = size, 0o600, int(clock.timestamp())
    return info


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    archive.addfile(_member(name, len(data)), io.BytesIO(data))


def _add_file(archive: tarfile.TarFile, entry: dict[str, Any], path: Path) -> None:
    with open(path, "rb") as handle:
        reader = _HashingReader(handle)
        archive.addfile(_member(entry["path"], entry["size"]), reader)  # type: ignore[arg-type]
    if reader.sha.hexdigest() != entry["sha256"]:
        raise BackupError(f"{path} veranderde tijdens de backup; probeer het opnieuw.")


# --- restore ------------------------------------------------------------------------------------


def _refuse_foreign(source: Path, why: str) -> BackupError:
    return BackupError(f"{source} is geen omtracker-backup: {why}")


def _read_manifest(source: Path, archive: tarfile.TarFile) -> dict[str, Any]:
    """The manifest, which must be the archive's first member."""
    first = archive.next()
    if first is None or first.name != MANIFEST or not first.isfile() or first.size > 2**24:
        raise _refuse_foreign(source, f"{MANIFEST} ontbreekt.")
    handle = archive.extractfile(first)
    try:
        manifest = json.loads(handle.read()) if handle else None
    except (ValueError, UnicodeDecodeError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse_foreign(source, f"{MANIFEST} is niet van omtracker.")
    if manifest.get("version") != VERSION:
        raise BackupError(f"{source}: backupversie {manifest.get('version')!r} ken ik niet.")
    files = manifest.get("files")
    kind = manifest.get("database")
    if kind not in DATABASE_FILES or not isinstance(files, list):
        raise _refuse_foreign(source, "het manifest is onvolledig.")
    for entry in files:
        ok = (
            isinstance(entry, dict)
            and isinstance(entry.get("path"), str)
            and isinstance(entry.get("size"), int)
            and isinstance(entry.get("sha256"), str)
            and (entry["path"] == DATABASE_FILES[kind] or ATTACHMENT_NAME.match(entry["path"]))
        )
        if not ok:
            raise _refuse_foreign(source, f"onverwacht bestand in het manifest: {entry!r:.80}")
    paths = [entry["path"] for entry in files]
    if len(set(paths)) != len(paths) or DATABASE_FILES[kind] not in paths:
        raise _refuse_foreign(source, "het manifest is onvolledig.")
    return manifest


def _unpack_checked(source: Path, staging: Path) -> dict[str, Any]:
    """Unpack into `staging`, checking every file against the manifest; raise on any doubt."""
    if not tarfile.is_tarfile(source):
        raise _refuse_foreign(source, "geen .tar.gz-archief.")
    try:
        with tarfile.open(source, "r:gz") as archive:
            manifest = _read_manifest(source, archive)
            expected = {entry["path"]: entry for entry in manifest["files"]}
            seen: set[str] = set()
            for member in archive:
                if member.offset == 0:
                    continue  # the manifest, read above
                entry = expected.get(member.name)
                if entry is None or member.name in seen or not member.isfile():
                    raise _refuse_foreign(source, f"{member.name} staat niet in het manifest.")
                seen.add(member.name)
                _unpack_one(source, archive, member, entry, staging / member.name)
    except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
        raise BackupError(f"{source} is beschadigd: {exc}") from exc
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(f"{source} is onvolledig: {', '.join(missing[:5])} ontbreekt.")
    return manifest


def _unpack_one(
    source: Path,
    archive: tarfile.TarFile,
    member: tarfile.TarInfo,
    entry: dict[str, Any],
    target: Path,
) -> None:
    if member.size != entry["size"]:
        raise BackupError(f"{source}: {member.name} heeft een andere grootte dan het manifest.")
    handle = archive.extractfile(member)
    assert handle is not None  # a regular file
    target.parent.mkdir(parents=True, exist_ok=True)
    sha = hashlib.sha256()
    with open(target, "xb") as out:
        while chunk := handle.read(CHUNK):
            sha.update(chunk)
            out.write(chunk)
    if sha.hexdigest() != entry["sha256"]:
        raise BackupError(
            f"{source}: de controlesom van {member.name} klopt niet; er is niets hersteld."
        )


def _check_sqlite(path: Path) -> None:
    try:
        with sqlite3.connect(path) as check:
            result = check.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        result = str(exc)
    if result != "ok":
        raise BackupError(f"De database in de backup is geen geldige SQLite-database: {result}")


def _restore_database(url: URL, staged: Path) -> None:
    if database_kind(url) == "sqlite":
        src, dest = sqlite3.connect(staged), sqlite3.connect(url.database)
        try:
            with dest:
                src.backup(dest)  # one transaction under SQLite's locks: all pages or none
        finally:
            dest.close()
            src.close()
    else:
        command = [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner"]
        command += ["--single-transaction", "--exit-on-error", "--dbname", _pg_url(url)]
        subprocess.run([*command, str(staged)], check=True)


@contextmanager
def _swapped_folder(live: Path, replacement: Path) -> Iterator[None]:
    """Put `replacement` where `live` is; put the old one back if the block fails."""
    stamp = clock.local_now().strftime("%Y%m%d-%H%M%S")
    previous = live.with_name(f".{live.name}.before-restore-{stamp}")
    had_live = live.exists()
    if had_live:
        os.replace(live, previous)
    try:
        os.replace(replacement, live)
    except OSError:
        if had_live:
            os.replace(previous, live)
        raise
    try:
        yield
    except BaseException:
        shutil.rmtree(live, ignore_errors=True)
        if had_live:
            os.replace(previous, live)
        raise
    if had_live:
        shutil.rmtree(previous, ignore_errors=True)


def restore_backup(url: URL, attachment_dir: Path, source: Path) -> Summary:
    """Check the archive completely, then put back the database and the evidence files."""
    kind = database_kind(url)
    attachment_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=attachment_dir.parent, prefix=".restore-"))
    try:
        manifest = _unpack_checked(source, staging)
        if manifest["database"] != kind:
            raise BackupError(
                f"{source} is een backup van een {manifest['database']}-database; "
                f"deze omtracker gebruikt {kind}."
            )
        staged_db = staging / DATABASE_FILES[kind]
        if kind == "sqlite":
            _check_sqlite(staged_db)
        (staging / "attachments").mkdir(exist_ok=True)
        with _swapped_folder(attachment_dir, staging / "attachments"):
            try:
                _restore_database(url, staged_db)
            except (sqlite3.Error, subprocess.CalledProcessError) as exc:
                raise BackupError(f"De database kon niet worden hersteld: {exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Summary(source, kind, len(manifest["files"]) - 1, source.stat().st_size)
