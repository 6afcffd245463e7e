"""From sections to the typed model: one `Deliberation` per act, sharing the session header."""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from ..parse.assemble import GROUNDS, assemble
from .buildcontext import Context, flat
from .citations import read_citations, read_prior_contract, read_repealed_mentions
from .dates import date_mentions
from .delegation import delegation_mention, delegations, deliberating, reserved_matters
from .dispositif import amounts, article, visa, visa_ranges
from .datereader import find_dates
from .grants import read_grants
from .effects import read_effects
from .opinions import read_opinion_matter
from .posts import read_post_creation
from ..document import Span
from .actes import budget_document, publication_mention, stated_matiere, stated_nature
from .header import detect_body, detect_session
from .identity import reference, title_range
from ..model import (
    Attendance,
    Body,
    BodyKind,
    Considerant,
    Deliberation,
    FileModel,
    Organ,
    Session,
    StructureIssue,
    Transmission,
    Vote,
)
from .outcome import (
    find_vote_statement,
    find_vote_statements,
    read_authorisations,
    read_signatories,
    read_transmission,
    read_vote,
    read_withdrawals,
)
from ..parse.parsing import HEADER_KINDS, LIST_KINDS, ParseFailure, Section, parse_sections
from ..names import same_person
from .cancel import checkpoint
from .ocrnames import IsOcr, respelled
from .presence import build_attendance
from ..read.terms import term
from .totals import stated_totals
from ..read.view import View


def build_model(view: View, is_ocr: IsOcr | None = None) -> FileModel:
    """Parse the reading view and build the model of every act it holds; `is_ocr` tells the spans
    of text read by OCR, whose names are matched by similarity (validator.build.ocrnames)."""
    try:
        sections = parse_sections(view)
    except ParseFailure as exc:
        where = view.span(exc.offset, exc.offset)
        return FileModel((), (StructureIssue(str(exc), where, case="not-a-deliberation"),))
    groups, order = assemble(sections, view.text)
    ctx = Context(view)
    deliberations = []
    last_index = len(groups) - 1
    for i, group in enumerate(groups):
        checkpoint()  # most of a long check is spent here: the editor may stop an outdated one
        delib = _deliberation(ctx, group, last=i == last_index)
        deliberations.append(respelled(delib, is_ocr) if is_ocr is not None else delib)
    issues = [StructureIssue(msg, view.span(pos, view.text.find("\n", pos) % (len(view.text) + 1))) for msg, pos in order]
    recognised = [s for s in sections if s.kind != "paragraph"]
    if not recognised:
        first_line = view.span(0, view.text.find("\n") if "\n" in view.text else len(view.text))
        if _act_signal().search(view.text):
            issues.insert(0, StructureIssue(
                "aucune partie de délibération reconnue (présences, visas, articles, vote, signature) : "
                "compte rendu rédigé en prose, liste de votes ou annexe ?",
                first_line,
                case="no-act-part",
            ))
        else:
            issues.insert(0, StructureIssue(
                "aucun élément de délibération reconnu (présences, visas, articles, vote, signature) : "
                "ce texte ne ressemble pas à une délibération",
                first_line,
                case="not-a-deliberation",
            ))
    return FileModel(tuple(d for d in deliberations if d is not None), tuple(issues))


@functools.cache
def _act_signal() -> re.Pattern[str]:
    return re.compile(term("ACT_SIGNAL"))


@functools.cache
def _extract_mention() -> re.Pattern[str]:
    return re.compile(term("EXTRACT_MENTION"))


