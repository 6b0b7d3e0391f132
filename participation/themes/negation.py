"""Which words of a clause are negated, per language, so that "ik voel me hier helemaal niet eenzaam" and "no
problems with drugs or noise here" do not suggest loneliness, drugs or noise.

Two kinds of negation behave differently:
- a *denial* ("niet", "not", "değil", "nie", "не", "ليس") takes back the words it scopes over: "niet eenzaam"
  is not about loneliness;
- an *absence* ("geen", "no", "yok", "nie ma", "няма", "لا يوجد") is itself often the complaint: "er is geen
  speeltuin" is about playgrounds. It takes back only words of a *problem* theme ("geen overlast"), whose
  absence means all is well.
When a negation sits next to a word for "problem" or "trouble" ("geen last van", "no problems with",
"sorun yok"), the whole clause says all is well and nothing in it counts.

Inability ("can't find a job", "kan de huur niet betalen", "bulamıyorum") is a complaint, not a denial: "can't"
and Turkish abilitative negation are not cues, and "not enough" ("niet genoeg", "yeterli değil") is a lack.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

# How many words a forward cue reaches ("niet meer zo eenzaam"), and a Turkish cue backwards ("yalnız değilim").
_FORWARD_SCOPE = 4
_BACKWARD_SCOPE = 2
# A cue that ends its clause negates this many words before it.
_CLOSING_SCOPE = 6
# A word for "problem" this close to a cue makes the clause a reassurance.
_PROBLEM_REACH = 3


@dataclass(frozen=True)
class Cues:
    """One language's negation words (normalised tokens)."""

    denials: frozenset[str]
    absences: frozenset[str]
    problems: tuple[str, ...]  # prefixes of words for "problem", "trouble", "complaint"
    # Words after a denial that make it a lack or an absence ("niet genoeg", "don't have").
    lacks: frozenset[str] = frozenset()
    backward: bool = False  # Turkish: the cue follows what it negates
    denial_pattern: re.Pattern[str] | None = None  # Turkish verbal negation inside a word
    two_word_absences: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    # "neither ... nor" lists what is missing: a cue followed later in the clause by its correlative is an absence.
    correlatives: dict[str, str] = field(default_factory=dict)


CUES: dict[str, Cues] = {
    "nl": Cues(
        denials=frozenset({"niet", "nooit", "nimmer"}),
        absences=frozenset({"geen", "zonder", "niks", "niets", "nergens"}),
        problems=("probleem", "problem", "last", "overlast", "klacht", "hinder", "gedoe", "zorgen"),
        lacks=frozenset({"genoeg", "voldoende", "meer", "veel"}),
    ),
    "en": Cues(
        denials=frozenset(
            {"not", "never", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "aint", "neither", "nor"}
        ),
        absences=frozenset({"no", "without", "nothing", "none"}),
        problems=("problem", "trouble", "issue", "complaint", "bother", "worr", "nuisance"),
        lacks=frozenset({"have", "has", "had", "got", "enough", "any", "many", "much", "work", "working"}),
        correlatives={"neither": "nor"},
    ),
    "tr": Cues(
        denials=frozenset({"değil", "degil", "değilim", "değiliz", "degilim", "değildir", "asla"}),
        absences=frozenset(
            {
                "yok",
                "yoktur",
                "yokmuş",
                "yoktu",
                "hiç",
                "hic",
                "hiçbir",
                "hicbir",
                "olmadan",
                "kalmadı",
                "kalmadi",
                "kalmamış",
                "kalmamis",
            }
        ),
        problems=("sorun", "problem", "sıkıntı", "sikinti", "şikayet", "sikayet", "dert", "rahatsız"),
        backward=True,
        # -mIyor / -mAz / -mAdI after a consonant: "hissetmiyorum", "görmedim"; after a vowel it is the
        # abilitative ("bulamıyorum", can't find), which is a complaint.
        denial_pattern=re.compile(r"[^aeıioöuü](m[ıiuü]yor|mad[ıi]|med[iü]|maz|mez|mam|mem)"),
    ),
    "ar": Cues(
        denials=frozenset({"لا", "ليس", "ليست", "لست", "لسنا", "لم", "لن", "مش", "مو", "ماشي", "مانيش", "ماكاينش"}),
        absences=frozenset({"بدون", "بلا", "مافي", "مافيش", "معنديش", "ماعنديش", "ماكاين", "مكاينش", "ولا"}),
        problems=("مشكل", "مشاكل", "مشكلة", "شكوى", "شكاوى", "ازعاج", "مضايق"),
        lacks=frozenset({"يوجد", "توجد", "يكفي", "كافي", "كافية", "عندي", "عندنا", "فيه", "في"}),
        two_word_absences=frozenset({("ما", "في"), ("ما", "فيه"), ("ما", "عندي"), ("ما", "عندنا"), ("ما", "كاين")}),
        correlatives={"لا": "ولا"},
    ),
    "pl": Cues(
        denials=frozenset({"nie", "nigdy", "ani"}),
        absences=frozenset({"bez", "brak", "brakuje", "żadnych", "żadnego", "żadnej", "żadne", "zadnych", "nic"}),
        problems=("problem", "kłopot", "klopot", "skarg", "uciążliw"),
        lacks=frozenset({"ma", "mam", "mamy", "mają", "było", "wystarczy", "wystarczająco", "dość"}),
        correlatives={"ani": "ani"},
    ),
    "bg": Cues(
        denials=frozenset({"не", "никога", "нито"}),
        absences=frozenset({"няма", "нямам", "нямаме", "нямат", "без", "никакви", "никакъв", "никаква", "нищо"}),
        problems=("проблем", "оплакван", "неприятност", "тормоз"),
        lacks=frozenset({"достатъчно", "стига", "стигат"}),
        correlatives={"нито": "нито"},
    ),
}


