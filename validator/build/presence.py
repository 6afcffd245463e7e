"""The attendance of a session, from its list sections (validator.build.attendance reads each list)."""

from __future__ import annotations

import re
from dataclasses import replace

from ..document import Span
from ..model import Attendance, Member, NameList, Proxy
from ..names import NameIndex, display, is_upper_token, looks_like_name, same_person, split_civility, tokens
from ..parse.parsing import LIST_KINDS, Section
from .attendance import read_section
from .members import ListResult
from .buildcontext import Context
from .counts import find_counts

# Two blank lines end a list: what follows is the next part of the act.
PARAGRAPH_GAP = re.compile(r"\n[ \t\u00a0]*\n[ \t\u00a0]*\n")
# *+ (possessive): the blanks after the figure are not shared with the next class, which made a
# long run of blanks quadratic; what the next items accept never starts with a blank anyway.
_COUNT_ONLY = re.compile(r"[\s\u00a0]*\d+[\s\u00a0]*+(?:membres?|conseillers?|[ée]lus?)?[\s\u00a0.,;/]*")
_COUNT_FIRST = re.compile(r"[ \t\u00a0]*+\d+(?![\d/.,:h])")
_LABEL_FIRST = re.compile(r"[ \t\u00a0]*+[-–]?[ \t\u00a0]*+(?i:pr[ée]sents|repr[ée]sent[ée]s|votants|absents|pouvoirs)[ \t\u00a0]*+:[ \t\u00a0]*+\d")
_SECRETARY_NAME = re.compile(r":\s*(?P<after>[^\n]+)|^(?P<before>[^\n]+?)(?<!\s)\s+(?:a\s+[ée]t[ée]\s+|est\s+)?(?:d[ée]sign|[ée]lu)", re.IGNORECASE)





def build_attendance(ctx: Context, group: list[Section], zones: list[tuple[int, int]]) -> Attendance | None:
    text = ctx.view.text
    lists = [s for s in group if s.kind in LIST_KINDS or s.kind == "secretary"]
    searched = zones + [(s.head_start, s.end) for s in group if s.kind == "count"]
    counts = find_counts(text, searched, ctx.span)
    if not lists and not counts:
        return None
    read: dict[str, ListResult] = {}
    heads: dict[str, Span] = {}
    secretary: Member | None = None
    text_end = ctx.text_end
    bounded: list[tuple[Section, int, int]] = []
    for s in lists:
        if s.kind == "secretary":
            secretary = secretary or _secretary(ctx, s)
            continue
        start = _content_start(text, s)
        # Two blank lines end a list: what follows is the next part of the act.
        gap = PARAGRAPH_GAP.search(text, start, s.end)
        end = gap.start() if gap else s.end
        if _COUNT_ONLY.fullmatch(text, start, end) or _COUNT_FIRST.match(text, start, end) or _LABEL_FIRST.match(text, start, end):
            # "Présents : 9", "Pouvoirs : 0", "présents : - représentés : 30 11": a count, not a
            # list (a list never opens with a figure or with the next count's label).
            continue
        bounded.append((s, start, end))
    results = [read_section(text, start, end, s.kind, ctx.span, runs_to_end=end >= text_end) for s, start, end in bounded]
    if any(r.given_names for r in results):
        # "Présents : Jean-Pierre, Yves, Nelly" then "Excusée : Maryline": the act names its members
        # by given name, in its short lists too.
        results = [
            r if r.given_names else read_section(text, start, end, s.kind, ctx.span, end >= text_end, given_names=True)
            for r, (s, start, end) in zip(results, bounded)
        ]
    for result, (s, start, end) in zip(results, bounded):
        ctx.list_ends[s.head_start] = result.stopped_at if result.stopped_at is not None else end
        head = text[s.head_start : min(s.head_end, start)]
        if s.kind == "present" and _SUBSTITUTES_HEAD.search(head) and not _TITULAIRES.search(head):
            result.members[:] = [replace(m, substitute=True) for m in result.members]
        heads.setdefault(s.kind, ctx.span(s.head_start, s.head_end))
        if s.kind in read:
            read[s.kind].members.extend(result.members)
            read[s.kind].proxies.extend(result.proxies)
            read[s.kind].open_ended |= result.open_ended
            read[s.kind].unreadable |= result.unreadable
        else:
            read[s.kind] = result
    _keep_written_names(read)
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
    proxies = _one_per_statement([p for r in read.values() for p in r.proxies])
    # Without lists, the counts were found in `searched`, which is then not empty.
    bounds = [(s.head_start, s.end) for s in lists] or searched
    span = ctx.span(min(b[0] for b in bounds), max(b[1] for b in bounds))

    def as_list(kind: str, r: ListResult | None) -> NameList | None:
        if r is None or (not r.members and kind != "absent" and not r.proxies and not r.unreadable):
            return None
        return NameList(heads[kind], tuple(r.members), r.open_ended, r.unreadable)

    return Attendance(
        span=span,
        counts=tuple(counts),
        present=as_list("present", present),
        represented=tuple(proxies),
        represented_list=NameList(heads["represented"], tuple(p.giver for p in represented.proxies), represented.open_ended, represented.unreadable) if represented else None,
        absent=as_list("absent", absent) if absent is not None else None,
        non_voting=tuple(read["nonvoting"].members) if "nonvoting" in read else (),
        secretary=secretary,
        all_present_except=all_except,
        absent_excused_only=_excused_only(ctx, lists),
        proxies_unread=any(r.proxies_unread for r in read.values()),
    )


