"""Comparing the manager's and the counselor's views, and settling the agreed selection (pure).

The guide asks managers and counselors to go through the checklist together and confirm how each
of them sees things (「相談員と管理者の間でこのチェックリストを用いながら対話を行い、互いの認識を確認」).
In a 1on1 each enters their own view (:class:`~supportguide_app.plan.session.View`); this module
lines the two up item by item, differences first, and proposes the agreed selection
(:attr:`Session.selections`, what the plan and the PDF use): what both chose is proposed, what only
one chose is left for the two people to decide. Adopting a proposal is a list of
:meth:`Session.set_value` edits, so that the window can put them on the undo stack as one step.

Notes are never copied into the agreed selection: the counselor's notes are theirs, and go into an
export only with their consent (see ``report/data.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from supportguide_app.guide import Guide
from supportguide_app.plan.session import CHECKPOINTS, Path, Session

# Checkpoints 1 and 2 are always compared; checkpoint 3 only when someone entered something there
# (the guide's dialogue is about difficulties and goals; methods are optional in a view).
REQUIRED_CHECKPOINTS = ("difficulties", "goals")

Edit = tuple[Path, Any]


class Agreement(Enum):
    """How the two views relate on one item. The value is stored nowhere; labels are for people."""

    MANAGER_ONLY = "manager_only"
    COUNSELOR_ONLY = "counselor_only"
    BOTH = "both"
    NEITHER = "neither"

    @property
    def label(self) -> str:
        return AGREEMENT_LABELS[self]

    @property
    def differs(self) -> bool:
        return self in (Agreement.MANAGER_ONLY, Agreement.COUNSELOR_ONLY)


AGREEMENT_LABELS = {
    Agreement.BOTH: "両方が選んだ",
    Agreement.MANAGER_ONLY: "管理者のみ",
    Agreement.COUNSELOR_ONLY: "相談員のみ",
    Agreement.NEITHER: "どちらも選ばなかった",
}
# Groups in the order they are shown: what needs talking about first.
GROUP_ORDER = (Agreement.MANAGER_ONLY, Agreement.COUNSELOR_ONLY, Agreement.BOTH, Agreement.NEITHER)


@dataclass(frozen=True)
class ItemComparison:
    """One item of a checkpoint as both people see it, with the agreed selection beside it.

    Notes are given as written; ``counselor_note_shared`` says whether the counselor consented to
    the note going into an export (the report leaves it out otherwise). ``known`` is False for an
    ID this version's guide does not have (kept, shown by its ID).
    """

    checkpoint: str
    item_id: str
    manager: bool
    counselor: bool
    agreed: bool
    manager_note: str = ""
    counselor_note: str = ""
    counselor_note_shared: bool = False
    known: bool = True

    @property
    def agreement(self) -> Agreement:
        if self.manager and self.counselor:
            return Agreement.BOTH
        if self.manager:
            return Agreement.MANAGER_ONLY
        if self.counselor:
            return Agreement.COUNSELOR_ONLY
        return Agreement.NEITHER

    @property
    def differs(self) -> bool:
        return self.agreement.differs

    def has_content(self) -> bool:
        """Worth showing in a report: someone chose it, it is agreed, or someone wrote a note."""
        return (self.manager or self.counselor or self.agreed
                or bool(self.manager_note.strip()) or bool(self.counselor_note.strip()))


@dataclass(frozen=True)
class CheckpointComparison:
    """A checkpoint's items: differences first, then both, then neither; each group in guide order."""

    checkpoint: str
    items: tuple[ItemComparison, ...]

    def group(self, agreement: Agreement) -> tuple[ItemComparison, ...]:
        return tuple(i for i in self.items if i.agreement is agreement)

    @property
    def differences(self) -> tuple[ItemComparison, ...]:
        return tuple(i for i in self.items if i.differs)

    @property
    def both(self) -> tuple[ItemComparison, ...]:
        return self.group(Agreement.BOTH)

    @property
    def neither(self) -> tuple[ItemComparison, ...]:
        return self.group(Agreement.NEITHER)


