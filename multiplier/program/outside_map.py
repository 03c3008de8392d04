"""The map of a theme's outside world, laid out in Python for a server-rendered SVG.

The theme sits in the middle, its entities on a ring around it (grouped by kind, in a fixed
order), and the people tied to them on an outer ring, each as close as possible to the angle of
their entities. Labels are horizontal and point away from the centre. The layout is deterministic
(same input, same picture) and guaranteed free of overlapping labels: text widths are estimated
generously, and whenever two labels (or a label and a node) would touch, the rings grow or the
people spread further apart until nothing does.

Coordinates are SVG user units around (0, 0); `MapLayout.view_box` frames everything.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

# Sizes the template draws with (and the tests check at).
THEME_FONT = 16
ENTITY_FONT = 14
PERSON_FONT = 13
CHAR_WIDTH = 0.62  # of the font size: wider than the average glyph of a sans-serif font
LINE_HEIGHT = 1.3
ENTITY_RADIUS = 10
KEY_ENTITY_RADIUS = 14
PERSON_RADIUS = 7
LABEL_GAP = 5  # between a node and its label
CLEARANCE = 3  # between any two labels, or a label and someone else's node
THEME_PADDING = (12, 8)  # around the theme's name, in its pill
ENTITY_LABEL_CHARS = 24
PERSON_LABEL_CHARS = 22
THEME_LABEL_CHARS = 30
MARGIN = 12
MAX_ROUNDS = 400

# Strongest first: when a person has several ties to one entity, one line shows the strongest.
TIE_STRENGTH = ("knows", "engages", "follows", "should_connect")

# Colours per entity kind (the Okabe-Ito palette, told apart by colour-blind readers too; the
# shapes differ as well).
KIND_COLOURS: dict[str, str] = {
    "audience": "#0072b2",
    "influencer": "#d55e00",
    "media": "#009e73",
    "community": "#cc79a7",
    "event": "#e69f00",
    "peer": "#56b4e9",
}
PERSON_COLOUR = "#1f5f8b"
INK = "#1d2329"


@dataclass(frozen=True)
class LineStyle:
    stroke: str
    width: float
    dash: str = ""  # SVG stroke-dasharray; "" for a solid line


# Stronger ties are darker and thicker; a suggestion is dashed.
LINE_STYLES: dict[str, LineStyle] = {
    "theme": LineStyle("#c5ccd3", 1.5),
    "follows": LineStyle("#7b8794", 1.5),
    "engages": LineStyle("#1f5f8b", 2.5),
    "knows": LineStyle(INK, 3.5),
    "should_connect": LineStyle("#9a5b00", 2, "6 5"),
}


def text_colour_on(background: str) -> str:
    """White or ink, whichever contrasts more with a #rrggbb background (WCAG luminance)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    try:
        r, g, b = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    except (ValueError, TypeError):
        return "#ffffff"
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    ink = 0.2126 * channel(0x1D) + 0.7152 * channel(0x23) + 0.0722 * channel(0x29)
    on_white = 1.05 / (luminance + 0.05)
    on_ink = (luminance + 0.05) / (ink + 0.05)
    return "#ffffff" if on_white >= on_ink else INK


@dataclass(frozen=True)
class MapEntity:
    key: int
    name: str
    kind: str
    is_key: bool = False
    title: str = ""  # the tooltip, if more than the name


@dataclass(frozen=True)
class MapPerson:
    key: int
    name: str
    title: str = ""


@dataclass(frozen=True)
class MapTie:
    entity: int
    person: int
    kind: str


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def overlaps(self, other: Box, clearance: float = 0) -> bool:
        return not (
            self.right + clearance <= other.x
            or other.right + clearance <= self.x
            or self.bottom + clearance <= other.y
            or other.bottom + clearance <= self.y
        )


@dataclass(frozen=True)
class Label:
    text: str  # as drawn (shortened with "…" when long)
    x: float  # the text's anchor point and baseline
    y: float
    anchor: str  # "start", "middle" or "end" (SVG text-anchor)
    font_size: int
    box: Box  # the space the text takes, estimated generously


@dataclass(frozen=True)
class Node:
    key: int
    name: str  # in full, for the tooltip
    x: float
    y: float
    radius: float
    label: Label
    kind: str = ""
    is_key: bool = False
    title: str = ""  # the tooltip

    @property
    def box(self) -> Box:
        r = self.radius
        return Box(self.x - r, self.y - r, 2 * r, 2 * r)

    @property
    def shape_points(self) -> str:
        """The entity's outline as SVG polygon points ("" for a circle)."""
        return shape_points(self.kind, self.x, self.y, self.radius)

    @property
    def colour(self) -> str:
        return KIND_COLOURS.get(self.kind, PERSON_COLOUR)


