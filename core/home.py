"""The panels of the home page, each contributed by the app that owns its data.

An app registers its panels when it is ready (its home.py, imported by its AppConfig):
a name, the roles that see it, optionally a condition on the user, and a function of
the user that builds it with a fixed number of queries. The home page asks for the
panels of the user's roles.
"""

_panels = []  # (name, roles, when, build), in the order the apps registered them


def panel(name, *, roles, when=None):
    """Register the decorated function as the builder of the panel name, shown to roles
    (and only to users for whom when(user) is true, if given)."""

    def register(build):
        _panels.append((name, frozenset(roles), when, build))
        return build

    return register


def panels_for(user):
    """{panel name: content} of the panels the user's roles see."""
    roles = set(user.roles)
    return {
        name: build(user)
        for name, seen_by, when, build in _panels
        if seen_by & roles and (when is None or when(user))
    }
