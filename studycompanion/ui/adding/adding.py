"""Adding clips from the UI: pasted or dropped links and files, TikTok exports and link lists, the demo clip.

Parsing the text happens on the UI thread (it is pure and quick); every library write (creating queued clips,
copying files, reading an export) runs on the worker, and the pipeline then downloads and transcribes in the
background. `added(AddResult)` fires on the UI thread so the views can show the new clips at once.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData, QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QWidget

from studycompanion.core.capture.import_model import ExportCounts, ImportChoice, ParsedExport
from studycompanion.core.capture.links import LinkRef, UnsupportedLink, normalise
from studycompanion.core.errors import UserError
from studycompanion.core.library.demo import DemoClip
from studycompanion.core.types import JobState, JobStep, VideoStatus
from studycompanion.services import Services
from studycompanion.ui.common.worker import Failure, Worker

log = logging.getLogger(__name__)

MEDIA_SUFFIXES = frozenset({".mp4", ".m4v", ".mov", ".webm", ".mkv", ".avi", ".mp3", ".m4a", ".wav", ".ogg", ".opus",
                            ".flac", ".aac"})
IMPORT_SUFFIXES = frozenset({".json", ".zip", ".txt", ".csv"})


@dataclass
class Parsed:
    """What a pasted or dropped text holds."""

    links: list[LinkRef] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    imports: list[Path] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.links or self.files or self.imports)


@dataclass
class AddResult:
    what: str  # "links" / "files" / "import" / "demo" / "watch"
    ids: list[int] = field(default_factory=list)  # new clips
    existing: list[int] = field(default_factory=list)  # already in the library
    errors: list[str] = field(default_factory=list)  # one readable line each
    skipped: int = 0  # import entries not added (invalid, duplicates)
    skipped_posts: int = 0  # an export's own posts: never imported as clips
    not_chosen: int = 0  # the list the student did not choose (likes, or favourites)
    not_chosen_kind: str = ""  # "likes" / "favourites"

    def summary(self) -> str:
        translate = QCoreApplication.translate
        parts = []
        if self.ids:
            n = len(self.ids)
            text = translate("AddResult", "Added {n} clip") if n == 1 else translate("AddResult", "Added {n} clips")
            parts.append(text.format(n=n))
        if self.existing:
            parts.append(translate("AddResult", "{n} already in the library").format(n=len(self.existing)))
        if self.skipped:
            parts.append(translate("AddResult", "{n} skipped").format(n=self.skipped))
        if self.skipped_posts:
            text = (translate("AddResult", "{n} of your own post skipped (posts are never imported)")
                    if self.skipped_posts == 1 else
                    translate("AddResult", "{n} of your own posts skipped (posts are never imported)"))
            parts.append(text.format(n=self.skipped_posts))
        if self.not_chosen:
            one = self.not_chosen == 1
            if self.not_chosen_kind == "likes":
                text = (translate("AddResult", "{n} like not imported") if one else
                        translate("AddResult", "{n} likes not imported"))
            else:
                text = (translate("AddResult", "{n} favourite not imported") if one else
                        translate("AddResult", "{n} favourites not imported"))
            parts.append(text.format(n=self.not_chosen))
        if self.errors:
            parts.append(translate("AddResult", "{n} could not be added").format(n=len(self.errors)))
        return "; ".join(parts) or translate("AddResult", "Nothing was added")


def classify_path(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in MEDIA_SUFFIXES:
        return "file"
    if suffix in IMPORT_SUFFIXES:
        return "import"
    return None


def parse_text(text: str) -> Parsed:
    """Links (one or more, any separators), local file paths and file:// URLs in a pasted text."""
    out = Parsed()
    seen: set[tuple[str, str]] = set()
    for token in text.replace(",", " ").split():
        token = token.strip().strip("<>\"'")
        if not token:
            continue
        if token.startswith("file://"):
            from urllib.parse import unquote, urlsplit

            token = unquote(urlsplit(token).path)
        path = Path(token).expanduser()
        try:
            is_file = len(token) < 1024 and path.is_file()
        except OSError:
            is_file = False
        if is_file:
            kind = classify_path(path)
            if kind == "import":
                out.imports.append(path)
            else:
                out.files.append(path)  # the library says so readably if it is not media
            continue
        try:
            ref = normalise(token)
        except UnsupportedLink:
            out.invalid.append(token)
            continue
        if ref.key not in seen:
            seen.add(ref.key)
            out.links.append(ref)
    return out


def clipboard_links() -> list[LinkRef]:
    """The links on the clipboard right now (for the Add button's suggestion)."""
    clipboard = QGuiApplication.clipboard()
    text = clipboard.text() if clipboard is not None else ""
    return parse_text(text[:20000]).links if text else []


