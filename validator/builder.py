"""From sections to the typed model: one `Deliberation` per act, sharing the session header."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .assemble import GROUNDS, assemble
from .attendance import ListResult, read_section
from .document import Span
from .french import find_amounts
from .header import detect_body, detect_session, find_counts
from .model import (
    Amount,
    Article,
    Attendance,
    Body,
    BodyKind,
    Considerant,
    Deliberation,
    FileModel,
    Member,
    NameList,
    Organ,
    Reference,
    Session,
    StructureIssue,
    Visa,
)
from .names import display, looks_like_name, split_civility
from .outcome import read_authorisations, read_signatories, read_transmission, read_vote
from .parsing import HEADER_KINDS, LIST_KINDS, ParseFailure, Section, parse_sections
from .view import View

_REF_ID = re.compile(
    r"(?:[A-Z]{1,5}[ _-])?\d{1,4}(?:[ \t]?[/_.-][ \t]?\d{1,6}){1,3}(?:[ \t]?/[ \t]?[A-Z]{2,4})?|[A-Z]{1,5}_\d{2,4}_\d{1,6}|\d{1,6}\b"
)
_ARTICLE_LABEL = re.compile(
    r"(?i:art(?:icle|\.))[ \t\u00a0]*(?P<num>\d{1,3}|premier|unique|[IVX]{1,5}\b)(?P<suffix>[ \t]?(?:er|e|bis|ter)\b)?", re.IGNORECASE
)
_ROMAN = {"I": 1, "V": 5, "X": 10}
_BULLET = re.compile(r"^[ \t\u00a0]*[-–—•·▪●►*\ue000-\uf8ff]")
_SUBJECT = re.compile(
    r"(subvention|participation|cotisation|avance|pr[êe]t|emprunt|garantie|loyer|prix|cession|acquisition|indemnit[ée]"
    r"|redevance|fonds\s+de\s+concours|dotation|aide|contribution|tarif|co[ûu]t|enveloppe)",
    re.IGNORECASE,
)
_PARAGRAPH_GAP = re.compile(r"\n[ \t\u00a0]*\n[ \t\u00a0]*\n")
_COUNT_ONLY = re.compile(r"[\s\u00a0]*\d+[\s\u00a0]*(?:membres?|conseillers?|[ée]lus?)?[\s\u00a0.,;/]*")
_SECRETARY_NAME = re.compile(r":\s*(?P<after>[^\n]+)|^(?P<before>[^\n]+?)\s+(?:a\s+[ée]t[ée]\s+|est\s+)?(?:d[ée]sign|[ée]lu)", re.IGNORECASE)


@dataclass
class _Context:
    view: View
    attendance: Attendance | None = None
    # For each list section (by its start), where its names end: prose after it is not a name.
    list_ends: dict[int, int] = field(default_factory=dict)
    session: Session | None = None
    body: Body | None = None

    def span(self, start: int, end: int) -> Span:
        return self.view.span(start, end)


def build_model(view: View) -> FileModel:
    """Parse the reading view and build the model of every act it holds."""
    try:
        sections = parse_sections(view)
    except ParseFailure as exc:
        where = view.span(exc.offset, exc.offset)
        return FileModel((), (StructureIssue(str(exc), where, fatal=True),))
    groups, order = assemble(sections, view.text)
    ctx = _Context(view)
    deliberations = []
    last_index = len(groups) - 1
    for i, group in enumerate(groups):
        deliberations.append(_deliberation(ctx, group, last=i == last_index))
    issues = [StructureIssue(msg, view.span(pos, view.text.find("\n", pos) % (len(view.text) + 1))) for msg, pos in order]
    recognised = [s for s in sections if s.kind != "paragraph"]
    if not recognised:
        issues.insert(0, StructureIssue(
            "aucun élément de délibération reconnu (présences, visas, articles, vote, signature) : "
            "ce texte ne ressemble pas à une délibération",
            view.span(0, view.text.find("\n") if "\n" in view.text else len(view.text)),
            fatal=True,
        ))
    return FileModel(tuple(d for d in deliberations if d is not None), tuple(issues))


def _deliberation(ctx: _Context, group: list[Section], last: bool) -> Deliberation:
    text = ctx.view.text
    header, rest = _split_header(group)
    zones = [(s.head_start, s.end) for s in _before_matter(group)]
    attendance = _attendance(ctx, group, zones) or ctx.attendance
    ctx.attendance = attendance
    session = detect_session(text, zones, ctx.span)
    if ctx.session is not None and session.date is None and session.president is None:
        session = ctx.session
    ctx.session = session
    body = _body(ctx, header, rest)
    refs = [r for s in group if s.kind == "reference" for r in [_reference(ctx, s)] if r]
    title, title_span = _title(ctx, group, header)
    dispo = [s for s in group if s.kind in ("decide", "article")]
    dispo_start = dispo[0].head_start if dispo else None
    dispo_end = dispo[-1].end if dispo else None
    votes = [s for s in group if s.kind == "vote"]
    if dispo_start is not None and any(v.head_start > dispo_start for v in votes):
        votes = [v for v in votes if v.head_start > dispo_start]
    vote = read_vote(text, votes[-1].head_start, _vote_end(text, votes[-1]), ctx.span) if votes else None
    # Signatures close the act: a role line before the decision is part of its text
    # ("Monsieur le Maire ou son représentant, Président de droit").
    decided = min((s.head_start for s in group if s.kind in ("vote", "decide", "article")), default=None)
    closing = [
        (s.head_start, s.end)
        for s in group
        if (s.kind in ("certification", "signature") or (s.kind == "secretary" and dispo))
        and (decided is None or s.head_start > decided)
    ]
    start, end = group[0].head_start, group[-1].end
    truncated = last and vote is None and not closing and not text.rstrip().endswith((".", "»", ")", "!"))
    return Deliberation(
        span=ctx.span(start, end),
        body=body,
        session=session,
        attendance=attendance,
        references=tuple(refs),
        title=title,
        title_span=title_span,
        visas=tuple(v for s in group if s.kind == "visa" for v in _visas(ctx, s)),
        visa_block=_cover(ctx, [s for s in group if s.kind == "visa"]),
        considerants=tuple(Considerant(_flat(text, s.head_start, s.end), ctx.span(s.head_start, s.end)) for s in group if s.kind == "considerant"),
        decide_span=next((ctx.span(s.head_start, s.head_end) for s in group if s.kind == "decide"), None),
        articles=tuple(_article(ctx, s) for s in group if s.kind == "article"),
        amounts=tuple(_amounts(ctx, start, end, dispo_start, dispo_end)),
        vote=vote,
        signatories=tuple(read_signatories(text, closing, ctx.span)),
        authorisations=tuple(read_authorisations(text, dispo_start, dispo_end, ctx.span)) if dispo_start is not None and dispo_end is not None else (),
        report_spans=tuple(ctx.span(s.head_start, s.end) for s in rest if s.kind in ("paragraph", "report", "reference")),
        transmission=read_transmission(text, [(s.head_start, s.end) for s in group if s.kind in ("publication", "certification")], ctx.span),
        truncated=truncated,
    )


_VOTE_LINE = re.compile(r"^\W*(?:pour|contre|abstention|votants|ne\s+prend|unanimit|suffrages|nuls?|blancs?|[^\n]{0,60}voix)", re.IGNORECASE)


def _vote_end(text: str, s: Section) -> int:
    """A vote section ends where its lines stop stating the vote (names listed under "Pour :" included)."""
    end = s.head_end
    pos = s.head_end + 1
    for para in re.split(r"(\n[ \t]*\n)", text[s.head_end + 1 : s.end]):
        if para.strip() and not para.startswith("\n") and not _VOTE_LINE.match(para.strip()):
            break
        pos_end = pos + len(para)
        if para.strip():
            end = pos_end
        pos = pos_end
    return end


_MATTER = frozenset({"report", "visa", "considerant", "heard", "decide", "article", "vote"})


def _before_matter(group: list[Section]) -> list[Section]:
    """Everything before the act's matter: where the session, its date and its counts are stated."""
    for i, s in enumerate(group):
        if s.kind in _MATTER:
            return group[:i]
    return group


