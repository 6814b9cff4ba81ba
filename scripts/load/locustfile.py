"""The load generator's simulated members (locust, headless; started by scripts/load/run.py).

The mix: 80% reading (story lists, categories, stories and their second pages), 10%
replying, 10% reacting and reporting. Each member pauses 5 to 15 seconds between
actions, as someone reading would. A reply or report that the site refuses kindly
(the posting or reporting limits) is an expected answer, counted as such, not an error;
anything 5xx, and any other unexpected status, is a failure.
"""

import json
import os
import random
import re
from collections import Counter

from locust import HttpUser, between, events, task

DATA = json.loads(open(os.environ["LOAD_DATA"]).read())  # noqa: SIM115
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REFUSED = (
    "Please wait a little",
    "reached today",
    "same words",
    "sent a lot of reports today",
)
REASONS = ["unkind", "spam", "identifies", "other"]
refusals = Counter()
_sessions = iter(DATA["sessions"])


def _refused(text):
    return any(phrase in text for phrase in REFUSED)


@events.quitting.add_listener
def _report_refusals(environment, **kwargs):
    path = os.environ.get("LOAD_REFUSALS")
    if path:
        with open(path, "w") as out:
            json.dump(dict(refusals), out)


class Member(HttpUser):
    wait_time = between(5, 15)

    def on_start(self):
        account = next(_sessions, None) or random.choice(DATA["sessions"])
        self.client.cookies.set("sessionid", account["session"])
        self.token = ""
        self.thread = random.choice(DATA["threads"])

    # --- reading (80%) ---------------------------------------------------------------

    @task(15)
    def story_list(self):
        self.client.get("/stories/", name="GET /stories/ (list)")

    @task(15)
    def category(self):
        slug = random.choice(DATA["categories"])
        page = random.choice(["", "", "", "?page=2"])
        self.client.get(f"/stories/c/{slug}/{page}", name="GET /stories/c/<slug>/ (category)")

    @task(45)
    def story(self):
        self.thread = random.choice(DATA["threads"])
        response = self.client.get(self.thread["url"], name="GET /stories/<id>/<slug>/ (story)")
        found = TOKEN.search(response.text or "")
        if found:
            self.token = found[1]

    @task(5)
    def story_page_two(self):
        self.client.get(self.thread["url"] + "?page=2", name="GET /stories/<id>/<slug>/?page=2")

    # --- writing (10%) ---------------------------------------------------------------

    def _post(self, url, data, name, kind):
        if not self.token:
            self.story()
        with self.client.post(
            url,
            {**data, "csrfmiddlewaretoken": self.token},
            name=name,
            headers={"Referer": self.client.base_url + self.thread["url"]},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code in (301, 302):
                response.success()
            elif response.status_code == 200 and _refused(response.text):
                refusals[kind] += 1
                response.success()
            elif response.status_code == 404 and kind != "reply":
                response.success()  # a post hidden by a moderator (or a reporting pile-on) meanwhile
                refusals[f"{kind}: post no longer shown"] += 1
            else:
                response.failure(f"{response.status_code}")

    @task(10)
    def reply(self):
        words = " ".join(random.choice(SENTENCES) for _ in range(random.randint(1, 4)))
        self._post(
            f"/stories/post/{self.thread['opening']}/reply/",
            {"body": f"{words} ({random.randint(1, 10**9)})"},
            "POST /stories/post/<id>/reply/",
            "reply",
        )

    # --- reacting and reporting (10%) --------------------------------------------------

    @task(8)
    def react(self):
        post = random.choice(DATA["replies"])
        kind = random.choice(["support", "me_too", "thanks"])
        self._post(f"/stories/post/{post}/react/", {"kind": kind}, "POST /stories/post/<id>/react/", "react")

    @task(2)
    def report(self):
        post = random.choice(DATA["replies"])
        reason = random.choice(REASONS)
        self._post(
            f"/stories/post/{post}/report/",
            {"reason": reason, "note": "This seemed wrong to me." if reason == "other" else ""},
            "POST /stories/post/<id>/report/",
            "report",
        )


SENTENCES = [
    "I read this twice and recognised so much of it.",
    "Sending you support, it is a lot to carry.",
    "My therapist retired last spring and I still think about the last session.",
    "Thank you for writing this down, it helps to know I am not the only one.",
    "It took me a year before I could talk about it with anyone.",
    "The letter you describe sounds so cold after all those years.",
    "I hope the new therapist feels safer, even slowly.",
    "Some days are better than others, and that is allowed.",
]
