"""The map of a theme's outside world: the radial layout (program/outside_map.py) and its page."""

from __future__ import annotations

import itertools
import math
import random
import re

import pytest
from django.urls import reverse

from multiplier.core.models import MembershipStatus
from multiplier.program.models import Connection, Entity, EntityKind, MemberTheme, Theme
from multiplier.program.outside_map import (
    CLEARANCE,
    ENTITY_LABEL_CHARS,
    LINE_STYLES,
    PERSON_RADIUS,
    MapEntity,
    MapLayout,
    MapPerson,
    MapTie,
    layout,
    spread,
    text_colour_on,
)

KINDS = [kind.value for kind in EntityKind]
SHORT = "Ann"
LONG = "Wereldwijde Vereniging van Duurzame Bouwers en Installateurs"  # longer than any label


def entities(n: int, name: str = "Entity") -> list[MapEntity]:
    return [MapEntity(i, f"{name} {i}", KINDS[i % len(KINDS)], is_key=i % 3 == 0) for i in range(n)]


def people(n: int, name: str = "Person") -> list[MapPerson]:
    return [MapPerson(100 + i, f"{name} {i}") for i in range(n)]


def overlaps(result: MapLayout) -> list[tuple[str, str]]:
    """Every pair of labels that touch, and every label that touches someone else's node."""
    nodes = [result.theme, *result.entities, *result.people]
    found = []
    for a, b in itertools.combinations(nodes, 2):
        if (
            a.label.box.overlaps(b.label.box)
            or a.label.box.overlaps(b.box)
            or b.label.box.overlaps(a.box)
        ):
            found.append((a.label.text, b.label.text))
    return found


# Sizes from an empty theme to a crowded one, short and long names, and the worst clustering
# (everyone tied to the same entity).
CASES = [
    (n_entities, n_people, name, pattern)
    for n_entities in (1, 2, 3, 6, 12, 30)
    for n_people in (0, 1, 4, 15, 40)
    for name in ("short", "long")
    for pattern in ("one", "spread", "random")
]
NAMES = {"short": SHORT, "long": LONG}


def ties_for(pattern: str, ents: list[MapEntity], ppl: list[MapPerson]) -> list[MapTie]:
    rng = random.Random(f"{len(ents)}-{len(ppl)}")
    result = []
    for i, person in enumerate(ppl):
        if pattern == "one":
            targets = [ents[0]]
        elif pattern == "spread":
            targets = [ents[i % len(ents)]]
        else:
            targets = rng.sample(ents, k=min(len(ents), rng.randint(1, 3)))
        kinds = ["follows", "knows", "engages", "should_connect"]
        result += [MapTie(t.key, person.key, kinds[(i + t.key) % 4]) for t in targets]
    return result


@pytest.mark.parametrize(("n_entities", "n_people", "name", "pattern"), CASES)
def test_no_label_overlaps_another_label_or_node(n_entities, n_people, name, pattern):
    name = NAMES[name]
    ents, ppl = entities(n_entities, name), people(n_people, name)
    result = layout(f"{name} theme", ents, ppl, ties_for(pattern, ents, ppl))
    assert overlaps(result) == []
    assert len(result.entities) == n_entities and len(result.people) == n_people


def reach(nodes) -> float:
    """How far from the centre the nodes and their labels go."""
    return max(
        math.hypot(x, y)
        for node in nodes
        for box in (node.box, node.label.box)
        for x in (box.x, box.right)
        for y in (box.y, box.bottom)
    )


def inside(x: float, y: float, box) -> bool:
    return box.x <= x <= box.right and box.y <= y <= box.bottom


@pytest.mark.parametrize(
    ("n_entities", "n_people", "pattern"),
    [(2, 1, "one"), (4, 2, "spread"), (12, 15, "random"), (30, 40, "spread")],
)
def test_no_tie_runs_through_the_theme_or_someone_elses_node_or_label(
    n_entities, n_people, pattern
):
    ents, ppl = entities(n_entities, LONG), people(n_people, LONG)
    result = layout(LONG, ents, ppl, ties_for(pattern, ents, ppl))
    inner = reach([result.theme, *result.entities])
    outer = min(math.hypot(p.x, p.y) for p in result.people) - PERSON_RADIUS
    ties = [line for line in result.lines if line.kind != "theme"]
    assert ties
    nodes = {("e", n.key): n for n in result.entities} | {("p", n.key): n for n in result.people}
    for line in ties:
        if line.corridor is not None:
            # Round the map: in the empty band between the entities' labels and the people.
            assert inner < line.corridor < outer
            continue
        others = [n for k, n in nodes.items() if k not in (("e", line.entity), ("p", line.person))]
        boxes = [result.theme.label.box, *(b for n in others for b in (n.box, n.label.box))]
        for step in range(201):
            x = line.x1 + (line.x2 - line.x1) * step / 200
            y = line.y1 + (line.y2 - line.y1) * step / 200
            assert not any(inside(x, y, box) for box in boxes), (line, step)
    # One circle per person, so the ties of two people running side by side stay apart.
    routed = {line.person: line.corridor for line in ties if line.corridor is not None}
    assert len(set(routed.values())) == len(routed)
    assert all(line.corridor is None for line in result.lines if line.kind == "theme")