def _split_header(group: list[Section]) -> tuple[list[Section], list[Section]]:
    """The header is what comes before the act's own matter (reference, report, grounds...)."""
    for i, s in enumerate(group):
        if s.kind not in HEADER_KINDS and s.kind not in ("paragraph", "publication", "certification"):
            return group[:i], group[i:]
    return group, []


def _attendance(ctx: _Context, group: list[Section], zones: list[tuple[int, int]]) -> Attendance | None:
    text = ctx.view.text
    lists = [s for s in group if s.kind in LIST_KINDS or s.kind == "secretary"]
    counts = find_counts(text, zones + [(s.head_start, s.end) for s in group if s.kind == "count"], ctx.span)
    if not lists and not counts:
        return None
    read: dict[str, ListResult] = {}
    heads: dict[str, Span] = {}
    secretary: Member | None = None
    text_end = len(text.rstrip())
    for s in lists:
        if s.kind == "secretary":
            secretary = secretary or _secretary(ctx, s)
            continue
        start = _content_start(text, s)
        # Two blank lines end a list: what follows is the next part of the act.
        gap = _PARAGRAPH_GAP.search(text, start, s.end)
        end = gap.start() if gap else s.end
        if _COUNT_ONLY.fullmatch(text, start, end):
            continue  # "Présents : 9", "Pouvoirs : 0": a count, not a list
        result = read_section(text, start, end, s.kind, ctx.span, runs_to_end=end >= text_end)
        ctx.list_ends[s.head_start] = result.stopped_at if result.stopped_at is not None else end
        heads.setdefault(s.kind, ctx.span(s.head_start, s.head_end))
        if s.kind in read:
            read[s.kind].members.extend(result.members)
            read[s.kind].proxies.extend(result.proxies)
            read[s.kind].open_ended |= result.open_ended
        else:
            read[s.kind] = result
    unmarked = [m for r in read.values() for m in r.unmarked]
    if unmarked:
        absent_read = read.setdefault("absent", ListResult())
        absent_read.members.extend(unmarked)
        heads.setdefault("absent", heads.get("present") or ctx.span(lists[0].head_start, lists[0].head_end))
    all_except = bool(read.get("present") and read["present"].all_except)
    if all_except:
        read["absent"] = read.pop("present")
        heads["absent"] = heads.pop("present")
    present = read.get("present")
    absent = read.get("absent")
    represented = read.get("represented")
    proxies = [p for r in read.values() for p in r.proxies]
    span = ctx.span(min(s.head_start for s in lists) if lists else zones[0][0], max(s.end for s in lists) if lists else zones[-1][1])

    def as_list(kind: str, r: ListResult | None) -> NameList | None:
        if r is None or (not r.members and kind != "absent" and not r.proxies):
            return None
        return NameList(heads[kind], tuple(r.members), r.open_ended)

    return Attendance(
        span=span,
        counts=tuple(counts),
        present=as_list("present", present),
        represented=tuple(proxies),
        represented_list=NameList(heads["represented"], tuple(p.giver for p in represented.proxies), represented.open_ended) if represented else None,
        absent=as_list("absent", absent) if absent is not None else None,
        non_voting=tuple(read["nonvoting"].members) if "nonvoting" in read else (),
        secretary=secretary,
        all_present_except=all_except,
    )