def _deliberation(ctx: Context, group: list[Section], last: bool) -> Deliberation:
    text = ctx.view.text
    header, rest = _split_header(group)
    zones = [(s.head_start, s.end) for s in _before_matter(group)]
    attendance = build_attendance(ctx, group, zones) or ctx.attendance
    ctx.attendance = attendance
    session = detect_session(text, zones, ctx.span)
    if ctx.session is not None and session.date is None and session.president is None:
        session = ctx.session
    if session.date is None or session.date_guessed:
        session = _dated_by_reference(ctx, group, session)
    transmission = read_transmission(text, [(s.head_start, s.end) for s in group if s.kind in ("publication", "certification")], ctx.span)
    if (session.date is None or session.date_guessed) and transmission is not None:
        session = _dated_by_stamp(transmission, session)
    ctx.session = session
    if attendance is not None and attendance.chair_listed is None and session.president:
        attendance = replace(attendance, chair_listed=_named(attendance, session.president))
        ctx.attendance = attendance
    body = _body(ctx, header, rest)
    refs = [r for s in group if s.kind == "reference" for r in [reference(ctx, s)] if r]
    title_at = title_range(ctx, group, header)
    title_text, title_span = (flat(text, *title_at), ctx.span(*title_at)) if title_at else (None, None)
    visa_at = [r for s in group if s.kind == "visa" for r in visa_ranges(ctx, s)]
    visa_list = [visa(ctx, a, b) for a, b in visa_at]
    dispo = [s for s in group if s.kind in ("decide", "article")]
    dispo_start = dispo[0].head_start if dispo else None
    dispo_end = dispo[-1].end if dispo else None
    votes = [s for s in group if s.kind == "vote"]
    if dispo_start is not None and any(v.head_start > dispo_start for v in votes):
        votes = [v for v in votes if v.head_start > dispo_start]
    vote: Vote | None
    if votes:
        vote = read_vote(text, _vote_start(group, votes[-1], dispo_start), _vote_end(text, votes[-1]), ctx.span)
    else:  # the outcome said inside a sentence of the dispositif (or of the act)
        stated = find_vote_statement(text, dispo_start if dispo_start is not None else group[0].head_start, group[-1].end)
        vote = read_vote(text, *stated, ctx.span) if stated else None
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
    delegated = body.acts_by_delegation
    matters = reserved_matters(ctx, group, title_at, end)
    dispositif = (dispo_start, dispo_end) if dispo_start is not None and dispo_end is not None else None
    cut = not closing and ctx.runs_out(end)  # the text stops inside the act, even after its vote
    return Deliberation(
        span=ctx.span(start, end),
        body=body,
        session=session,
        attendance=attendance,
        references=tuple(refs),
        title=title_text,
        title_span=title_span,
        visas=tuple(visa_list),
        visa_block=_cover(ctx, [s for s in group if s.kind == "visa"]),
        considerants=tuple(Considerant(flat(text, s.head_start, s.end), ctx.span(s.head_start, s.end)) for s in group if s.kind == "considerant"),
        decide_span=next((ctx.span(s.head_start, s.head_end) for s in group if s.kind == "decide"), None),
        articles=tuple(article(ctx, s) for s in group if s.kind == "article"),
        amounts=tuple(amounts(ctx, start, end, dispo_start, dispo_end)),
        totals=stated_totals(text, start, end, ctx.span),
        vote=vote,
        signatories=tuple(read_signatories(text, closing, ctx.span)),
        authorisations=tuple(read_authorisations(text, dispo_start, dispo_end, ctx.span)) if dispo_start is not None and dispo_end is not None else (),
        report_spans=tuple(ctx.span(s.head_start, s.end) for s in rest if s.kind in ("paragraph", "report", "reference")),
        withdrawn=tuple(read_withdrawals(text, start, end, ctx.span)),
        transmission=transmission,
        truncated=truncated,
        is_extract=_extract_mention().search(text, start, end) is not None,
        dates=date_mentions(text, start, end, ctx.span),
        votes=_all_votes(text, start, end, vote, ctx),
        grants=read_grants(ctx, start, end, dispo_start, title_text),
        deliberating=deliberating(ctx, start, end),
        delegations=delegations(ctx, zip(visa_at, visa_list)) if delegated else (),
        delegation_mention=delegation_mention(ctx, start, end) if delegated else None,
        reserved_matters=matters if delegated else (),
        citations=read_citations(ctx, start, end, visa_at),
        repealed_mentions=read_repealed_mentions(ctx, start, end, visa_at),
        prior_contract=read_prior_contract(ctx, start, end),
        nature=stated_nature(text, start, end, ctx.span),
        matiere=stated_matiere(text, start, end, ctx.span),
        publication_mention=publication_mention(text, [(start, end)], ctx.span),
        budget_document=budget_document(matters, title_span),
        post_creation=read_post_creation(ctx, start, end, title_at, dispositif, cut),
        effects=read_effects(ctx, start, end, title_at, dispositif),
        opinion_matter=read_opinion_matter(ctx, start, end, title_at, dispositif, cut),
    )


