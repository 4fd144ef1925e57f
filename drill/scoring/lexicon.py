"""The scorer's words of each language: hedges, negations, absolutes, stock phrases...

They are data (`lexicon/<language>.yaml`, one file per catalog language) so that a
trainer or translator can read and extend them without touching the matcher; the
matcher (clauses.py) is the same for every language. A language with no file gets an
empty lexicon: terms still match, nothing is read as hedged, and absence checks do
not ask for substance they could not recognise (the old behaviour).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib.resources import files

import yaml

from drill.i18n import language_for

from .matching import fold

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LISTS = ("joiners", "hedges", "negations", "rejections", "questions", "absolutes", "stock", "measures", "blame", "owning", "alternatives", "closers", "bounded", "reports", "conditions", "directives", "coordinators", "quantified", "prohibitions", "consequents", "cases", "apart", "referrals", "focal_points", "waits", "press", "lecturing", "agents", "proposals", "asked", "past_endings", "reasons", "sanctions", "targets", "objects", "deferrals", "topics", "examples", "inversions", "askers", "unsettled", "forces", "news", "affirmations", "refusals", "namings", "exploits", "risks", "risk_lists", "audiences", "open_decisions", "unsaid", "withheld", "falsehoods", "wishes", "relatives", "norms", "recounts", "either", "corrections", "fabricators", "public", "provisional", "negators", "exclusions", "reported_too", "attributive", "replies", "verdicts", "untrue", "subordinators", "criteria", "pointers", "demands", "permissions", "verifications", "unnegated")
_SETS = ("fillers", "auxiliaries", "ongoing", "underway", "done", "past", "abbreviations", "grammar", "prepositions")  # looked up one word at a time


@dataclass(frozen=True, eq=False)  # one per language, cached: compared and hashed by identity, cheaply
class Lexicon:
    language: str
    joiners: tuple[str, ...] = ()
    hedges: tuple[str, ...] = ()
    negations: tuple[str, ...] = ()
    negators: tuple[str, ...] = ()  # a word's own negation (不 of 不合格): inside a term found with a gap, or right before a term in a language without spaces (不传唤), it denies it
    exclusions: tuple[str, ...] = ()  # "except" put after a part of a term found with a gap (除封存大米外均合格) denies it too
    rejections: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    absolutes: tuple[str, ...] = ()
    stock: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()
    blame: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()  # "or": a negation before the first alternative denies the next too
    closers: tuple[str, ...] = ()  # "etc.", 等: a list's last item, as an "or" before it marks one
    reports: tuple[str, ...] = ()  # "circulating", 网传, lan truyền: what follows in the sentence is the rumour retold
    reported_too: tuple[str, ...] = ()  # "and that": what follows is said by the same report as what went before
    attributive: tuple[str, ...] = ()  # "circulating": a word of saying that describes the subject ("the photos circulating online were not taken ...")
    replies: tuple[str, ...] = ()  # "yes": an answer in brackets after a question written without its mark
    verdicts: tuple[str, ...] = ()  # a table column whose "No" denies its row ("True?", "Đúng/Sai", "是否属实")
    untrue: tuple[str, ...] = ()  # a table's second cell that is only a verdict of falsehood ("False.", "Sai", "不实") denies the first
    bounded: tuple[str, ...] = ()  # "so far", 截至目前: what follows is what is known now, not a finding
    owning: tuple[str, ...] = ()  # words that own a failing ("apologise that", 致歉): what follows is admitted, not done
    conditions: tuple[str, ...] = ()  # "if", 若, nếu opening a clause: the rest of its sentence is a case, not a claim
    directives: tuple[str, ...] = ()  # "asked to", 要求, yêu cầu: the action after them is required, not done
    coordinators: tuple[str, ...] = ()  # "and", và, 并且: a negation before one does not deny a denial after it
    quantified: tuple[str, ...] = ()  # "no pupil", "never", 没有任何, không có: a denial of all there is
    prohibitions: tuple[str, ...] = ()  # "do not", 不要, đừng opening a clause: what it forbids is not done
    consequents: tuple[str, ...] = ()  # thì after a case ("có người quá khích thì..."): the case is a condition
    cases: tuple[str, ...] = ()  # "có người", "ai", "khi" before the case that a consequent closes
    apart: tuple[str, ...] = ()  # "separately", 单独, riêng lẻ: with a referral, a refusal to speak alone
    referrals: tuple[str, ...] = ()  # "refer ... to", 统一由, chuyển: where the questions go instead
    focal_points: tuple[str, ...] = ()  # "spokesperson", 工作组, đầu mối: whom a referral of the press names
    waits: tuple[str, ...] = ()  # "once", "next week", chờ, 之后: a referral put off until later refers no one now
    press: tuple[str, ...] = ()  # "reporters", 记者, báo chí: a referral for them may come in the item before
    asked: tuple[str, ...] = ()  # who, whether, 是否: what follows is asked about, and a request stops there
    proposals: tuple[str, ...] = ()  # "propose", 建议, đề nghị: a plan's measure put to the leaders, not announced
    agents: tuple[str, ...] = ()  # "by", 被, bị: "not to be misled by bad actors" warns against them
    past_endings: tuple[str, ...] = ()  # "-ed": a word that ends so is a verb's past form ("questioned")
    reasons: tuple[str, ...] = ()  # "because", 因为, "vì chưa": a negation after one gives a reason ("because they had not paid")
    subordinators: tuple[str, ...] = ()  # "until", 直到, "cho đến khi": a hedge after one is its own clause's ("sealed ... until the supplier could collect them")
    criteria: tuple[str, ...] = ()  # "according to whether": in a clause of what was done, the "whether" after it is what a thing went by
    pointers: tuple[str, ...] = ()  # "this", 这, "này": news that points back at the clause before is that clause's verdict
    demands: tuple[str, ...] = ()  # "want", 要求, "yêu cầu": with a member of the public before a decision, what they demand (Reading.voiced)
    permissions: tuple[str, ...] = ()  # "may visit": a "may" that grants ("parents may visit at any time"), no guess
    verifications: tuple[str, ...] = ()  # 经核实: a clause of its own before the rumour retold rules on it (where a report word hedges)
    unnegated: tuple[str, ...] = ()  # 未经 "without", 非常 "very": a negator character that opens another word denies nothing
    lecturing: tuple[str, ...] = ()  # "read it carefully before commenting", 事实证明, tỉnh táo: a lecture, not an answer
    sanctions: tuple[str, ...] = ()  # "dealt with", 依法处理, xử lý nghiêm: falling on a target, a threat (Reading.aimed)
    targets: tuple[str, ...] = ()  # "anyone who", 发帖人, người đăng: members of the public a sanction may fall on
    objects: tuple[str, ...] = ()  # 对: a clause opening so names what the sanction in the next clause is for
    inversions: tuple[str, ...] = ()  # "is the", "has anyone": a verb before its subject opens a question
    askers: tuple[str, ...] = ()  # "questions", "ask": a clause ending so introduces the questions after it
    refusals: tuple[str, ...] = ()  # "will not describe", 不会把: a refusal to name the public so (Reading.refused)
    namings: tuple[str, ...] = ()  # 说成, 称为: where a refusal needs a word of naming before the label
    affirmations: tuple[str, ...] = ()  # "is true", là chính xác, 属实: after news named, the team vouches for it
    news: tuple[str, ...] = ()  # "tin", "the claim that" opening a clause: the news named, not claimed (Reading.told)
    exploits: tuple[str, ...] = ()  # "exploit", lợi dụng, 利用: what forces weighed as a risk may do
    risks: tuple[str, ...] = ()  # "a risk that", nguy cơ, 风险: what follows is weighed as a risk
    risk_lists: tuple[str, ...] = ()  # "Risks:", 风险点: the whole label of a list whose items are risks
    audiences: tuple[str, ...] = ()  # "audience", 受众: a label right after one describes the story's reach
    open_decisions: tuple[str, ...] = ()  # "has not been decided", 尚未决定: the measure beside them is left open
    unsaid: tuple[str, ...] = ()  # "do not say", 不要说, "không nói" opening a list: its items are what not to say
    withheld: tuple[str, ...] = ()  # "do not announce", 不要宣布, "không công bố" before items after a comma: not announced either
    falsehoods: tuple[str, ...] = ()  # "false claims", tin sai sự thật: a label or an aside's head whose items are rejected
    wishes: tuple[str, ...] = ()  # "wants" among a term's own parts: "no parent wants their child treated ..." wishes, says nothing
    relatives: tuple[str, ...] = ()  # "who", "which": a wish among a term's parts after one describes ("pupils who wanted lunch ate ...")
    norms: tuple[str, ...] = ()  # "should": a rule among a term's parts, or as the verb right after it, says what ought to be, not what was
    recounts: tuple[str, ...] = ()  # "says", "nói": anywhere before a claim in an assessment or survey, the rumour retold (Reading.recounted)
    either: tuple[str, ...] = ()  # "hay" right after a claim: one side of a question ("của nhà trường hay của Ban đại diện")
    corrections: tuple[str, ...] = ()  # "actually", thực tế, 实际上: what follows corrects the rumour retold before it, in the team's voice
    forces: tuple[str, ...] = ()  # "hostile forces", thế lực thù địch: a label, unless an internal text weighs them as a risk
    fabricators: tuple[str, ...] = ()  # "the page", 营销号, fanpage: who made the fake; a label of them alone labels no one of the public
    provisional: tuple[str, ...] = ()  # "proposed", đề xuất: after a form field's name in a label, how firm the answer is
    public: tuple[str, ...] = ()  # parents, 网友, phụ huynh: members of the public, whom a label in the same sentence may fall on
    unsettled: tuple[str, ...] = ()  # "still to be verified", 尚未核实: a heading over what is not yet settled (Clause.section)
    deferrals: tuple[str, ...] = ()  # "we will say more later", 另行通报: a topic named and put off, not answered
    topics: tuple[str, ...] = ()  # "on", 关于, "về" opening a clause: what follows is a topic named
    examples: tuple[str, ...] = ()  # "e.g.", 例如, "ví dụ" opening a clause: what follows is an example given, not said
    fillers: frozenset[str] = frozenset()
    prepositions: frozenset[str] = frozenset()  # "by", "from": a claim whose subject follows one is not about it ("collection by the supplier is suspended")
    auxiliaries: frozenset[str] = frozenset()  # the helper words a one-word term still drops: tense, not sense
    ongoing: frozenset[str] = frozenset()  # words that say an action is under way or to come (will, đang)
    underway: frozenset[str] = frozenset()  # those of them that say what is going on now (đang): no promise
    done: frozenset[str] = frozenset()  # words that say an action is done (has been, đã)
    past: frozenset[str] = frozenset()  # words that say a thing happened (was, were): no promise
    abbreviations: frozenset[str] = frozenset()  # words whose full stop ends no sentence (No., Mr.)
    grammar: frozenset[str] = frozenset()  # grammar words: what keeps a run of words from being a list
    grammar_share: float = 0.0
    variants: tuple[tuple[str, str], ...] = ()  # (variant, canonical), longest variant first
    forms: Mapping[str, str] = field(default_factory=dict)  # irregular forms and the word they are of (went: go)
    gap: int = 0  # how much may stand between a term's parts: characters (Chinese) or words
    known: bool = False  # False for a language without a lexicon file
    spaced: bool = True  # words written apart (English, Vietnamese) or not (Chinese)

    @cached_property
    def numbered(self) -> frozenset[str]:
        """Abbreviations that are also negations ("No."): a name before a number ("No. 3 Primary"),
        a bare answer that ends its sentence before a capital ("No. Fenghe supplies ...")."""
        return self.abbreviations & frozenset(self.negations)

    def canon(self, folded: str) -> str:
        """Folded text with each language variant written its canonical way (已经 -> 已)."""
        for variant, canonical in self.variants:
            if variant in folded:
                folded = folded.replace(variant, canonical)
        return folded


@cache
def lexicon(tag: str | None) -> Lexicon:
    """The lexicon for a BCP 47 tag (any Chinese tag reads zh-CN's, any Vietnamese vi's)."""
    language = language_for(tag)
    primary = (tag or "en").lower().split("-")[0]
    if primary not in ("en", "zh", "vi"):
        return Lexicon(language=primary)
    entry = files(__package__) / "lexicon" / f"{language}.yaml"
    data = yaml.load(entry.read_text(encoding="utf-8"), Loader=_Loader) or {}
    variants = {fold(k): fold(v) for k, v in (data.get("variants") or {}).items()}
    base = Lexicon(language=language, variants=tuple(sorted(variants.items(), key=lambda kv: -len(kv[0]))))
    lists = {
        name: tuple(dict.fromkeys(base.canon(fold(str(term))) for term in data.get(name) or ()))
        for name in (*_LISTS, *_SETS)
    }
    return Lexicon(
        language=language,
        **{name: lists[name] for name in _LISTS},
        **{name: frozenset(lists[name]) for name in _SETS},
        grammar_share=float(data.get("grammar_share", 0.0)),
        variants=base.variants,
        forms={fold(str(k)): fold(str(v)) for k, v in (data.get("forms") or {}).items()},
        gap=int(data.get("gap", 0)),
        known=True,
        spaced=primary != "zh",
    )
