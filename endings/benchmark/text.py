"""Plausible English about therapy endings, from a small vocabulary.

Benchmark data needs the word statistics of real posts more than their sense,
so that a full-text query matches about as many rows as it would on the live
site: function words and a few words of the site's subject (therapist,
session, feel) in most posts; the words of one situation (retired, voicemail,
ethics) mostly in the posts about it, a minority; rare words in a handful.
Each post is about one situation, and slot words are drawn with falling
(Zipf-like) weights, as words are in real writing.
"""

import random

# Written once, in the voice of the site's members; {slots} are filled per sentence.
GENERAL = [
    "I saw {therapist} for {duration}.",
    "Since then I have felt {feeling} most days.",
    "Some days I feel {feeling}, and some days {feeling2}.",
    "I keep thinking about {thing}.",
    "When I told {person}, they said it was just a paid service.",
    "That made me feel {feeling}.",
    "I wonder whether I should {action}.",
    "Has anyone here managed to {action}?",
    "It has been {duration} and it still comes in waves.",
    "Part of me knows therapy helped, and part of me feels {feeling}.",
    "I am sending support to everyone reading this.",
    "Thank you for writing this, it is exactly how I feel.",
    "I sat in the car afterwards for an hour.",
    "Some days I want to {action}; other days I want to never see anyone again.",
    "Reading the stories here helps me feel less {feeling}.",
    "Does it get easier?",
    "It does get easier, slowly, though {thing} still catches me off guard.",
    "What helped me was to {action}, even though it felt strange at first.",
    "I went for a long walk by the {place} and thought about it.",
    "I am not sure what I am asking, maybe just to be heard.",
    "You are not alone in this.",
    "It makes sense that you feel {feeling}.",
    "I had the same thing with {therapist} after {duration}.",
    "Nobody warned me that an ending could hurt this much.",
    "I think about {thing} more than I would like to admit.",
    "My {relative} does not understand why this matters so much to me.",
    "I have started to {action}, and it helps a little.",
    "It was {duration} of trust.",
    "I still have {object} from those years.",
    "Writing this down is already helping.",
]

# The words of each situation, in the posts about it (and now and then elsewhere).
SITUATIONS = {
    "abrupt": [
        "{therapist_cap} ended it by voicemail, with no final session.",
        "The last session was cancelled and never rescheduled.",
        "An email from the clinic said they no longer work there.",
        "I got a text message on a Tuesday saying it was over.",
        "There was no goodbye, just silence.",
        "I called the office and the receptionist would not tell me anything.",
    ],
    "retired": [
        "{therapist_cap} retired {time}.",
        "She told me months in advance that she was retiring, and it still hurt.",
        "He moved to another city and stopped seeing clients.",
        "My insurance stopped covering the sessions, so it had to end.",
        "The practice closed and everyone was given a referral list.",
        "I knew retirement was coming, but I was not ready.",
    ],
    "illness": [
        "{therapist_cap} fell ill and the sessions just stopped.",
        "I found out second-hand that she had died.",
        "I waited outside a locked office for forty minutes before anyone called.",
        "There was a memorial, and I did not know whether I was allowed to go.",
        "The grief feels strange because nobody knew how much she meant to me.",
        "I am grieving someone I only knew in one room.",
    ],
    "planned": [
        "We planned the ending together over several months.",
        "It was a good goodbye, and I am still sad.",
        "We counted down the last sessions, which helped and hurt at once.",
        "She said I was ready, and I think she was right.",
        "A planned ending is still an ending.",
        "The final session was gentle, and I cried on the way home.",
    ],
    "client": [
        "I decided to stop because therapy was no longer helping.",
        "After a bad session I never went back.",
        "I ended it by email because I could not say it in the room.",
        "I felt guilty for leaving, as if I had let her down.",
        "A boundary was crossed and I had to walk away.",
        "I wonder if I should have said why I was leaving.",
    ],
    "boundaries": [
        "I wanted to stay in contact after therapy ended.",
        "The ethics code forbids contact for two years.",
        "I wrote a letter and did not know whether to send it.",
        "She sent a card back, and I read it every week.",
        "I asked if we could be friends one day, and she said no kindly.",
        "I understand the boundaries, but they still feel like a door closing.",
    ],
    "starting": [
        "I have started again with a new therapist.",
        "The first session with someone new felt like a betrayal.",
        "I am afraid of getting attached again.",
        "I keep comparing my new counsellor to the old one.",
        "Part of me never wants therapy again.",
        "Finding someone new took months of searching.",
    ],
    "changed": [
        "Therapy changed me, and some friendships did not survive it.",
        "My family pulled away once I started setting boundaries.",
        "I feel the pull to go back to old patterns.",
        "Some people liked me better before I learned to say no.",
        "I lost friends and found myself.",
        "My partner says I am different now, and not always kindly.",
    ],
}