@dataclass(frozen=True)
class Line:
    """From (x1, y1) to (x2, y2): straight for the theme's spokes and for a person's tie with
    nothing in its way; a tie that would cross the theme or someone else's node or label goes
    round the map instead, along a circle of radius `corridor` (see `_corridors`)."""

    x1: float
    y1: float
    x2: float
    y2: float
    kind: str  # a connection kind, or "theme" for the theme-to-entity spokes
    person: int | None = None
    entity: int | None = None
    corridor: float | None = None

    @property
    def style(self) -> LineStyle:
        return LINE_STYLES[self.kind]

    def _turn(self) -> tuple[float, float]:
        """The angle the tie leaves the person at, and how far it turns (the short way round)."""
        a1, a2 = math.atan2(self.y1, self.x1), math.atan2(self.y2, self.x2)
        return a1, (a2 - a1 + math.pi) % (2 * math.pi) - math.pi

    @property
    def path(self) -> str:
        """The SVG path data."""
        start, end = f"M{self.x1:.1f} {self.y1:.1f}", f"L{self.x2:.1f} {self.y2:.1f}"
        if self.corridor is None:
            return f"{start} {end}"
        r = self.corridor
        a1, turn = self._turn()
        in_x, in_y = r * math.cos(a1), r * math.sin(a1)
        out_x, out_y = r * math.cos(a1 + turn), r * math.sin(a1 + turn)
        sweep = 1 if turn > 0 else 0  # SVG's y points down: a positive turn is clockwise
        return (
            f"{start} L{in_x:.1f} {in_y:.1f} A{r:.1f} {r:.1f} 0 0 {sweep} {out_x:.1f} {out_y:.1f} "
            f"{end}"
        )

    def arc_points(self) -> list[tuple[float, float]]:
        """Points along the arc (at most 3 degrees apart), to frame the picture around it."""
        if self.corridor is None:
            return []
        a1, turn = self._turn()
        steps = max(1, math.ceil(abs(turn) / math.radians(3)))
        angles = [a1 + turn * i / steps for i in range(steps + 1)]
        return [(self.corridor * math.cos(a), self.corridor * math.sin(a)) for a in angles]


@dataclass(frozen=True)
class MapLayout:
    view_box: Box
    theme: Node  # its label box is the pill drawn around the name
    entities: list[Node]
    people: list[Node]
    lines: list[Line]

    @property
    def view_box_attr(self) -> str:
        b = self.view_box
        return f"{b.x:.0f} {b.y:.0f} {b.width:.0f} {b.height:.0f}"

    def label_boxes(self) -> list[Box]:
        return [node.label.box for node in (self.theme, *self.entities, *self.people)]


# --- Shapes ------------------------------------------------------------------------------------

# Corners of each kind's shape (a circle has none); colour-blind readers tell kinds apart by shape.
_CORNERS: dict[str, tuple[int, float]] = {
    "influencer": (4, -90),  # diamond
    "media": (4, -45),  # square
    "community": (6, -90),  # hexagon
    "event": (3, -90),  # triangle
    "peer": (5, -90),  # pentagon
}


def shape_points(kind: str, x: float, y: float, radius: float) -> str:
    if kind not in _CORNERS:
        return ""
    corners, start = _CORNERS[kind]
    # Polygons look smaller than a circle of the same radius: scale up a little.
    r = radius * (1.25 if corners == 3 else 1.15)
    points = []
    for i in range(corners):
        angle = math.radians(start + 360 * i / corners)
        points.append(f"{x + r * math.cos(angle):.1f},{y + r * math.sin(angle):.1f}")
    return " ".join(points)


# --- Labels ------------------------------------------------------------------------------------


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def text_width(text: str, font_size: int) -> float:
    return len(text) * font_size * CHAR_WIDTH