@dataclass(frozen=True)
class Negation:
    """What negation takes back in one clause: positions of denied words, of words whose absence is stated, and
    whether the whole clause is a reassurance ("geen last van ...")."""

    denied: frozenset[int]
    absent: frozenset[int]
    reassurance: bool
    cues: frozenset[int]  # the positions of the cue words themselves


NONE = Negation(frozenset(), frozenset(), False, frozenset())


def negation(clause: Sequence[str], language: str) -> Negation:
    """The negated positions of one clause's tokens (normalised, as ``lemmas.tokens`` gives them)."""
    cues = CUES.get(language)
    if cues is None or not clause:
        return NONE
    denied: set[int] = set()
    absent: set[int] = set()
    cue_positions: set[int] = set()
    for position, token in enumerate(clause):
        kind = _kind(clause, position, cues)
        if kind is None:
            continue
        cue_positions.add(position)
        if cues.backward and token not in ("hiç", "hic", "hiçbir", "hicbir"):
            scope = range(max(0, position - _BACKWARD_SCOPE), position)
        elif position == len(clause) - 1:
            # A cue that ends its clause looks back: "drugs zie ik hier nooit", "шум няма".
            scope = range(max(0, position - _CLOSING_SCOPE), position)
        else:
            scope = range(position + 1, min(len(clause), position + 1 + _FORWARD_SCOPE))
        if kind == "denial" and cues.denial_pattern is not None and token not in cues.denials:
            scope = range(max(0, position - _BACKWARD_SCOPE), position + 1)  # the negated verb itself, and before
        (denied if kind == "denial" else absent).update(scope)
    reassurance = any(
        any(clause[other].startswith(cues.problems) for other in _near(position, len(clause)))
        for position in cue_positions
    )
    return Negation(frozenset(denied), frozenset(absent), reassurance, frozenset(cue_positions))


def _near(position: int, length: int) -> range:
    return range(max(0, position - _PROBLEM_REACH), min(length, position + _PROBLEM_REACH + 1))


def _kind(clause: Sequence[str], position: int, cues: Cues) -> str | None:
    token = clause[position]
    following = clause[position + 1] if position + 1 < len(clause) else ""
    if (token, following) in cues.two_word_absences:
        return "absence"
    if token in cues.absences:
        return "absence"
    correlative = cues.correlatives.get(token)
    if correlative is not None and correlative in clause[position + 1 :]:
        return "absence"
    if any(cues.correlatives.get(earlier) == token for earlier in clause[:position]):
        return "absence"  # the "nor" of a "neither"
    if token in cues.denials:
        # "niet genoeg", "don't have", "nie ma", "لا يوجد": a lack, which names what is missing.
        return "absence" if following in cues.lacks else "denial"
    if cues.denial_pattern is not None and len(token) > 5 and cues.denial_pattern.search(token):
        return "denial"
    return None