def test_a_tie_with_nothing_in_its_way_is_straight():
    ents, ppl = entities(4), people(1)
    result = layout("Energy", ents, ppl, [MapTie(ents[1].key, ppl[0].key, "knows")])
    (tie,) = [line for line in result.lines if line.kind != "theme"]
    assert tie.corridor is None and " A" not in tie.path


def test_a_tie_to_the_far_side_goes_round_the_theme_not_through_it():
    top, bottom = MapEntity(1, "Top", "media"), MapEntity(2, "Bottom", "event")
    person = MapPerson(100, "Eva")
    ties = [MapTie(1, 100, "follows"), MapTie(2, 100, "should_connect")]
    result = layout("Energy", [top, bottom], [person], ties)
    (eva,) = result.people
    to_bottom = next(line for line in result.lines if line.kind == "should_connect")
    assert eva.y < 0  # beside the first entity, at the top
    # In from Eva to her circle, half way round it, and in to the entity: "A" is the arc.
    path = to_bottom.path
    assert path.startswith(f"M{eva.x:.1f} {eva.y:.1f} L") and " A" in path
    r = to_bottom.corridor
    assert f"A{r:.1f} {r:.1f} 0 0 " in path
    assert path.endswith(f"L{result.entities[1].x:.1f} {result.entities[1].y:.1f}")
    assert r > reach([result.theme, *result.entities])


def test_the_layout_is_deterministic():
    ents, ppl = entities(8), people(12)
    ties = ties_for("random", ents, ppl)
    assert layout("Energy", ents, ppl, ties) == layout("Energy", ents, ppl, ties)


def test_everything_is_inside_the_view_box():
    ents, ppl = entities(12, LONG), people(15, LONG)
    result = layout(LONG, ents, ppl, ties_for("random", ents, ppl))
    frame = result.view_box
    for node in (result.theme, *result.entities, *result.people):
        for box in (node.box, node.label.box):
            assert frame.x <= box.x and box.right <= frame.right
            assert frame.y <= box.y and box.bottom <= frame.bottom
    # The ties' arcs round the map too.
    for line in result.lines:
        for x, y in line.arc_points():
            assert frame.x <= x <= frame.right and frame.y <= y <= frame.bottom


def test_an_arc_beside_a_narrow_picture_widens_the_frame():
    top, bottom = MapEntity(1, "Top", "media"), MapEntity(2, "Bottom", "event")
    ties = [MapTie(1, 100, "follows"), MapTie(2, 100, "should_connect")]
    result = layout("Energy", [top, bottom], [MapPerson(100, "Eva")], ties)
    to_bottom = next(line for line in result.lines if line.kind == "should_connect")
    widest = max(abs(x) for x, _y in to_bottom.arc_points())
    assert widest == pytest.approx(to_bottom.corridor, rel=0.01)  # half way round, at the side
    assert result.view_box.x < -widest or result.view_box.right > widest


def test_the_theme_is_in_the_middle_and_entities_on_a_ring_clockwise_from_the_top():
    result = layout("Energy", entities(4), [], [])
    assert (result.theme.x, result.theme.y) == (0, 0)
    radii = {round(math.hypot(n.x, n.y), 6) for n in result.entities}
    assert len(radii) == 1
    top, right, bottom, left = result.entities
    assert top.x == pytest.approx(0, abs=1e-9) and top.y < 0
    assert right.x > 0 and bottom.y > 0 and left.x < 0
    # Labels point away from the centre.
    assert (top.label.anchor, right.label.anchor, left.label.anchor) == ("middle", "start", "end")
    assert top.label.box.bottom < top.y and right.label.box.x > right.x
    assert left.label.box.right < left.x