def _content_start(text: str, s: Section) -> int:
    """Where the names begin: after the heading's colon, which may close a heading of two lines."""
    head = text[s.head_start : s.head_end]
    colon = head.find(":")
    if 0 <= colon < 250:
        return s.head_start + colon + 1
    nxt = text.find("\n", s.head_end + 1, s.end)
    second = text[s.head_end + 1 : nxt if nxt >= 0 else s.end]
    if second.rstrip().endswith(":") and len(second) < 200:
        return s.head_end + 1 + second.rindex(":") + 1
    return min(s.head_end + 1, s.end)


def _secretary(ctx: _Context, s: Section) -> Member | None:
    text = ctx.view.text
    line = text[s.head_start : s.end]
    m = _SECRETARY_NAME.search(line)
    if not m:
        return None
    group = "after" if m.group("after") else "before"
    raw = m.group(group).strip(" .,;")
    if not looks_like_name(raw):
        return None
    start = s.head_start + m.start(group) + m.group(group).find(raw)
    civility, rest = split_civility(raw)
    return Member(display(rest), ctx.span(start, start + len(raw)), civility=civility)


def _body(ctx: _Context, header: list[Section], rest: list[Section]) -> Body:
    text = ctx.view.text
    header = [s for s in header if s.kind not in LIST_KINDS]  # names in lists are people, not the body
    head_text = "\n".join(text[s.head_start : s.end] for s in header)
    rest_text = "\n".join(text[s.head_start : s.end] for s in rest if s.kind not in GROUNDS)
    if not header and ctx.body is not None:
        return ctx.body  # an act of a procès-verbal: the session header named the body
    base = header[0].head_start if header else 0
    body = detect_body(head_text, rest_text, text, lambda a, b: ctx.span(a, b), base) if header else detect_body("", rest_text, text, ctx.span, 0)
    if ctx.body is not None and (body.organ is Organ.UNKNOWN or body.kind is BodyKind.UNKNOWN):
        body = ctx.body
    ctx.body = body
    return body


