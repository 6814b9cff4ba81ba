import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# the tests make around it are synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(params=[True, False], ids=["with-js", "without-js"])
def javascript(request):
    """Every journey runs twice: with JavaScript, and without, where the page claims to work without it."""
    return request.param


@pytest.fixture
def browser_context_args(browser_context_args, javascript, live_server):
    return {**browser_context_args, "java_script_enabled": javascript, "base_url": live_server.url}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture
def screenshot(page, output_path):
    """Save a full-page screenshot of the current page at both widths (`of`: another context's page)."""

    def take(name, of=None):
        shown = of or page
        for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
            shown.set_viewport_size(size)
            shown.screenshot(path=os.path.join(output_path, f"{name}-{label}.png"), full_page=True)

    return take