def test_people_sit_outside_the_entities_near_what_they_are_tied_to():
    ents = entities(4)
    ppl = people(2)
    ties = [MapTie(ents[1].key, ppl[0].key, "follows"), MapTie(ents[3].key, ppl[1].key, "knows")]
    result = layout("Energy", ents, ppl, ties)
    ring = math.hypot(result.entities[0].x, result.entities[0].y)
    east, west = result.people
    assert math.hypot(east.x, east.y) > ring
    assert east.x > 0 and abs(east.y) < 1e-6  # next to the entity on the right
    assert west.x < 0 and abs(west.y) < 1e-6


def test_people_without_a_tie_to_the_themes_entities_are_left_out():
    ents = entities(2)
    ppl = people(3)
    ties = [MapTie(ents[0].key, ppl[0].key, "follows"), MapTie(999, ppl[1].key, "follows")]
    result = layout("Energy", ents, ppl, ties)
    assert [p.key for p in result.people] == [ppl[0].key]


def test_one_line_per_person_and_entity_showing_the_strongest_tie():
    ents, ppl = entities(1), people(2)
    ties = [
        MapTie(ents[0].key, ppl[0].key, "follows"),
        MapTie(ents[0].key, ppl[0].key, "knows"),
        MapTie(ents[0].key, ppl[1].key, "should_connect"),
    ]
    result = layout("Energy", ents, ppl, ties)
    ties_drawn = {(line.person, line.kind) for line in result.lines if line.kind != "theme"}
    assert ties_drawn == {(ppl[0].key, "knows"), (ppl[1].key, "should_connect")}
    assert [line.kind for line in result.lines].count("theme") == 1  # theme to each entity
    assert LINE_STYLES["should_connect"].dash and not LINE_STYLES["knows"].dash


def test_long_names_are_shortened_and_kept_whole_for_the_tooltip():
    result = layout("Energy", [MapEntity(1, LONG, "media", title=f"{LONG} (Media)")], [], [])
    (node,) = result.entities
    assert node.label.text == "Wereldwijde Vereniging…"  # cut at a word, not mid-space
    assert len(node.label.text) <= ENTITY_LABEL_CHARS
    assert node.title == f"{LONG} (Media)"


def test_an_empty_theme_is_just_the_theme():
    result = layout("Energy", [], [], [])
    assert result.entities == [] and result.people == [] and result.lines == []
    assert result.view_box.width > result.theme.label.box.width


def test_shapes_differ_per_kind():
    result = layout("Energy", entities(6), [], [])
    shapes = [
        node.shape_points.count(" ") + 1 if node.shape_points else 0 for node in result.entities
    ]
    assert shapes == [0, 4, 4, 6, 3, 5]  # circle, diamond, square, hexagon, triangle, pentagon


@pytest.mark.parametrize("separation", [0.05, 0.3, 1.0])
def test_spread_keeps_neighbours_apart_in_their_order(separation):
    rng = random.Random(7)
    desired = [rng.uniform(-math.pi, math.pi) for _ in range(12)] + [1.0, 1.0, 1.0]
    placed = spread(desired, separation)
    tau = 2 * math.pi
    ordered = sorted(range(len(desired)), key=lambda i: placed[i] % tau)
    angles = [placed[i] % tau for i in ordered]
    gaps = [(angles[(k + 1) % len(angles)] - angles[k]) % tau for k in range(len(angles))]
    assert min(gaps) >= min(separation, tau / len(desired)) - 1e-9


def test_spread_leaves_angles_alone_when_there_is_room():
    assert spread([0.0, 2.0, -2.0], 0.1) == pytest.approx([0.0, 2.0, 2 * math.pi - 2.0])


def test_spread_centres_a_crowd_on_where_it_wants_to_be():
    assert spread([1.0, 1.0, 1.0], 0.2) == pytest.approx([0.8, 1.0, 1.2])
    # Across the cut at 0 as well: the middle one stays, its neighbours go either side.
    assert spread([0.0, 0.0, 0.0], 0.2) == pytest.approx([2 * math.pi - 0.2, 0.0, 0.2])


def test_theme_name_colour_contrasts_with_the_theme_colour():
    assert text_colour_on("#1f5f8b") == "#ffffff"
    assert text_colour_on("#ffd166") == "#1d2329"
    assert CLEARANCE > 0


# --- The page -------------------------------------------------------------------------------------