def _reference(ctx: _Context, s: Section) -> Reference | None:
    text = ctx.view.text
    head = text[s.head_start : s.head_end]
    paren = re.search(r"\(\s*([^()]+?)\s*\)\s*\.?\s*$", head)
    m = _REF_ID.search(paren.group(1)) if paren else None
    if m and paren:
        start = s.head_start + paren.start(1) + m.start()
    else:
        label = re.search(r"(?i:n[°o]|num[ée]ro)\s*", head)
        m = _REF_ID.search(head, label.end() if label else 0)
        if not m:
            return None
        start = s.head_start + m.start()
    return Reference(" ".join(m.group(0).split()), ctx.span(start, start + len(m.group(0))))


def _title(ctx: _Context, group: list[Section], header: list[Section]) -> tuple[str | None, Span | None]:
    text = ctx.view.text
    for s in group:
        if s.kind == "objet":
            start = s.head_start + text[s.head_start : s.head_end].find(":") + 1
            return _paragraph(ctx, start, s.end)
        if s.kind == "reference" and (found := _reference_title(ctx, s))[0]:
            return found
    # No number line or "Objet": the title is the short paragraph that follows the attendance.
    last_list = max((i for i, s in enumerate(group) if s.kind in LIST_KINDS), default=None)
    after = group[last_list + 1] if last_list is not None and last_list + 1 < len(group) else None
    start = end = None
    if after is not None and after.kind in ("paragraph", "reference"):
        start, end = after.head_start, after.end
    elif last_list is not None and (stop := ctx.list_ends.get(group[last_list].head_start)) is not None:
        # The list section ran on past its names: what follows them is the title.
        start, end = stop, group[last_list].end
    if start is not None and end is not None:
        title, span = _paragraph(ctx, start, end)
        if title and len(title) <= 300 and not title.endswith(":"):
            return title, span
    return None, None


_REF_LABEL = re.compile(r"^\W*(?:(?i:d[ée]lib[ée]ration|d[ée]lib\.?)\s*)?(?:(?i:n[°o]|num[ée]ro)\s*)?")


def _reference_title(ctx: _Context, s: Section) -> tuple[str | None, Span | None]:
    """The title of a numbered act: after its number on the same line, before a bracketed number,
    or on the lines that follow the number."""
    text = ctx.view.text
    head = text[s.head_start : s.head_end]
    paren = re.search(r"\(\s*[^()]+\)\s*\.?\s*$", head)
    if paren and paren.start() > 3:
        return _paragraph(ctx, s.head_start, s.head_start + paren.start())
    label = _REF_LABEL.match(head)
    ident = _REF_ID.search(head, label.end() if label else 0)
    after = ident.end() if ident else (label.end() if label else 0)
    rest = re.match(r"\s*[:.\u2013\u2014-]?\s*", head[after:])
    start = s.head_start + after + (rest.end() if rest else 0)
    if start < s.head_end:
        return _paragraph(ctx, start, s.end)
    # The title on the lines right under the number ("EMP 004-6064/19/BM" / "Attribution d'une
    # subvention..."); after a blank line, what follows is no longer the number's title.
    if s.line_count > 1 and not text[s.head_end + 1 : s.end].startswith(("\n", " \n")):
        return _paragraph(ctx, s.head_end + 1, s.end)
    return None, None


