"""Browser tests: the system Chromium driven by Playwright against live_server.

Every test in this package is marked `browser` and skipped, with the reason
shown, when /usr/bin/chromium is missing. No browser is ever downloaded.
"""

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # The machine is offline: stop Chromium calling home over and over.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    # A conftest hook sees the whole session's items: touch only this package's.
    skip = pytest.mark.skip(reason=f"browser tests need Chromium at {CHROMIUM}, which is missing")
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(skip)


@pytest.fixture(scope="package")
def browser(django_db_setup):
    """Chromium, started once for this package and stopped when it is done.

    While Playwright's sync API is started it marks an asyncio loop as running
    in the main thread, so Django refuses database queries there unless
    DJANGO_ALLOW_ASYNC_UNSAFE is set, and asgiref hands the thread new
    connection objects. Hence:
    - the variable is set only while Chromium runs, and the package scope stops
      both before the rest of the suite (`manage.py check --deploy`, run in a
      subprocess by another test, fails with async.E001 if it inherits it);
    - the test database's serialized contents, which serialized_rollback
      restores (the districts of the data migration), are handed on to the new
      connection objects.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    serialized = {
        conn.alias: conn._test_serialized_contents
        for conn in connections.all()
        if hasattr(conn, "_test_serialized_contents")
    }
    with pytest.MonkeyPatch.context() as mp, sync_playwright() as playwright:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    context.close()
