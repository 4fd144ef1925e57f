"""report.pdf: WeasyPrint's rendering of the report's HTML, on every core for a big drill.

WeasyPrint lays out and draws a document in one thread, and a big drill's report
(50 teams × 6 tasks: some 270 pages) takes it tens of seconds. Most of it is review
sheets, and each sheet starts on a page of its own, so the report can be cut into
parts of whole sections that lay out exactly as they would in one piece. Each part
is rendered by its own process; the parent renders the first (the cover, timeline
and results, and the first sheets) itself.

Page numbers ("12 / 267") count across parts, which no part knows alone. So parts
are rendered without them; each process says how many pages its part has as soon as
it is laid out, and once all have, each draws its part's numbers: pages that show
only "N / total", drawn by WeasyPrint from the report's own @page rules, so they look
just as in a one-piece rendering. Joining the parts with pypdf lays each number over
its page, and rebuilds one outline (the PDF's bookmarks) and the metadata.

Anything going wrong on the way (a process that cannot start or fails, pypdf
missing) falls back to rendering the whole HTML in this process.

WeasyPrint builds millions of small objects; Python's cycle collector, triggered by
their number, scans them again and again for nothing, so it is paused while WeasyPrint
works (about a fifth of the time), and from start to end of a parallel rendering, since
each pause's end would set off a full scan of the documents still held.
"""

from __future__ import annotations

import gc
import io
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# Environment variable: how many processes may render the PDF (1 = this one only).
WORKERS_VARIABLE = "DRILL_PDF_WORKERS"
MAX_WORKERS = 4
# Below this many review sheets the PDF is small enough that starting processes costs
# more than it saves.
MIN_SHEETS = 8


@contextmanager
def paused_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def write_whole(html: str, path: Path, laid_out: Callable[[], None] | None = None) -> None:
    """The report in one piece, in this process; `laid_out()` is called between layout and drawing."""
    from weasyprint import HTML

    with paused_gc():
        document = HTML(string=html).render()
        if laid_out is not None:
            laid_out()
        document.write_pdf(path)


def workers_for(sheets: int) -> int:
    """How many processes should render a report with this many review sheets.

    DRILL_PDF_WORKERS decides if set (1 keeps everything in this process); otherwise one per
    core this process may use, at most MAX_WORKERS, and 1 for a small report. Never more
    than there are sheets, and 1 without pypdf, which joins the parts."""
    try:
        import pypdf  # noqa: F401
    except ImportError:
        return 1
    wanted = os.environ.get(WORKERS_VARIABLE, "").strip()
    if wanted.isdigit():
        return max(1, min(int(wanted), sheets))
    if sheets < MIN_SHEETS:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, MAX_WORKERS, sheets))


def split(weights: list[float], front: float, parts: int) -> list[tuple[int, int]]:
    """Cut the sheets (in order, with these weights) into `parts` runs so that each part,
    the first also carrying the front matter (`front`), weighs about the same.
    Returns [start, end) sheet ranges; the first may be empty, the others never are."""
    total = front + sum(weights)
    bounds, start, carried = [], 0, front
    for part in range(parts - 1):
        target = total * (part + 1) / parts
        end = start
        # Take sheets while that brings the running weight closer to this part's target,
        # and leave at least one sheet for each part still to come.
        while end < len(weights) - (parts - 1 - part) and abs(carried + weights[end] - target) <= abs(carried - target):
            carried += weights[end]
            end += 1
        if part > 0 and end == start:   # every part after the first has at least one sheet
            carried += weights[end]
            end += 1
        bounds.append((start, end))
        start = end
    bounds.append((start, len(weights)))
    return bounds


def write_parts(parts: list[str], numbers: Callable[[int, int, int], str], path: Path,
                laid_out: Callable[[], None] | None = None) -> bool:
    """Render each part's HTML (the first here, the others in processes of their own), number
    the pages across parts with `numbers(first, count, total)` (the HTML of `count` pages that
    show only their numbers, counting from `first`), and join them into `path`.

    Returns False if it could not; the caller then renders the whole into `path`."""
    context = _context()
    workers: list[tuple[Any, Any]] = []
    try:
        with paused_gc():
            for html in parts[1:]:
                ours, theirs = context.Pipe()
                process = context.Process(target=_render_part, args=(html, theirs), daemon=True)
                process.start()
                theirs.close()
                workers.append((process, ours))
            mine = _Part(parts[0])
            counts = [mine.pages] + [_receive(conn, "pages") for _, conn in workers]
            if laid_out is not None:
                laid_out()
            total = sum(counts)
            starts = [1 + sum(counts[:n]) for n in range(len(counts))]
            for (_, conn), start, count in zip(workers, starts[1:], counts[1:]):
                conn.send(numbers(start, count, total))
            done = [mine.numbered(numbers(1, counts[0], total))]
            del mine
            done += [_receive(conn, "pdf") for _, conn in workers]
            _join(done, path)
        return True
    except Exception:  # noqa: BLE001 - any failure here means: render the whole instead
        return False
    finally:
        for process, conn in workers:
            conn.close()
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
                process.join()