def _outward_label(text: str, x: float, y: float, angle: float, radius: float, font: int) -> Label:
    """A label beside the node, on the side away from the centre: right of nodes on the right,
    left of nodes on the left, above or below nodes near the top or the bottom."""
    width, height = text_width(text, font), font * LINE_HEIGHT
    cos, sin = math.cos(angle), math.sin(angle)
    if abs(cos) >= 0.35:
        if cos > 0:
            left, anchor, tx = x + radius + LABEL_GAP, "start", x + radius + LABEL_GAP
        else:
            tx = x - radius - LABEL_GAP
            left, anchor = tx - width, "end"
        top = y - height / 2
    else:
        left, anchor, tx = x - width / 2, "middle", x
        top = y + radius + LABEL_GAP if sin > 0 else y - radius - LABEL_GAP - height
    box = Box(left, top, width, height)
    # The baseline sits about a third of the font size below the box's middle.
    return Label(text, tx, top + height / 2 + font * 0.35, anchor, font, box)


def _theme_node(name: str) -> Node:
    text = shorten(name, THEME_LABEL_CHARS)
    pad_x, pad_y = THEME_PADDING
    width = text_width(text, THEME_FONT) + 2 * pad_x
    height = THEME_FONT * LINE_HEIGHT + 2 * pad_y
    box = Box(-width / 2, -height / 2, width, height)
    label = Label(text, 0, THEME_FONT * 0.35, "middle", THEME_FONT, box)
    return Node(0, name, 0, 0, max(width, height) / 2, label, kind="theme", title=name)


def _on_ring(
    key: int, name: str, angle: float, ring: float, radius: float, font: int, chars: int, **extra
) -> Node:
    x, y = ring * math.cos(angle), ring * math.sin(angle)
    label = _outward_label(shorten(name, chars), x, y, angle, radius, font)
    return Node(key, name, x, y, radius, label, **extra)


# --- Angles ------------------------------------------------------------------------------------


def _circular_mean(angles: Sequence[float]) -> float:
    x = sum(math.cos(a) for a in angles)
    y = sum(math.sin(a) for a in angles)
    if math.hypot(x, y) < 1e-9:  # entities exactly opposite each other: take the first
        return angles[0]
    return math.atan2(y, x)


def spread(desired: Sequence[float], separation: float) -> list[float]:
    """Angles as close as possible to `desired` (radians, any range) but at least
    `separation` apart around the circle, in the same circular order; in input order, each
    in [0, 2π).

    The circle is cut in the middle of the widest gap between the desired angles, which turns
    it into a line; on the line, neighbours that would be too close form a cluster centred on
    their desired positions (a classic 1-D label placement, always feasible when
    n * separation <= 2π). More than fits goes evenly round."""
    n = len(desired)
    if n == 0:
        return []
    tau = 2 * math.pi
    order = sorted(range(n), key=lambda i: (desired[i] % tau, i))
    values = [desired[i] % tau for i in order]
    if n * separation >= tau:
        return _in_input_order(order, [(values[0] + tau * k / n) % tau for k in range(n)])
    gaps = [(values[k + 1] - values[k], k) for k in range(n - 1)]
    gaps.append((values[0] + tau - values[-1], n - 1))
    widest, k = max(gaps)
    cut = values[k] + widest / 2
    # Unroll the circle from the cut: the item after the widest gap comes first.
    rolled = order[k + 1 :] + order[: k + 1]
    line = [(desired[i] - cut) % tau for i in rolled]
    positions = _place_on_line(line, separation, separation / 2, tau - separation / 2)
    return _in_input_order(rolled, [(position + cut) % tau for position in positions])


def _in_input_order(order: Sequence[int], values: Sequence[float]) -> list[float]:
    result = [0.0] * len(order)
    for i, value in zip(order, values, strict=True):
        result[i] = value
    return result


def _place_on_line(desired: Sequence[float], gap: float, low: float, high: float) -> list[float]:
    """Positions in [low, high], at least `gap` apart, in order, each cluster of neighbours
    centred on the mean of what its members want. `desired` is sorted."""
    # A cluster: [first item, item count, sum of (desired - offset in the cluster)].
    clusters: list[list[float]] = []

    def start(cluster: list[float]) -> float:
        _first, count, total = cluster
        return min(max(total / count, low), high - (count - 1) * gap)

    for i, value in enumerate(desired):
        clusters.append([i, 1, value])
        while len(clusters) > 1:
            before, last = clusters[-2], clusters[-1]
            if start(before) + before[1] * gap <= start(last) + 1e-9:
                break
            before[2] += last[2] - last[1] * before[1] * gap
            before[1] += last[1]
            clusters.pop()
    positions = []
    for cluster in clusters:
        first = start(cluster)
        positions.extend(first + k * gap for k in range(int(cluster[1])))
    return positions


# --- The layout --------------------------------------------------------------------------------


