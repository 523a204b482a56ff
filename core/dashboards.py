"""The figures of the dashboards, computed once for every viewer for a while.

The coordinator's network page and the monitoring dashboard aggregate a year
of records on every request. Their figures are provisional, so the first
request computes them and the requests of the next DASHBOARD_CACHE_SECONDS
(0: none) get the same figures, with the time they were computed, which the
pages show. They are kept in Django's default cache: without CACHES in the
settings, the memory of each process, which computes its own copy.
"""

import hashlib
import io
import pickle
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.functional import Promise


@dataclass(frozen=True)
class Figures:
    value: Any
    computed_at: datetime
    max_age: int  # seconds before they are computed again; 0: for this request only

    @property
    def refresh_minutes(self):
        """max_age in whole minutes, or None when it is not a whole number of them."""
        minutes, seconds = divmod(self.max_age, 60)
        return minutes if minutes and not seconds else None


class _TextPickler(pickle.Pickler):
    """Pickles lazy translations as their text in the active language. Each lazy
    object unpickled builds a class (half a millisecond; the network page's
    charts hold hundreds), and some (get_text_list's) cannot be pickled at all."""

    def reducer_override(self, obj):
        if isinstance(obj, Promise):
            return str, (str(obj),)
        return NotImplemented


def _dumps(value):
    buffer = io.BytesIO()
    _TextPickler(buffer, pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


def figures_key(name, *, key, by_language=True):
    """The cache key of the figures `name` for the parameters `key` (a tuple of
    plain values: years, primary keys, codes), and for the active language when
    the figures hold translated text. Hashed: cache backends limit a key's
    length and characters."""
    parts = (name, key, translation.get_language() if by_language else None)
    return f"figures:{name}:{hashlib.sha256(repr(parts).encode()).hexdigest()}"


def cached_figures(name, *, key, compute, by_language=True):
    """compute() as Figures, from the cache if computed in the last
    DASHBOARD_CACHE_SECONDS. The value must be picklable (model instances are).

    by_language=False shares the figures between languages: only for values
    without text (lazy translations would be kept as such, slow to unpickle).
    """
    max_age = settings.DASHBOARD_CACHE_SECONDS
    if not max_age:
        return Figures(value=compute(), computed_at=timezone.now(), max_age=0)
    cache_key = figures_key(name, key=key, by_language=by_language)
    cached = cache.get(cache_key)
    if cached is not None:
        pickled, computed_at = cached
        return Figures(value=pickle.loads(pickled), computed_at=computed_at, max_age=max_age)  # noqa: S301
    # The time before computing: the figures count the records as of then.
    computed_at = timezone.now()
    value = compute()
    pickled = _dumps(value) if by_language else pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    cache.set(cache_key, (pickled, computed_at), max_age)
    return Figures(value=value, computed_at=computed_at, max_age=max_age)
