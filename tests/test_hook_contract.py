"""Hooks tell each other what happened through the Draft's fields, not by searching each other's messages."""

from __future__ import annotations

from transloc.localise.hook import LocaliseHook
from transloc.localise.locales import parse_locale
from transloc.mt.base import Draft
from transloc.mt.tags import TagHook


class Plain:
    keeps_placeholders = False


def test_tag_hook_records_which_protected_placeholder_it_placed_by_position() -> None:
    source = "Die <1>Regierung</1> lehnt <101/> ab."
    draft = Draft(source=source, text=source)
    draft.protected[101] = "Vladimir Putin"
    hook = TagHook(Plain())
    hook.before(draft)
    draft.text = "zzz qqq www"  # the engine lost the name
    hook.after(draft)
    assert list(draft.placed) == [101]
    assert draft.placed[101] in draft.review


def test_settling_a_placed_placeholder_withdraws_exactly_its_review_line() -> None:
    draft = Draft(source="s", text="t")
    draft.protected[101] = "Putin"
    draft.review.append("markup placed by position, check: <1>")
    draft.flag_placed(101)
    assert draft.settle_placed(101) is True
    assert draft.review == ["markup placed by position, check: <1>"] and draft.placed == {}
    assert draft.settle_placed(101) is False


def test_localise_hook_acts_on_the_placed_record_whatever_the_review_wording() -> None:
    """A hook between them may reword or drop review lines; the decision rests on ``placed`` alone."""
    source = "Um 10.30 Uhr begann es."
    draft = Draft(source=source, text=source)
    hook = LocaliseHook(parse_locale("en-US"))
    hook.before(draft)
    (number,) = draft.protected
    # The engine wrote the time its own way, and the tag hook put the token back at a guess.
    draft.text = f"It began at 10:30 a.m. <{number}/>"
    draft.flag_placed(number)
    draft.review.clear()
    hook.after(draft)
    assert draft.text == "It began at 10:30\u202fAM"
    assert draft.placed == {} and draft.review == []


def test_without_a_placed_record_the_token_is_rendered_where_it_stands() -> None:
    source = "Um 10.30 Uhr begann es."
    draft = Draft(source=source, text=source)
    hook = LocaliseHook(parse_locale("en-US"))
    hook.before(draft)
    (number,) = draft.protected
    draft.text = f"It began at <{number}/>."
    hook.after(draft)
    assert draft.text == "It began at 10:30\u202fAM."