def _collisions(nodes: Sequence[Node], fixed: Sequence[Node] = ()) -> list[tuple[Node, Node]]:
    """Pairs of nodes (at least one of them in `nodes`) whose labels or shapes touch. A sweep
    over the boxes sorted by their left edge keeps this fast enough for every round."""
    everyone = [*fixed, *nodes]
    first_free = len(fixed)
    rects = []  # (left, top, right, bottom, index of the node in `everyone`)
    for owner, node in enumerate(everyone):
        for box in (node.box, node.label.box):
            rects.append((box.x, box.y, box.right, box.bottom, owner))
    rects.sort()
    found: set[tuple[int, int]] = set()
    for i, (_left, top, right, bottom, owner) in enumerate(rects):
        for other_left, other_top, _right, other_bottom, other in rects[i + 1 :]:
            if other_left >= right + CLEARANCE:
                break
            if other == owner or (owner < first_free and other < first_free):
                continue
            if other_top >= bottom + CLEARANCE or top >= other_bottom + CLEARANCE:
                continue
            found.add((min(owner, other), max(owner, other)))
    return [(everyone[a], everyone[b]) for a, b in sorted(found)]


def _place_entities(theme: Node, entities: Sequence[MapEntity]) -> tuple[list[Node], float]:
    n = len(entities)
    if n == 0:
        return [], theme.radius
    angles = [-math.pi / 2 + 2 * math.pi * i / n for i in range(n)]
    # Start close (the half height of the theme's pill) and let the check push the ring out:
    # beside a wide pill the entities need more room than above and below it.
    ring = theme.label.box.height / 2 + KEY_ENTITY_RADIUS + 30
    for _round in range(MAX_ROUNDS):
        nodes = [
            _on_ring(
                e.key,
                e.name,
                angle,
                ring,
                KEY_ENTITY_RADIUS if e.is_key else ENTITY_RADIUS,
                ENTITY_FONT,
                ENTITY_LABEL_CHARS,
                kind=e.kind,
                is_key=e.is_key,
                title=e.title or e.name,
            )
            for e, angle in zip(entities, angles, strict=True)
        ]
        if not _collisions(nodes, [theme]):
            return nodes, ring
        ring *= 1.08
    raise RuntimeError("the entities' labels do not fit")  # pragma: no cover (see tests)


def _reach(nodes: Iterable[Node]) -> float:
    """How far from the centre the nodes and their labels go."""
    far = 0.0
    for node in nodes:
        box = node.label.box
        for x in (box.x, box.right):
            for y in (box.y, box.bottom):
                far = max(far, math.hypot(x, y))
    return far


def _place_people(
    fixed: Sequence[Node],
    people: Sequence[MapPerson],
    desired: dict[int, float],
    entity_reach: float,
) -> list[Node]:
    if not people:
        return []
    ring = entity_reach + PERSON_RADIUS + 24
    arc = PERSON_FONT * LINE_HEIGHT + CLEARANCE  # neighbours at the sides need only a line
    for _round in range(MAX_ROUNDS):
        ring = max(ring, len(people) * arc / (2 * math.pi))
        angles = spread([desired[p.key] for p in people], arc / ring)
        nodes = [
            _on_ring(
                p.key,
                p.name,
                angle,
                ring,
                PERSON_RADIUS,
                PERSON_FONT,
                PERSON_LABEL_CHARS,
                title=p.title or p.name,
            )
            for p, angle in zip(people, angles, strict=True)
        ]
        collisions = _collisions(nodes, fixed)
        if not collisions:
            return nodes
        if any(a in fixed or b in fixed for a, b in collisions):
            ring *= 1.06  # too close to the entities: move the people out
        else:
            arc *= 1.12  # too close to each other: spread them
    raise RuntimeError("the people's labels do not fit")  # pragma: no cover (see tests)


