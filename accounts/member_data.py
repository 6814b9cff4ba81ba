"""A registry of member data held by other apps, for export and account deletion.

`accounts` never imports `forum`, yet a member's export and deletion must reach
their stories, replies, reactions and reports. So each app that keeps data about
a member registers a part here, from its AppConfig.ready():

    member_data.register(
        name="forum",
        title="Stories and replies",
        sections={"posts": "Everything you wrote", ...},
        exporter=export_member,      # (member) -> {section: [json-able dicts]}
        eraser=erase_member,         # (member, *, now) -> {what: count}; "erase my words"
        anonymiser=anonymise_member, # (member, *, now) -> {what: count}; "keep my words, anonymously"
    )

Both the eraser and the anonymiser must remove everything else that ties the
member to that app's rows (follows, reactions given, visits...): afterwards
nothing there may refer to the member. The accounts app itself runs last
(accounts.deletion), then removes the member row.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class MemberDataPart:
    name: str
    title: str
    exporter: object
    eraser: object
    anonymiser: object
    sections: dict = field(default_factory=dict)
    position: int = 100


_parts: dict[str, MemberDataPart] = {}


def register(*, name, exporter, eraser, anonymiser, title="", sections=None, position=100):
    """Add (or replace, on a repeated ready()) one app's part."""
    _parts[name] = MemberDataPart(
        name=name,
        title=title or name,
        exporter=exporter,
        eraser=eraser,
        anonymiser=anonymiser,
        sections=dict(sections or {}),
        position=position,
    )


def unregister(name):
    _parts.pop(name, None)


def parts():
    return sorted(_parts.values(), key=lambda part: (part.position, part.name))