class AddController(QObject):
    added = Signal(object)  # AddResult
    failed = Signal(object)  # Failure
    busy = Signal(str)  # "Adding 3 links…" while the worker writes
    progress = Signal(int, int)  # an import's links queued so far, links in all

    def __init__(self, services: Services, worker: Worker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.worker = worker
        self.choice_dialog: QDialog | None = None  # the import choice while it is open

    def _run(self, message: str, fn: object) -> None:
        self.busy.emit(message)
        self.worker.run(fn, self._done, self._failed)  # type: ignore[arg-type]

    def _done(self, result: AddResult) -> None:
        self.added.emit(result)

    def _failed(self, failure: Failure) -> None:
        self.failed.emit(failure)

    # ---- entry points -----------------------------------------------------------------------------------

    def add_text(self, text: str) -> Parsed:
        """Add whatever the text holds; returns what was recognised (empty: nothing usable, say so)."""
        parsed = parse_text(text)
        if parsed.links:
            self.add_links(parsed.links)
        if parsed.files:
            self.add_files(parsed.files)
        for path in parsed.imports:
            self.import_file(path)
        return parsed

    def handle_mime(self, mime: QMimeData) -> bool:
        """A drop or a paste: local files (media or import files), web links, or text with links."""
        links: list[LinkRef] = []
        files: list[Path] = []
        imports: list[Path] = []
        if mime.hasUrls():
            for url in mime.urls():
                if url.isLocalFile():
                    path = Path(url.toLocalFile())
                    if path.is_dir():
                        files.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in MEDIA_SUFFIXES))
                    elif classify_path(path) == "import":
                        imports.append(path)
                    else:
                        files.append(path)
                else:
                    try:
                        links.append(normalise(url.toString()))
                    except UnsupportedLink:
                        continue
        if not (links or files or imports) and mime.hasText():
            return not self.add_text(mime.text()).empty
        if links:
            self.add_links(links)
        if files:
            self.add_files(files)
        for path in imports:
            self.import_file(path)
        return bool(links or files or imports)

    def add_arguments(self, args: Sequence[str]) -> None:
        """What a second start, or `studycompanion gui FILE_OR_LINK…`, was given: files, folders, exports and links,
        one per argument (a path may hold spaces). Sorted on the worker (each is a stat), then added."""
        args = [a for a in args if a and not a.startswith("-")]
        if not args:
            return

        def sort() -> Parsed:
            out = Parsed()
            for arg in args:
                path = Path(arg).expanduser()
                if "://" not in arg and path.is_dir():
                    out.files.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in MEDIA_SUFFIXES))
                elif "://" not in arg and path.is_file():
                    (out.imports if classify_path(path) == "import" else out.files).append(path)
                else:
                    try:
                        out.links.append(normalise(arg))
                    except UnsupportedLink:
                        out.invalid.append(arg)
            return out

        self.worker.run(sort, self._dispatch, self._failed)

    def _dispatch(self, parsed: Parsed) -> None:
        if parsed.links:
            self.add_links(parsed.links)
        if parsed.files:
            self.add_files(parsed.files)
        for path in parsed.imports:
            self.import_file(path)
        if parsed.invalid:
            what = self.tr("{text}: neither a file here nor a link we can download")
            self.added.emit(AddResult("links", errors=[what.format(text=arg) for arg in parsed.invalid]))

    @staticmethod
    def can_accept(mime: QMimeData) -> bool:
        return mime.hasUrls() or mime.hasText()

    # ---- the work (on the worker) -------------------------------------------------------------------------

    def add_links(self, refs: Sequence[LinkRef], tags: Sequence[str] = ()) -> None:
        refs, tags = list(refs), list(tags)
        services = self.services
        busy = self.tr("Adding {n} link…") if len(refs) == 1 else self.tr("Adding {n} links…")
        self._run(busy.format(n=len(refs)), lambda: queue_links(services, refs, tags=tags))

    def add_files(self, paths: Sequence[Path], tags: Sequence[str] = ()) -> None:
        paths, tags = list(paths), list(tags)
        services = self.services

        def work() -> AddResult:
            result = AddResult("files")
            for path in paths:
                try:
                    outcome = services.pipeline.add_file(path, tags=tags)
                except UserError as exc:
                    result.errors.append(f"{path.name}: {exc.message}")
                    continue
                assert outcome.video is not None and outcome.video.id is not None
                (result.ids if outcome.created else result.existing).append(outcome.video.id)
            return result

        busy = (self.tr("Copying {n} file into the library…") if len(paths) == 1 else
                self.tr("Copying {n} files into the library…"))
        self._run(busy.format(n=len(paths)), work)

    def import_file(self, path: Path, likes: bool = False, choice: ImportChoice | None = None) -> None:
        """Read the export on the worker; when it has favourites and likes (or your own posts) ask which to import
        (ImportChoiceDialog, with the counts), then queue the choice with a progress bar (`progress`)."""
        if likes and choice is None:
            choice = ImportChoice.LIKES

        def read() -> ParsedExport:
            from studycompanion.core.capture.importers import read_export

            return read_export(path)

        self.busy.emit(self.tr("Reading {file}…").format(file=path.name))
        self.worker.run(read, lambda parsed: self._inspected(path, parsed, choice), self._failed)

    def _inspected(self, path: Path, parsed: ParsedExport, choice: ImportChoice | None) -> None:
        counts = parsed.counts()
        if choice is None and counts.posts and not (counts.favourites or counts.likes or counts.links):
            result = AddResult("import", skipped_posts=counts.posts)
            result.errors.append(self.tr("{file} holds only your own posts ({n}); they are never imported as clips. "
                                         "Import the export's favourites or likes instead.").format(
                file=path.name, n=counts.posts))
            self.added.emit(result)
            return
        if choice is None and (counts.has_choice or counts.posts):
            self._ask(path, parsed, counts)
            return
        if choice is None:
            choice = ImportChoice.LIKES if counts.likes and not counts.favourites else ImportChoice.FAVOURITES
        self._queue(path, parsed, choice)

    def _ask(self, path: Path, parsed: ParsedExport, counts: ExportCounts) -> None:
        from studycompanion.ui.adding.import_choice import ImportChoiceDialog

        parent = self.parent()
        dialog = ImportChoiceDialog(counts, parent if isinstance(parent, QWidget) else None)
        self.choice_dialog = dialog

        def finished(code: int) -> None:
            self.choice_dialog = None
            dialog.deleteLater()
            if code == ImportChoiceDialog.DialogCode.Accepted:
                self._queue(path, parsed, dialog.choice())
            else:
                self.busy.emit(self.tr("Import cancelled: nothing was added."))

        dialog.finished.connect(finished)
        dialog.open()  # window-modal, no nested event loop

    def _queue(self, path: Path, parsed: ParsedExport, choice: ImportChoice) -> None:
        services = self.services
        report = self._report_progress
        no_links = {ImportChoice.LIKES: self.tr("{file} has no likes with links we can download."),
                    ImportChoice.BOTH: self.tr("{file} has no favourites or likes with links we can download.")}.get(
            choice, self.tr("{file} has no favourites with links we can download.")).format(file=path.name)

        def work() -> AddResult:
            from studycompanion.core.capture.queueing import queue_batch

            batch = parsed.select(choice)
            queued = queue_batch(batch, services.library, services.pipeline, progress=report)
            result = AddResult("import", ids=list(queued.new), existing=list(queued.existing))
            result.skipped = len(queued.invalid) + queued.duplicates
            result.skipped_posts = queued.skipped_posts
            if queued.skipped_likes:
                result.not_chosen, result.not_chosen_kind = queued.skipped_likes, "likes"
            elif queued.skipped_favourites:
                result.not_chosen, result.not_chosen_kind = queued.skipped_favourites, "favourites"
            if not batch.entries:
                result.errors.append(no_links)
            return result

        busy = {ImportChoice.LIKES: self.tr("Queueing the likes of {file}…"),
                ImportChoice.BOTH: self.tr("Queueing the favourites and likes of {file}…")}.get(
            choice, self.tr("Queueing the favourites of {file}…"))
        self._run(busy.format(file=path.name), work)

    def _report_progress(self, done: int, total: int) -> None:
        self.progress.emit(done, total)  # from the worker thread: queued to the window's progress bar

    def add_demo(self, demo: DemoClip) -> None:
        services = self.services

        def work() -> AddResult:
            # the title and caption go in with the clip: the transcription queued with it uses them in its prompt
            outcome = services.pipeline.add_file(demo.media, tags=demo.tags, metadata=demo.metadata())
            assert outcome.video is not None and outcome.video.id is not None
            result = AddResult("demo")
            (result.ids if outcome.created else result.existing).append(outcome.video.id)
            return result

        self._run(self.tr("Adding the demo clip…"), work)


def queue_links(services: Services, refs: Sequence[LinkRef], *, tags: Sequence[str] = ()) -> AddResult:
    """Create a queued clip and its capture job per link (worker thread). A failed clip is retried instead."""
    result = AddResult("links")
    lib, pipeline = services.library, services.pipeline
    for ref in refs:
        try:
            video, created = lib.create_queued(ref.platform, ref.platform_id, ref.url, tags=tags)
            assert video.id is not None
            if created:
                pipeline.queue_capture(video)
                result.ids.append(video.id)
                continue
            result.existing.append(video.id)
            if video.status == VideoStatus.FAILED:  # a second paste of a dead link tries again
                failed = services.jobs.list_jobs([JobState.FAILED, JobState.CANCELLED], video_id=video.id)
                capture = [j for j in failed if j.step == JobStep.CAPTURE]
                if capture and capture[0].id is not None:
                    pipeline.retry(capture[0].id)
                else:
                    pipeline.queue_capture(video)
            if tags:
                lib.tags.tag(video.id, tags)
        except UserError as exc:
            result.errors.append(f"{ref.url}: {exc.message}")
    return result