def _paragraph(ctx: _Context, start: int, end: int) -> tuple[str | None, Span | None]:
    """The first paragraph (up to a blank line) of view [start, end)."""
    text = ctx.view.text
    while start < end and text[start].isspace():
        start += 1
    m = re.search(r"\n[ \t\u00a0]*\n", text[start:end])
    stop = start + m.start() if m else end
    flat = _flat(text, start, stop)
    if not flat:
        return None, None
    return flat, ctx.span(start, stop)


def _flat(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())


def _visas(ctx: _Context, s: Section) -> list[Visa]:
    text = ctx.view.text
    items: list[tuple[int, int]] = []
    pos = s.head_start
    head_only = re.fullmatch(r"[\s\W]*V[uU][\s:,]*", text[s.head_start : s.head_end]) is not None
    for i, line in enumerate(text[s.head_start : s.end].split("\n")):
        ls, le = pos, pos + len(line.rstrip())
        pos += len(line) + 1
        if not line.strip() or (i == 0 and head_only):
            continue
        if i == 0 or _BULLET.match(line) or not items:
            items.append((ls, le))
            continue
        prev = text[items[-1][0] : items[-1][1]].rstrip()
        if prev.endswith((";", ".")) and not line.lstrip()[:1].islower():
            break  # prose after the last visa
        items[-1] = (items[-1][0], le)
    return [Visa(_flat(text, a, b), ctx.span(a, b)) for a, b in items]


def _article(ctx: _Context, s: Section) -> Article:
    text = ctx.view.text
    head = text[s.head_start : s.head_end]
    m = _ARTICLE_LABEL.search(head)
    label_start, label_end = (s.head_start + m.start(), s.head_start + m.end()) if m else (s.head_start, s.head_end)
    number: int | None = None
    unique = False
    if m:
        num = m.group("num").lower()
        if num == "unique":
            unique = True
        elif num == "premier":
            number = 1
        elif num.isdigit():
            number = int(num)
        else:
            number = _roman(num.upper())
    body_start = label_end
    return Article(
        number=number,
        label=" ".join(text[label_start:label_end].split()),
        span=ctx.span(s.head_start, s.end),
        label_span=ctx.span(label_start, label_end),
        body=_flat(text, body_start, s.end).lstrip(":.-–— "),
        body_span=ctx.span(body_start, s.end) if s.end > body_start else None,
        unique=unique,
    )


def _roman(text: str) -> int | None:
    total = 0
    prev = 0
    for ch in reversed(text):
        value = _ROMAN.get(ch)
        if value is None:
            return None
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total or None


def _amounts(ctx: _Context, start: int, end: int, dispo_start: int | None, dispo_end: int | None) -> list[Amount]:
    text = ctx.view.text
    out = []
    for a in find_amounts(text, start, end):
        window = text[max(start, a.start - 80) : a.start]
        subjects = _SUBJECT.findall(window)
        out.append(
            Amount(
                value=a.value,
                text=text[a.start : a.end],
                span=ctx.span(a.start, a.end),
                words_value=a.words_value,
                words_text=text[a.words_start : a.words_end] if a.words_start is not None else None,
                words_span=ctx.span(a.words_start, a.words_end) if a.words_start is not None and a.words_end is not None else None,
                in_dispositif=dispo_start is not None and dispo_end is not None and dispo_start <= a.start < dispo_end,
                subject=subjects[-1].lower() if subjects else None,
            )
        )
    return out


def _cover(ctx: _Context, sections: list[Section]) -> Span | None:
    if not sections:
        return None
    return ctx.span(sections[0].head_start, sections[-1].end)
