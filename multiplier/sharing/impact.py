"""Impact: what shares brought. Clicks come only from the tracking roll-up (LinkDay: human clicks
per link per day, bots already filtered out); never from raw clicks. Undone shares and their
links count nowhere, and on the managers' pages neither do opted-out members.

Two readers: the member's own "my impact", and a manager's view of one post by variant and by
network with its personalised share rate.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet, Sum

from multiplier.content.models import Post
from multiplier.core.models import Membership
from multiplier.tracking.models import LinkDay

from .models import Share, ShareNetwork

CHART_DAYS = 28


def _counted_days(days: QuerySet[LinkDay]) -> QuerySet[LinkDay]:
    # A link whose share was undone was never meant to be out there.
    return days.exclude(link__share__undone_at__isnull=False)


def _percent(part: int, whole: int) -> int | None:
    """A whole percentage; None when there is nothing to divide by (no shares yet)."""
    return round(100 * part / whole) if whole else None


@dataclass
class Row:
    key: str
    label: str
    shares: int = 0
    personalised: int = 0
    clicks: int = 0
    text: str = ""

    @property
    def personalised_rate(self) -> int | None:
        return _percent(self.personalised, self.shares)


@dataclass
class Bar:
    day: date
    clicks: int
    shares: int
    x: str
    width: str
    y: str
    height: str


@dataclass
class Chart:
    bars: list[Bar]
    share_marks: list[tuple[str, str]]  # (x, y) of a dot per day with shares
    y_ticks: list[tuple[str, int]]
    first: date
    last: date
    width: int = 480
    height: int = 220
    left: int = 52
    bottom_edge: int = 176


@dataclass
class MyImpact:
    shares: int
    clicks: int
    networks: list[Row]
    chart: Chart
    best_posts: list[tuple[Post, int, int]]  # (post, shares, clicks)


def _network_label(key: str) -> str:
    return str(ShareNetwork(key).label) if key in ShareNetwork.values else key


def _network_row(rows: dict[str, Row], key: str) -> Row:
    if key not in rows:
        rows[key] = Row(key, _network_label(key))
    return rows[key]


def _per(rows: QuerySet, field: str, total: Count | Sum) -> dict:
    """{value of `field`: `total`} over `rows` grouped by that field."""
    return dict(rows.values_list(field).annotate(n=total).values_list(field, "n"))


def _nice_top(value: int) -> int:
    for top in (4, 5, 10, 20, 25, 50, 100):
        if value <= top:
            return top
    step = 10 ** (len(str(value)) - 1)
    return -(-value // step) * step


def clicks_chart(clicks: dict[date, int], shares: dict[date, int], last: date) -> Chart:
    """Bars of clicks per day over the last CHART_DAYS days, a dot on days with shares. The
    geometry is computed here (coordinates as strings: a template would write "12,5" in Dutch)."""
    first = last - timedelta(days=CHART_DAYS - 1)
    width, height, left, right, top, bottom = 480, 220, 52, 8, 14, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_top(max([1, *clicks.values()]))
    slot = plot_w / CHART_DAYS
    bars, marks = [], []
    for n in range(CHART_DAYS):
        day = first + timedelta(days=n)
        value = clicks.get(day, 0)
        bar_h = plot_h * value / top_value
        x = left + n * slot
        bars.append(
            Bar(
                day=day,
                clicks=value,
                shares=shares.get(day, 0),
                x=f"{x + slot * 0.15:.1f}",
                width=f"{slot * 0.7:.1f}",
                y=f"{top + plot_h - bar_h:.1f}",
                height=f"{bar_h:.1f}",
            )
        )
        if shares.get(day):
            marks.append((f"{x + slot / 2:.1f}", f"{height - bottom + 9:.1f}"))
    ticks = [(f"{top + plot_h - plot_h * k / 4:.1f}", top_value * k // 4) for k in range(5)]
    return Chart(bars, marks, ticks, first, last, width, height, left, height - bottom)


def my_impact(membership: Membership, today: date) -> MyImpact:
    tz = membership.organization.tz
    shares = Share.objects.filter(membership=membership, undone_at__isnull=True)
    days = _counted_days(LinkDay.objects.filter(link__membership=membership))
    networks: dict[str, Row] = {}
    for network, n, own in shares.values_list("network").annotate(
        n=Count("id"), own=Count("id", filter=Q(personalised=True))
    ):
        networks[network] = Row(network, _network_label(network), shares=n, personalised=own)
    for network, clicks in _per(days, "link__network", Sum("clicks")).items():
        _network_row(networks, network).clicks = clicks or 0
    first = today - timedelta(days=CHART_DAYS - 1)
    per_day = _per(days.filter(day__gte=first, day__lte=today), "day", Sum("clicks"))
    shares_per_day: dict[date, int] = defaultdict(int)
    for moment in shares.filter(created_at__date__gte=first - timedelta(days=1)).values_list(
        "created_at", flat=True
    ):
        local = moment.astimezone(tz).date()
        if first <= local <= today:
            shares_per_day[local] += 1
    post_clicks = _per(days, "link__post", Sum("clicks"))
    post_shares = _per(shares, "post", Count("id"))
    ranked = sorted(
        post_shares, key=lambda pid: (-(post_clicks.get(pid) or 0), -post_shares[pid], -pid)
    )[:5]
    posts = Post.objects.in_bulk(ranked)
    return MyImpact(
        shares=sum(post_shares.values()),
        clicks=sum(v or 0 for v in post_clicks.values()),
        networks=sorted(networks.values(), key=lambda r: (-r.clicks, -r.shares, r.label)),
        chart=clicks_chart(per_day, shares_per_day, today),
        best_posts=[
            (posts[pid], post_shares[pid], post_clicks.get(pid) or 0)
            for pid in ranked
            if pid in posts
        ],
    )


@dataclass
class PostImpact:
    post: Post
    shares: int
    personalised: int
    clicks: int
    variants: list[Row] = field(default_factory=list)
    networks: list[Row] = field(default_factory=list)

    @property
    def personalised_rate(self) -> int | None:
        return _percent(self.personalised, self.shares)


def post_impact(post: Post) -> PostImpact:
    shares = Share.objects.counted().filter(post=post)
    days = _counted_days(
        LinkDay.objects.filter(link__post=post).filter(
            Q(link__membership__isnull=True) | Q(link__membership__status="active")
        )
    )
    variants = {
        v.pk: Row(str(v.pk), f"#{n}", text=v.text)
        for n, v in enumerate(post.variants.all(), start=1)
    }
    networks: dict[str, Row] = {}

    def variant_row(pk: int | None) -> Row:
        if pk not in variants:
            variants[pk] = Row(str(pk), "—")
        return variants[pk]

    for variant, network, n, own in shares.values_list("variant", "network").annotate(
        n=Count("id"), own=Count("id", filter=Q(personalised=True))
    ):
        for row in (variant_row(variant), _network_row(networks, network)):
            row.shares += n
            row.personalised += own
    for variant, network, clicks in days.values_list("link__variant", "link__network").annotate(
        c=Sum("clicks")
    ):
        variant_row(variant).clicks += clicks or 0
        _network_row(networks, network).clicks += clicks or 0
    return PostImpact(
        post=post,
        shares=sum(r.shares for r in networks.values()),
        personalised=sum(r.personalised for r in networks.values()),
        clicks=sum(r.clicks for r in networks.values()),
        variants=list(variants.values()),
        networks=sorted(networks.values(), key=lambda r: (-r.shares, -r.clicks, r.label)),
    )


def posts_overview(organization) -> list[tuple[Post, int, int]]:
    """Posts that are live or had shares, newest first, with shares and clicks (managers)."""
    shares = _per(Share.objects.counted().filter(organization=organization), "post", Count("id"))
    days = LinkDay.objects.filter(organization=organization, link__membership__status="active")
    clicks = _per(_counted_days(days), "link__post", Sum("clicks"))
    posts = Post.objects.filter(organization=organization).filter(
        Q(status="live") | Q(pk__in=list(shares))
    )
    return [(post, shares.get(post.pk, 0), clicks.get(post.pk) or 0) for post in posts]
