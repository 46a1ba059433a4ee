"""Loads the shipped content (routines, Learn articles) and the user's own routines.

Shipped content is part of the program: a broken shipped file raises, and a test loads every
one. A user's routine file is theirs: a broken one is listed as invalid, never raised.
No Textual here; the UI imports this module, not the other way round.
"""

from __future__ import annotations

import importlib.resources
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from crampcoach.core import vocab
from crampcoach.core.routines import (
    KINDS,
    SOURCE_RE,
    Routine,
    RoutineError,
    first_aid_for,
    routine_from_mapping,
)

# A routine file bigger than this is not a routine; refuse it instead of parsing it.
USER_FILE_MAX_BYTES = 256 * 1024

# Named clinical references an article may cite besides the seed documents.
CLINICAL_ANCHORS: tuple[str, ...] = (
    "NHS",
    "NHS inform",
    "Mayo Clinic",
    "NICE CKS",
    "Hallegraeff 2012",
    "Coppin 2005",
)

# Reading order on the Learn screen; articles not listed follow alphabetically.
ARTICLE_ORDER: tuple[str, ...] = (
    "what-is-a-cramp",
    "first-aid-basics",
    "when-to-see-a-doctor",
    "causes-and-risk-groups",
    "prevention-habits",
    "stretching-evidence",
    "foods",
    "medicines-and-cramps",
    "unproven-remedies",
)

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Markdown links whose target is a bare slug, e.g. [see a doctor](when-to-see-a-doctor).
ARTICLE_LINK_RE = re.compile(r"\[[^\]]+\]\(([^)\s]+)\)")


class ContentError(ValueError):
    """A shipped content file is broken: a bug in the release, not the user's doing."""


@dataclass(frozen=True)
class InvalidRoutine:
    path: Path
    message: str


@dataclass(frozen=True)
class RoutineCatalog:
    routines: tuple[Routine, ...]
    invalid: tuple[InvalidRoutine, ...] = ()
    user_ids: frozenset[str] = field(default_factory=frozenset)

    def get(self, routine_id: str) -> Routine | None:
        for r in self.routines:
            if r.id == routine_id:
                return r
        return None

    def of_kind(self, kind: str) -> tuple[Routine, ...]:
        return tuple(r for r in self.routines if r.kind == kind)

    def first_aid_for(self, location: str | None) -> Routine | None:
        return first_aid_for(self.routines, location)

    def is_user(self, routine_id: str) -> bool:
        return routine_id in self.user_ids


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    body_markdown: str  # without the title, Sources and Related lines
    sources: tuple[str, ...]
    related: tuple[str, ...]


def content_dir() -> Path:
    """The shipped content folder: inside the wheel, else the source checkout's ``content/``."""
    packaged = importlib.resources.files("crampcoach") / "_content"
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "content"


# ---------------------------------------------------------------------- routines