# "Membres suppléants avec voix délibérative :": the substitutes sitting, listed apart from the titulaires.
_SUBSTITUTES_HEAD = re.compile(r"(?i:suppl[ée]ants?)")
_TITULAIRES = re.compile(r"(?i:titulaires?)")
_EXCUSED = re.compile(r"(?i:excus)")
_ABSENT_WORD = re.compile(r"(?i:absent)")


def _excused_only(ctx: Context, lists: list[Section]) -> bool:
    """Whether the absent are listed under "Excusé(e)s :" only (not "Absents", "Absents excusés")."""
    text = ctx.view.text
    heads = [text[s.head_start : min(s.head_end, s.head_start + 60)] for s in lists if s.kind == "absent"]
    return bool(heads) and all(_EXCUSED.search(h) and not _ABSENT_WORD.search(h) for h in heads)


def _one_per_statement(proxies: list[Proxy]) -> list[Proxy]:
    """The same proxy written on both sides is one proxy: "A (procuration de B)" under the présents
    and "B (procuration à A)" under the excusés give B's proxy to A once, not twice."""
    kept: list[Proxy] = []
    by_giver: NameIndex[Proxy] = NameIndex((), lambda p: p.giver.name)
    for proxy in proxies:
        seen = by_giver.find(proxy.giver.name)
        if (
            seen is not None and seen.holder is not None and proxy.holder is not None
            and same_person(seen.holder.name, proxy.holder.name) and (seen.since, seen.until) == (proxy.since, proxy.until)
        ):
            continue
        by_giver.add(proxy)
        kept.append(proxy)
    return kept


def _surname_in_capitals(member: Member) -> bool:
    return any(is_upper_token(t) for t in tokens(member.name))


def _given_and_surname(member: Member) -> bool:
    words = tokens(member.name)
    return any(is_upper_token(t) for t in words) and any(t[:1].isupper() and not is_upper_token(t) and len(t) > 1 for t in words)


def _capitals_only(member: Member) -> bool:
    words = [t for t in tokens(member.name) if t.lower() not in ("de", "du", "la", "le", "les", "des")]
    return bool(words) and all(is_upper_token(t) or t.isupper() for t in words)


def _keep_written_names(read: dict[str, ListResult]) -> None:
    """A document writes its members' names one way: where nearly all carry their surname in
    capitals ("Fabien ABERT"), an entry in title case without a civility is a heading or a title
    that ran into a list ("Absents : Instances Paritaires" once the line breaks are lost); where
    most write "Prénom NOM", an entry in capitals alone is a place or a column heading."""
    members = [m for r in read.values() for m in r.members] + [p.giver for r in read.values() for p in r.proxies]
    if len(members) < 5:
        return
    if sum(_surname_in_capitals(m) for m in members) >= 0.9 * len(members):
        for r in read.values():
            r.members[:] = [m for m in r.members if m.civility is not None or _surname_in_capitals(m)]
    # Where two thirds write "Prénom NOM", an entry in capitals alone without a civility is the
    # column of communes or a heading of a table ("AVENSAN", "LE PORGE", "SAINTE-HELENE").
    if sum(_given_and_surname(m) for m in members) >= 2 / 3 * len(members):
        for r in read.values():
            if any(m.civility for m in r.members):
                continue  # "Messieurs HUBERT, ISAMBERT": a civility of the list names its people
            r.members[:] = [m for m in r.members if not _capitals_only(m)]


# A sub-heading right after the heading: "Etaient présents : Membres titulaires : A, B".
_SUBHEADING = re.compile(
    r"[ \t\u00a0]*+(?:[A-ZÀ-Ý][\w'’-]*[ \t\u00a0]+){0,2}(?i:membres|conseill\w+|d[ée]l[ée]gu[ée]s|titulaires|suppl[ée]ants|[ée]lus|vice-pr[ée]sidents?|adjoints?)"
    r"(?:[ \t\u00a0]+(?i:titulaires|suppl[ée]ants|municipaux|communautaires|pr[ée]sents?))?[ \t\u00a0]*+:"
)


# "Présent(e)s C. Montin, E. Février": the inclusive label alone, with the names on its line.
_BARE_LABEL = re.compile(r"[ \t\u00a0]*+(?i:pr[ée]sent|absent|excus[ée])\(e\)s[ \t\u00a0]++(?=[A-ZÀ-Ý])")


def _content_start(text: str, s: Section) -> int:
    """Where the names begin: after the heading's colon, which may close a heading of two lines."""
    head = text[s.head_start : s.head_end]
    bare = _BARE_LABEL.match(text, s.head_start, s.head_end)
    if bare is not None:
        return bare.end()
    colon = head.find(":")
    if 0 <= colon < 250:
        start = s.head_start + colon + 1
        sub = _SUBHEADING.match(text, start, s.end)
        if sub is not None:
            start = sub.end()
        return start
    nxt = text.find("\n", s.head_end + 1, s.end)
    second = text[s.head_end + 1 : nxt if nxt >= 0 else s.end]
    if second.rstrip().endswith(":") and len(second) < 200:
        return s.head_end + 1 + second.rindex(":") + 1
    return min(s.head_end + 1, s.end)


def _secretary(ctx: Context, s: Section) -> Member | None:
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


