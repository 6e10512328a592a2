"""JSON-ready views of records, shared by the CLI, the exports and the web API (one shape everywhere)."""

from __future__ import annotations

from typing import Any

from sitrep.records import Actor, Article, Event, Place
from sitrep.search import SearchPage, snippet_html
from sitrep.store import ArticleDetail, EventRow


def place_json(place: Place) -> dict[str, Any]:
    return {
        "id": place.id, "name": place.name, "lat": place.lat, "lon": place.lon, "country": place.country,
        "admin1": place.admin1, "feature": place.feature,
    }  # fmt: skip


def actor_json(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id, "name": actor.name, "aliases": actor.aliases, "kind": actor.kind,
        "country": actor.country, "code": actor.code,
    }  # fmt: skip


def event_json(event: Event, names: dict[str, str], event_id: int | None = None) -> dict[str, Any]:
    """An event with actors and recipients as canonical names (ids in `actor_ids`/`recipient_ids`)."""
    place = None
    if event.place is not None:
        place = place_json(event.place) | {"precision": event.place_precision}
    data: dict[str, Any] = {"id": event_id} if event_id is not None else {}
    data |= {
        "type": event.type, "mode": event.mode, "context": event.context, "cameo": event.cameo,
        "quad_class": event.quad_class,
        "actors": [names.get(a, a) for a in event.actors],
        "recipients": [names.get(r, r) for r in event.recipients],
        "actor_ids": list(event.actors), "recipient_ids": list(event.recipients),
        "place": place, "date": event.date, "date_precision": event.date_precision,
        "negated": event.negated, "alleged": event.alleged, "hypothetical": event.hypothetical,
        "confidence": event.confidence, "fatalities": event.fatalities,
        "fatalities_lower_bound": event.fatalities_lower_bound,
        "sentence": event.sentence, "sentence_start": event.sentence_start, "sentence_end": event.sentence_end,
        "trigger": event.trigger, "article_id": event.article_id,
    }  # fmt: skip
    return data


def event_row_json(row: EventRow) -> dict[str, Any]:
    names = {a.id: a.name for a in (*row.actors, *row.recipients)}
    return event_json(row.event, names, row.id)


def article_json(article: Article) -> dict[str, Any]:
    return {
        "id": article.id, "url": article.url, "title": article.title, "standfirst": article.standfirst,
        "body": article.body, "published": article.published, "byline": article.byline,
        "language": article.language, "outlet": article.outlet, "original_source": article.original_source,
        "translator": article.translator, "keywords": article.keywords,
    }  # fmt: skip


def detail_json(detail: ArticleDetail) -> dict[str, Any]:
    data = article_json(detail.article)
    data["entities"] = [
        {"text": m.text, "label": m.label, "start": m.start, "end": m.end} for m in detail.entities
    ]
    data["actors"] = [actor_json(a) for a in detail.actors]
    data["places"] = [place_json(p) for p in detail.places]
    data["events"] = [event_row_json(e) for e in detail.events]
    return data


def search_json(page: SearchPage) -> dict[str, Any]:
    return {
        "total": page.total,
        "results": [
            {
                "id": h.id,
                "title": h.title,
                "snippet": snippet_html(h.snippet),
                "score": h.score,
                "published": h.published,
            }
            for h in page.hits
        ],
    }