def load_routine_file(path: Path, origin: str | None = None) -> Routine:
    """Parse and validate one routine file; raises RoutineError naming the file and key."""
    origin = origin or path.name
    try:
        size = path.stat().st_size
        if size > USER_FILE_MAX_BYTES:
            raise RoutineError(origin, "(file)", f"is {size} bytes; a routine file is far smaller")
        raw = path.read_bytes()
    except OSError as exc:
        raise RoutineError(origin, "(file)", f"cannot be read: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RoutineError(origin, "(file)", "is not UTF-8 text") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RoutineError(origin, "(file)", f"is not valid TOML: {exc}") from exc
    return routine_from_mapping(data, origin)


def _sort_key(r: Routine) -> tuple[int, int, str]:
    kind = KINDS.index(r.kind)
    loc = vocab.LOCATIONS.index(r.locations[0]) if r.locations else len(vocab.LOCATIONS)
    return (kind, loc, r.id)


def load_shipped_routines() -> tuple[Routine, ...]:
    """Every shipped routine, ordered by kind, then body part. Raises on any broken file."""
    folder = content_dir() / "routines"
    routines: list[Routine] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.toml")):
        routine = load_routine_file(path)
        if routine.id != path.stem:
            raise RoutineError(path.name, "id", f"must match the file name {path.stem!r}")
        if routine.id in seen:
            raise RoutineError(path.name, "id", f"{routine.id!r} is used twice")
        seen.add(routine.id)
        routines.append(routine)
    if not routines:
        raise ContentError(f"no routines found in {folder}")
    return tuple(sorted(routines, key=_sort_key))


def _refuse_controls(routine: Routine, origin: str) -> None:
    """A user's routine passes the journal's text rule: no control characters other than
    newline and tab in any text it shows (they could drive the terminal)."""
    from crampcoach.core.validate import first_problem_text

    fields = [("title", routine.title), ("summary", routine.summary), ("safety", routine.safety)]
    for n, step in enumerate(routine.steps, 1):
        fields += [(f"steps[{n}].title", step.title), (f"steps[{n}].text", step.text)]
        if step.caution:
            fields.append((f"steps[{n}].caution", step.caution))
    problem = first_problem_text(fields)
    if problem is not None:
        raise RoutineError(origin, problem.field, problem.message)


def load_routines(user_dir: Path | None = None) -> RoutineCatalog:
    """Shipped routines plus the valid ones in ``user_dir`` (the folder holding ``*.toml``,
    normally ``<data dir>/routines``). Broken user files are listed in ``invalid``."""
    shipped = load_shipped_routines()
    taken = {r.id for r in shipped}
    user: list[Routine] = []
    invalid: list[InvalidRoutine] = []
    if user_dir is not None and user_dir.is_dir():
        for path in sorted(user_dir.glob("*.toml")):
            try:
                routine = load_routine_file(path)
                _refuse_controls(routine, path.name)
            except RoutineError as exc:
                invalid.append(InvalidRoutine(path, str(exc)))
                continue
            if routine.id in taken:
                invalid.append(
                    InvalidRoutine(
                        path,
                        f"{path.name}: id: {routine.id!r} is already taken; choose another id",
                    )
                )
                continue
            taken.add(routine.id)
            user.append(routine)
    return RoutineCatalog(
        routines=shipped + tuple(sorted(user, key=_sort_key)),
        invalid=tuple(invalid),
        user_ids=frozenset(r.id for r in user),
    )


# ---------------------------------------------------------------------- articles


def parse_article(slug: str, text: str) -> Article:
    """Parse one Learn article; raises ContentError when its shape is wrong."""
    if not SLUG_RE.match(slug):
        raise ContentError(f"{slug}.md: the file name must be a lower-case slug")
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or not lines[0].startswith("# ") or not lines[0][2:].strip():
        raise ContentError(f"{slug}.md: the first line must be '# Title'")
    title = lines[0][2:].strip()
    sources: tuple[str, ...] | None = None
    related: tuple[str, ...] = ()
    body: list[str] = []
    for line in lines[1:]:
        if line.startswith("Sources:"):
            sources = _split_list(line[len("Sources:") :])
        elif line.startswith("Related:"):
            related = _split_list(line[len("Related:") :])
        else:
            body.append(line)
    if not sources:
        raise ContentError(f"{slug}.md: needs a 'Sources:' line")
    for src in sources:
        if not SOURCE_RE.match(src) and src not in CLINICAL_ANCHORS:
            raise ContentError(f"{slug}.md: unknown source {src!r}")
    body_markdown = "\n".join(body).strip() + "\n"
    if not body_markdown.strip():
        raise ContentError(f"{slug}.md: has no text")
    return Article(slug, title, body_markdown, sources, related)


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def article_links(article: Article) -> tuple[str, ...]:
    """Slugs this article links to in its body, in order."""
    # Web addresses are not article links.
    return tuple(t for t in ARTICLE_LINK_RE.findall(article.body_markdown) if "://" not in t)


def _order_key(a: Article) -> tuple[int, str]:
    if a.slug in ARTICLE_ORDER:
        return (ARTICLE_ORDER.index(a.slug), a.slug)
    return (len(ARTICLE_ORDER), a.slug)


def load_articles() -> tuple[Article, ...]:
    """The Learn articles in reading order. Raises ContentError on a broken shipped article,
    including a Related slug or a link that points nowhere."""
    folder = content_dir() / "learn"
    articles = [
        parse_article(path.stem, path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.md"))
    ]
    _check_references(articles)
    return tuple(sorted(articles, key=_order_key))


def _check_references(articles: Iterable[Article]) -> None:
    articles = list(articles)
    slugs = {a.slug for a in articles}
    for a in articles:
        for target in (*a.related, *article_links(a)):
            if target not in slugs:
                raise ContentError(f"{a.slug}.md: refers to {target!r}, which is not an article")