class _Part:
    """One part, laid out and drawn as soon as it is made; numbered once the totals are known.

    Drawing does not wait for the page numbers, so a part heavy to draw (the charts) and one
    heavy to lay out (many sheets) take their time side by side, and only the numbering waits."""

    def __init__(self, html: str):
        from weasyprint import HTML

        document = HTML(string=html).render()
        self.pages = len(document.pages)
        # The headings' outline, in PDF coordinates (points, from the page's bottom left).
        self.outline = document.make_bookmark_tree(0.75, transform_pages=True)
        self._pdf = document.write_pdf()

    def numbered(self, numbers_html: str) -> tuple[bytes, bytes, int, list]:
        """The part's PDF, the PDF of its page numbers (one page each), its page count and outline."""
        from weasyprint import HTML

        return self._pdf, HTML(string=numbers_html).write_pdf(), self.pages, self.outline


def _context() -> Any:
    """fork where it is safe (Linux, one thread: nothing to re-import, WeasyPrint already
    loaded), else spawn (macOS, Windows, or a threaded caller such as the terminal UI)."""
    if sys.platform == "linux" and threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _render_part(html: str, conn: Any) -> None:
    """A worker: lay the part out and say how many pages it has, draw it, wait for the HTML
    of its page numbers, then send the part's PDF, its numbers' PDF, page count and outline."""
    try:
        with paused_gc():
            part = _Part(html)
            conn.send(("pages", part.pages))
            numbers = conn.recv()
            conn.send(("pdf", part.numbered(numbers)))
    except EOFError:
        pass   # the parent gave up
    except BaseException as error:  # noqa: BLE001 - reported to the parent, which falls back
        try:
            conn.send(("error", repr(error)))
        except OSError:
            pass
    finally:
        conn.close()


def _receive(conn: Any, kind: str) -> Any:
    """The worker's next message, which must be of this kind."""
    if not conn.poll(600):
        raise TimeoutError(f"no {kind} from a PDF worker in 10 minutes")
    got, value = conn.recv()
    if got != kind:
        raise RuntimeError(f"a PDF worker failed: {value}")
    return value


def _join(parts: list[tuple[bytes, bytes, int, list]], path: Path) -> None:
    """One PDF of the parts in order: their pages, each with its number laid over it, the first
    part's metadata and language, and one outline, the later parts' headings (review sheets)
    under the first part's top heading (the scenario title), as in a one-piece rendering."""
    import pypdf
    from pypdf.generic import Fit, NameObject

    readers = [pypdf.PdfReader(io.BytesIO(content)) for content, _, _, _ in parts]
    numbers = [page for _, data, _, _ in parts for page in pypdf.PdfReader(io.BytesIO(data)).pages]
    writer = pypdf.PdfWriter()
    for reader in readers:
        writer.append(reader, import_outline=False)
    if len(numbers) != len(writer.pages):
        raise RuntimeError(f"{len(numbers)} page numbers for {len(writer.pages)} pages")
    _stamp(writer, numbers)
    if readers[0].metadata:
        writer.add_metadata({key: value for key, value in readers[0].metadata.items()})
    root = readers[0].trailer["/Root"]
    if "/Lang" in root:
        writer.root_object[NameObject("/Lang")] = root["/Lang"]

    def add(tree: list, offset: int, parent: Any) -> None:
        for title, (page, x, y), children, state in tree:
            item = writer.add_outline_item(title=title, page_number=offset + page, parent=parent,
                                           fit=Fit.xyz(x, y, 0), is_open=state != "closed")
            add(children, offset, item)

    offset, top = 0, None
    for n, (_, _, count, outline) in enumerate(parts):
        if n == 0:
            add(outline, 0, None)
            if outline:
                top = writer.get_outline_root()["/First"]
        else:
            add(outline, offset, top)
        offset += count
    with open(path, "wb") as file:
        writer.write(file)


def _stamp(writer: Any, numbers: list) -> None:
    """Draw each numbers page over the page of the same index, as a form XObject.

    Cheaper than merging page contents (nothing is parsed or renamed): the numbers page
    keeps its own content and resources, and the page's content is wrapped in q/Q (WeasyPrint
    leaves its coordinate flip in force at the end) and followed by one `Do`."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    def stream(data: bytes, **entries: Any) -> Any:
        obj = DecodedStreamObject()
        obj.set_data(data)
        if len(data) > 64:
            obj = obj.flate_encode()
        obj.update({NameObject(key): value for key, value in entries.items()})
        return writer._add_object(obj)

    save = stream(b"q\n")
    for index, (page, number) in enumerate(zip(writer.pages, numbers)):
        resources = number.raw_get("/Resources").clone(writer)   # cloned once, shared by all numbers pages
        form = stream(number.get_contents().get_data(), **{
            "/Type": NameObject("/XObject"), "/Subtype": NameObject("/Form"),
            "/BBox": ArrayObject(number.mediabox), "/Resources": resources,
        })
        name = NameObject(f"/DrillPageNumber{index}")
        page_resources = page["/Resources"]
        if "/XObject" not in page_resources:
            page_resources[NameObject("/XObject")] = DictionaryObject()
        page_resources["/XObject"].get_object()[name] = form
        contents = page.raw_get("/Contents")
        before = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents]
        page[NameObject("/Contents")] = ArrayObject([save, *before, stream(b"Q\nq " + name.encode() + b" Do Q\n")])