THERAPISTS = ["my therapist", "my counsellor", "my psychologist", "my old therapist", "my psychotherapist"]
DURATIONS = ["six months", "two years", "four years", "eleven years", "almost a decade", "twenty years"]
TIMES = ["last week", "in March", "a year ago", "ten months ago", "after Christmas", "in the spring"]
# Most used first: slot words are drawn with weights falling as 1 / rank.
FEELINGS = [
    "sad", "lost", "angry", "alone", "numb", "hurt", "abandoned", "confused", "ashamed", "relieved",
    "grateful", "guilty", "lonely", "empty", "anxious", "heartbroken", "embarrassed", "furious",
    "betrayed", "calm", "hopeful", "raw", "foolish", "bereft",
]  # fmt: skip
THINGS = [
    "the last session", "the waiting room", "her voice", "the goodbye", "the chair by the window",
    "the drive there", "the small talk at the door", "the tissues on the table", "the clock",
    "what she said once", "the way he listened", "the final hour", "the notes I kept", "the grief",
    "the silence", "the questions I never asked", "the room", "the ethics of it", "the card",
    "the letter",
]  # fmt: skip
ACTIONS = [
    "talk about it", "write it down", "find someone new", "take a break", "write a letter",
    "ask for a closing session", "start again", "call the clinic", "keep a journal", "send a card",
    "read about attachment", "go back to the group", "try medication", "tell a friend",
]  # fmt: skip
PEOPLE = ["a friend", "my sister", "my mother", "my partner", "my doctor", "a colleague", "my brother"]
RELATIVES = ["mother", "father", "partner", "sister", "brother", "husband", "wife", "best friend"]
PLACES = ["river", "sea", "park", "canal", "woods", "lake", "old church"]
OBJECTS = ["a card", "a stone she gave me", "my notebooks", "the appointment cards", "a book he lent me"]
# Words that almost never come up: a search for one finds a handful of posts.
RARE = [
    "lighthouse", "marmalade", "harmonica", "origami", "cobblestones", "sourdough", "kayak",
    "tangerine", "windchime", "crossword", "bluebells", "allotment", "saxophone", "pottery",
    "hedgehog", "lantern", "accordion", "snowdrops", "tugboat", "quilting", "meteor", "pinecone",
]  # fmt: skip
RARE_SENTENCES = [
    "Oddly, the {rare} reminded me of her.",
    "I have taken up {rare} to fill the evenings.",
    "We once talked about a {rare} for a whole session.",
]

TITLES = [
    "{therapist_cap} ended it and I feel {feeling}",
    "After {duration}, it is over",
    "How do I {action}?",
    "Thinking about {thing}",
    "Is it normal to feel {feeling} after therapy ends?",
    "{duration_cap} later, still {feeling}",
    "It has been {duration}",
    "Looking for others who feel {feeling}",
]


def _zipf(words):
    return [1 / (rank + 1) for rank in range(len(words))]


_WEIGHTS = {
    name: _zipf(words) for name, words in [("feeling", FEELINGS), ("thing", THINGS), ("action", ACTIONS)]
}
SITUATION_NAMES = list(SITUATIONS)
ON_TOPIC_SHARE = 0.35  # of a post's sentences, about its situation
RARE_SHARE = 0.01  # of sentences, with a rare word


class TextGenerator:
    """Deterministic bodies and titles for a given seed."""

    def __init__(self, seed=0):
        self.rng = random.Random(seed)

    def _fill(self, template):
        r = self.rng
        therapist = r.choice(THERAPISTS)
        duration = r.choice(DURATIONS)
        feelings = r.choices(FEELINGS, _WEIGHTS["feeling"], k=2)
        return template.format(
            therapist=therapist,
            therapist_cap=therapist[0].upper() + therapist[1:],
            duration=duration,
            duration_cap=duration[0].upper() + duration[1:],
            time=r.choice(TIMES),
            feeling=feelings[0],
            feeling2=feelings[1],
            thing=r.choices(THINGS, _WEIGHTS["thing"])[0],
            action=r.choices(ACTIONS, _WEIGHTS["action"])[0],
            person=r.choice(PEOPLE),
            relative=r.choice(RELATIVES),
            place=r.choice(PLACES),
            object=r.choice(OBJECTS),
            rare=r.choice(RARE),
        )

    def _sentence(self, situation):
        r = self.rng
        roll = r.random()
        if roll < RARE_SHARE:
            template = r.choice(RARE_SENTENCES)
        elif roll < RARE_SHARE + ON_TOPIC_SHARE:
            template = r.choice(SITUATIONS[situation])
        else:
            template = r.choice(GENERAL)
        return self._fill(template)

    def body(self, min_words=50, max_words=400):
        """Markdown paragraphs of min_words to max_words words, now and then a quote or emphasis."""
        r = self.rng
        situation = r.choice(SITUATION_NAMES)
        target = r.randint(min_words, max_words)
        paragraphs, sentences, words = [], [], 0
        while words < target:
            sentence = self._sentence(situation)
            if r.random() < 0.04:
                sentence = f"*{sentence}*"
            sentences.append(sentence)
            words += len(sentence.split())
            if len(sentences) >= r.randint(3, 6):
                paragraphs.append(" ".join(sentences))
                sentences = []
        if sentences:
            paragraphs.append(" ".join(sentences))
        if len(paragraphs) > 1 and r.random() < 0.15:
            paragraphs[0] = "> " + paragraphs[0]
        return "\n\n".join(paragraphs)

    def title(self):
        return self._fill(self.rng.choice(TITLES))[:140]


# Searches a reader might type, in websearch syntax; the figures cycle through them.
# From narrow to broad: a rare word, a phrase, a situation, one common word.
SEARCH_QUERIES = [
    "my therapist retired and I feel abandoned",
    '"final session" cancelled',
    "ethics code contact",
    "grief",
    "letter goodbye -card",
    "lighthouse",
]