def compare_checkpoint(session: Session, guide: Guide, checkpoint: str) -> CheckpointComparison:
    """The two views of one checkpoint, item by item, differences first.

    Every item of the guide is listed (those neither chose last), then IDs the guide does not know
    that either view or the agreed selection holds, in the order they were first touched (the
    manager's, then the counselor's, then the agreed selection's). Within each group the guide's
    order is kept. Items only one person chose come first, the manager's before the counselor's.
    """
    if checkpoint not in CHECKPOINTS:
        raise KeyError(checkpoint)
    manager, counselor = session.views["manager"], session.views["counselor"]
    known_ids = guide.item_ids(checkpoint)
    known = set(known_ids)
    unknown = [i for i in (*manager.selections[checkpoint], *counselor.selections[checkpoint],
                           *session.selections[checkpoint]) if i not in known]
    items = [
        ItemComparison(
            checkpoint=checkpoint,
            item_id=item_id,
            manager=manager.is_selected(checkpoint, item_id),
            counselor=counselor.is_selected(checkpoint, item_id),
            agreed=session.is_selected(checkpoint, item_id),
            manager_note=manager.note(checkpoint, item_id),
            counselor_note=counselor.note(checkpoint, item_id),
            counselor_note_shared=counselor.note_shared(checkpoint, item_id),
            known=item_id in known,
        )
        for item_id in (*known_ids, *dict.fromkeys(unknown))
    ]
    rank = {agreement: index for index, agreement in enumerate(GROUP_ORDER)}
    items.sort(key=lambda item: rank[item.agreement])  # stable: guide order within a group
    return CheckpointComparison(checkpoint, tuple(items))


def compared_checkpoints(session: Session) -> tuple[str, ...]:
    """Checkpoints worth comparing: 1 and 2 always, 3 when either view has something there."""
    extra = tuple(cp for cp in CHECKPOINTS if cp not in REQUIRED_CHECKPOINTS and any(
        view.selections[cp] or view.note_consent[cp] for view in session.views.values()))
    return REQUIRED_CHECKPOINTS + extra


def compare_views(session: Session, guide: Guide,
                  checkpoints: Iterable[str] | None = None) -> tuple[CheckpointComparison, ...]:
    """:func:`compare_checkpoint` for each checkpoint (default: :func:`compared_checkpoints`)."""
    chosen = compared_checkpoints(session) if checkpoints is None else tuple(checkpoints)
    return tuple(compare_checkpoint(session, guide, cp) for cp in chosen)


@dataclass(frozen=True)
class AgreementProposal:
    """A proposed agreed selection for one checkpoint.

    ``decisions`` maps item IDs to whether they are to be selected in the agreed selection: at
    first, what both chose → True. ``undecided`` are the differences, left for the two people; the
    window settles each with :meth:`decide`. Items not named are left as the agreed selection has
    them (an item neither chose is not unticked: the agreed selection may have been entered first).
    """

    checkpoint: str
    decisions: Mapping[str, bool] = field(default_factory=dict)
    undecided: tuple[str, ...] = ()

    def decide(self, item_id: str, selected: bool) -> AgreementProposal:
        """The same proposal with one item decided (an undecided one, or a change of mind)."""
        decisions = {**self.decisions, item_id: selected}
        return replace(self, decisions=decisions,
                       undecided=tuple(i for i in self.undecided if i != item_id))


def agreement_proposal(session: Session, guide: Guide, checkpoint: str) -> AgreementProposal:
    """Propose the agreed selection of a checkpoint: both chose → selected; differences → undecided.

    Both lists follow the comparison's order (the guide's, unknown IDs after).
    """
    comparison = compare_checkpoint(session, guide, checkpoint)
    return AgreementProposal(
        checkpoint,
        decisions={item.item_id: True for item in comparison.both},
        undecided=tuple(item.item_id for item in comparison.differences),
    )


def adoption_edits(session: Session, proposal: AgreementProposal) -> list[Edit]:
    """The :meth:`Session.set_value` edits that make the agreed selection follow ``proposal``.

    Only changes: an item already as decided gives no edit, so adopting twice is a no-op. The
    window applies them as one undo macro; :func:`apply_edits` does the same without Qt.
    """
    return [(("selection", proposal.checkpoint, item_id, "selected"), selected)
            for item_id, selected in proposal.decisions.items()
            if session.is_selected(proposal.checkpoint, item_id) != selected]


def apply_edits(session: Session, edits: Iterable[Edit]) -> list[Edit]:
    """Apply edits in order; return the edits that undo them (in the order to apply them)."""
    undo = [(path, session.set_value(path, value)) for path, value in edits]
    undo.reverse()
    return undo