def _all_votes(text: str, start: int, end: int, vote: Vote | None, ctx: Context) -> tuple[Vote, ...]:
    """The act's vote and every other outcome it states in a sentence, in order."""
    others = [read_vote(text, a, b, ctx.span) for a, b in find_vote_statements(text, start, end)]
    if vote is not None:
        others = [v for v in others if not (v.span.start < vote.span.end and vote.span.start < v.span.end)]
        others.append(vote)
    return tuple(sorted(others, key=lambda v: v.span.start))


def _dated_by_reference(ctx: Context, group: list[Section], session: Session) -> Session:
    """ "DÉLIBÉRATION N° CP 2023-024 DU 25 JANVIER 2023": the date the act's own number line gives
    is its séance's, when the header gives none."""
    for s in group:
        if s.kind == "reference":
            found = next(find_dates(ctx.view.text, s.head_start, s.head_end), None)
            if found is not None:
                return replace(session, date=found.date, date_span=ctx.span(found.start, found.end), date_guessed=False)
    return session


def _dated_by_stamp(transmission: Transmission, session: Session) -> Session:
    """The act's date in its @ctes id ("034-213401722-20140424-...") is its decision's, by the
    platform's definition: better than a date picked from the header with no séance cue (an annex
    whose first date is that of a report it quotes)."""
    date, span = transmission.act_date, transmission.act_date_span
    if date is None or span is None:
        return session
    return replace(session, date=date, date_span=span, date_guessed=False)


def _named(att: Attendance, name: str) -> bool:
    """Whether a person is named in the lists of an attendance."""
    lists = [m for lst in (att.present, att.absent) if lst for m in lst.members]
    lists += [p.giver for p in att.represented] + list(att.non_voting)
    return any(same_person(name, m.name) for m in lists)


@functools.cache
def _vote_line() -> re.Pattern[str]:
    """A line that goes on stating the vote: it opens with a word of the tally (grammar/terms.lark),
    the unanimity, or has "voix" early ("Mmes X et Y, 2 voix")."""
    return re.compile(r"^\W*(?:" + term("TALLY_WORD") + r"|(?i:unanimit)|[^\n]{0,60}(?i:voix))")


def _vote_start(group: list[Section], last: Section, dispo_start: int | None) -> int:
    """A vote stated over consecutive lines ("Votants : 12", "Pour : 10 - Contre : 2", then
    "Adopté") is one vote; a count after the dispositif belongs to it."""
    i = group.index(last)
    while i > 0 and (
        group[i - 1].kind == "vote"
        or (group[i - 1].kind == "count" and dispo_start is not None and group[i - 1].head_start > dispo_start)
    ):
        i -= 1
    return group[i].head_start


def _vote_end(text: str, s: Section) -> int:
    """A vote section ends where its lines stop stating the vote (names listed under "Pour :" included)."""
    end = s.head_end
    pos = s.head_end + 1
    for para in re.split(r"(\n[ \t]*\n)", text[s.head_end + 1 : s.end]):
        if para.strip() and not para.startswith("\n") and not _vote_line().match(para.strip()):
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


def _body(ctx: Context, header: list[Section], rest: list[Section]) -> Body:
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


def _cover(ctx: Context, sections: list[Section]) -> Span | None:
    if not sections:
        return None
    return ctx.span(sections[0].head_start, sections[-1].end)