@pytest.fixture
def theme(org) -> Theme:
    return Theme.objects.create(organization=org, name="Energy", colour="#2a7a4b")


def map_url(org, **params) -> str:
    from urllib.parse import urlencode

    url = reverse("entity_map", args=[org.slug])
    return f"{url}?{urlencode(params)}" if params else url


@pytest.mark.django_db
def test_the_map_page_draws_an_accessible_picture_and_the_same_as_a_table(
    login, manager, ambassador, make_member, org, theme
):
    anna = Entity.objects.create(
        organization=org, name="Anna Jansen", kind="influencer", is_key=True
    )
    fair = Entity.objects.create(organization=org, name="Energy fair", kind="event")
    for made in (anna, fair):
        made.themes.set([theme])
    Connection.objects.create(organization=org, entity=anna, membership=ambassador, kind="follows")
    Connection.objects.create(
        organization=org, entity=fair, membership=manager, kind="should_connect"
    )
    gone = make_member(org, name="Gone Person", status=MembershipStatus.OPTED_OUT)
    Connection.objects.create(organization=org, entity=fair, membership=gone, kind="knows")
    expert = make_member(org, name="Eva Expert")
    MemberTheme.objects.create(
        organization=org, membership=expert, theme=theme, relation="expertise"
    )

    response = login(manager).get(map_url(org, theme=theme.pk))
    page = response.content.decode()
    assert response.status_code == 200
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'role="img"' in svg and 'aria-labelledby="map-title map-desc"' in svg
    assert '<title id="map-title">The outside world of Energy</title>' in svg
    assert "2 entities around the theme. 2 people connected to them." in svg
    assert "<title>Anna Jansen (Influencer, key entity)</title>" in svg
    assert 'stroke-dasharray="6 5"' in svg  # the suggestion to the manager
    assert 'fill="#2a7a4b"' in svg  # the theme's colour
    assert "Gone Person" not in page
    # The table: entities by people (the expert without ties too), with every tie in words.
    the_map = response.context["map"]
    assert [p.user.display_name for p in the_map.people] == [
        "Amber Ambassador", "Eva Expert", "Max Manager"
    ]  # fmt: skip
    assert [[kinds for _p, kinds in cells] for _e, cells in the_map.rows()] == [
        [["follows"], [], []],
        [[], [], ["should_connect"]],
    ]
    assert "Should connect" in page and "Follows" in page
    assert [row.connected for row in the_map.rows()] == [True, False]  # a suggestion is no tie
    # On a phone each row is a card: a cell says whose tie it is; cells without one are hidden.
    assert '<td data-label="Amber Ambassador"><span class="badge tie tie-follows">' in page
    assert '<td data-label="Eva Expert" class="no-tie">' in page
    assert page.count('<span class="outside-matrix-nobody small">Nobody connected yet</span>') == 1


@pytest.mark.django_db
def test_svg_numbers_are_never_localised(login, manager, org, theme):
    entity = Entity.objects.create(organization=org, name="Anna Jansen", kind="influencer")
    entity.themes.set([theme])
    manager.user.language = "nl"
    manager.user.save()
    page = login(manager).get(map_url(org, theme=theme.pk)).content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    numbers = re.findall(r' (?:x1?|y1?|x2|y2|cx|cy|r|width|height)="([^"]*)"', svg)
    assert numbers and all(re.fullmatch(r"-?\d+(\.\d+)?", n) for n in numbers), numbers
    assert re.search(r'viewBox="-?\d+ -?\d+ \d+ \d+"', svg)


@pytest.mark.django_db
def test_the_map_starts_with_the_first_theme_and_offers_the_others(login, manager, org, theme):
    Theme.objects.create(organization=org, name="Zebra", position=5)
    response = login(manager).get(map_url(org))
    assert response.context["theme"] == theme
    page = response.content.decode()
    assert "Nothing around Energy yet" in page
    assert f"?theme={theme.pk}" in page  # add entities for this theme


@pytest.mark.django_db
def test_the_map_without_themes_explains_itself(login, manager, org):
    assert "No themes yet" in login(manager).get(map_url(org)).content.decode()


@pytest.mark.django_db
def test_a_theme_of_another_organisation_is_404(login, manager, org, other_org):
    foreign = Theme.objects.create(organization=other_org, name="Globex theme")
    assert login(manager).get(map_url(org, theme=foreign.pk)).status_code == 404
    assert login(manager).get(map_url(org, theme="x")).status_code == 404