def layout(
    theme_name: str,
    entities: Sequence[MapEntity],
    people: Sequence[MapPerson],
    ties: Sequence[MapTie],
) -> MapLayout:
    """Place everything. `entities` in the order they go round the ring (clockwise from the
    top); `people` are those with at least one tie in `ties` (others are ignored)."""
    theme = _theme_node(theme_name)
    entity_nodes, _ring = _place_entities(theme, entities)
    angle_of = {node.key: math.atan2(node.y, node.x) for node in entity_nodes}
    strongest: dict[tuple[int, int], str] = {}
    for tie in ties:
        if tie.entity not in angle_of or tie.kind not in TIE_STRENGTH:
            continue
        pair = (tie.person, tie.entity)
        current = strongest.get(pair)
        if current is None or TIE_STRENGTH.index(tie.kind) < TIE_STRENGTH.index(current):
            strongest[pair] = tie.kind
    tied: dict[int, list[float]] = {}
    for person, entity in sorted(strongest):
        tied.setdefault(person, []).append(angle_of[entity])
    placed_people = [p for p in people if p.key in tied]
    desired = {key: _circular_mean(angles) for key, angles in tied.items()}
    fixed = [theme, *entity_nodes]
    person_nodes = _place_people(fixed, placed_people, desired, _reach(fixed))

    entity_at = {node.key: node for node in entity_nodes}
    person_at = {node.key: node for node in person_nodes}
    corridors = _corridors(_reach(fixed), person_nodes)
    lines = [Line(0, 0, node.x, node.y, "theme", entity=node.key) for node in entity_nodes]
    for (person, entity), kind in sorted(
        strongest.items(), key=lambda item: (-TIE_STRENGTH.index(item[1]), item[0])
    ):
        if person in person_at:
            p, e = person_at[person], entity_at[entity]
            others = [node for node in (*entity_nodes, *person_nodes) if node not in (p, e)]
            obstacles = [theme.label.box, *(b for n in others for b in (n.box, n.label.box))]
            # Straight when nothing is in the way; otherwise round the map.
            blocked = any(_segment_meets(p.x, p.y, e.x, e.y, box) for box in obstacles)
            corridor = corridors[person] if blocked else None
            lines.append(Line(p.x, p.y, e.x, e.y, kind, person, entity, corridor=corridor))
    arcs = [point for line in lines for point in line.arc_points()]
    frame = _frame([theme, *entity_nodes, *person_nodes], arcs)
    return MapLayout(frame, theme, entity_nodes, person_nodes, lines)


def _segment_meets(x1: float, y1: float, x2: float, y2: float, box: Box) -> bool:
    """Whether the segment from (x1, y1) to (x2, y2) touches the box (Liang-Barsky clipping)."""
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    for p, q in (
        (-dx, x1 - box.x),
        (dx, box.right - x1),
        (-dy, y1 - box.y),
        (dy, box.bottom - y1),
    ):
        if p == 0:
            if q < 0:
                return False  # parallel to this edge and outside it
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def _corridors(entity_reach: float, people: Sequence[Node]) -> dict[int, float]:
    """Per person, the radius of the circle their ties follow round the map: in the empty band
    between the entities' labels and the people's ring, so that a tie to an entity on the far
    side goes round the theme instead of through it (and through other entities). Each person
    has their own radius, so their ties can be told apart where they run side by side."""
    if not people:
        return {}
    inner = math.hypot(people[0].x, people[0].y) - PERSON_RADIUS
    band = inner - entity_reach
    step = band / (len(people) + 1)
    return {person.key: entity_reach + step * (i + 1) for i, person in enumerate(people)}


def _frame(nodes: Sequence[Node], points: Sequence[tuple[float, float]] = ()) -> Box:
    """The view box: every node, label and point (of the ties' arcs), with a margin."""
    boxes = [b for node in nodes for b in (node.box, node.label.box)]
    boxes += [Box(x, y, 0, 0) for x, y in points]
    left = math.floor(min(b.x for b in boxes) - MARGIN)
    top = math.floor(min(b.y for b in boxes) - MARGIN)
    right = math.ceil(max(b.right for b in boxes) + MARGIN)
    bottom = math.ceil(max(b.bottom for b in boxes) + MARGIN)
    return Box(left, top, right - left, bottom - top)


def layout_theme_map(theme_map: Any, key_word: str = "key entity") -> MapLayout:
    """The layout of a `selectors.outside_world.ThemeMap` (`key_word`, translated, marks key
    entities in the tooltips)."""
    return layout(
        theme_map.theme.name,
        [
            MapEntity(e.pk, e.name, e.kind, e.is_key, title=_entity_title(e, key_word))
            for e in theme_map.entities
        ],
        [MapPerson(p.pk, p.user.display_name) for p in theme_map.people],
        [MapTie(c.entity_id, c.membership_id, c.kind) for c in theme_map.connections],
    )


def _entity_title(entity: Any, key_word: str) -> str:
    details = [entity.get_kind_display(), *([key_word] if entity.is_key else [])]
    return f"{entity.name} ({', '.join(details)})"
