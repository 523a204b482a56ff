"""Steps a person takes in the browser, and the accessibility check."""

import pytest

BLOCKING_IMPACTS = {"serious", "critical"}


def log_in(page, base_url, username, password):
    """Log in through the real login form and wait for the page it leads to."""
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("main form[method=post] [type=submit]").click()
    assert "/accounts/login/" not in page.url, f"log-in as {username!r} failed"
    return page


def switch_language(page, code):
    """Choose a language with the nav's language form, as a person would."""
    page.select_option("select[name=language]", code)
    with page.expect_navigation():
        page.locator("form:has(select[name=language]) [type=submit]").click()
    assert page.locator("html").get_attribute("lang") == code


def assert_accessible(page):
    """Run axe-core on the page; fail listing every serious or critical violation."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        lines = [f"{len(blocking)} serious/critical accessibility violation(s) on {page.url}:"]
        for violation in blocking:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"]:
                lines.append(f"    {', '.join(str(t) for t in node['target'])}")
        pytest.fail("\n".join(lines), pytrace=False)
