"""The demo articles `seed_demo` publishes: original pieces written for this project.

Plain data. Each article: slug, title, standfirst, topics (values of
endings.articles.topics.Topic), when it was published (`days_ago`), whether it
is featured or about suicide or death (help lines at the end), the category its
discussion opens in (a forum category slug, or None), and its body in Markdown,
hard-wrapped here for reading (demo.prose() joins each paragraph into one line).
Nobody here is a real person; no therapist is named.
"""

ARTICLES = [
    {
        "slug": "when-your-therapist-retires",
        "title": "When your therapist retires: grieving an ending that is nobody's fault",
        "standfirst": (
            "A retirement is planned, reasonable and kind, and it can still feel like the floor has gone. "
            "Here is why that happens, and some ways through it."
        ),
        "topics": ["retired", "grief"],
        "days_ago": 120,
        "featured": True,
        "about_suicide_or_death": False,
        "discussion": "retired-or-moved",
        "body": """
            Many people who write to Endings begin the same way: *I know this is silly, but...* Then they
            describe a letter, or a quiet announcement at the end of a session, that their therapist is
            retiring. They know it is nobody's fault. They may even be glad for the person. And they feel
            as if something has been taken from them.

            It is not silly. This piece is about why a retirement can hurt so much, and what tends to help.

            ## Why a good reason does not stop the hurt

            When a relationship ends through someone's fault, anger has somewhere to go. A retirement gives
            it nowhere. Your therapist has worked for decades and wants to rest, or to look after family, or
            to live somewhere warmer. All of that is fair. So the feelings that come up, the sense of being
            left, the jealousy of grandchildren you will never meet, the anger at a word like "privilege" in
            a goodbye letter, can turn inwards and become shame.

            But grief does not ask whether a loss was reasonable. You spent hours, perhaps years, with one
            person who listened to you more carefully than almost anyone else has. You built your week
            around that hour. Some of the most private parts of your life live in that room and nowhere else.
            When it ends, you lose a person, a place and a version of yourself that only existed there.

            ## What the last sessions can and cannot do

            If there is still time before the last session, it can help to use it on the ending itself.
            That can feel awkward or even rude: the therapist is leaving, why make them sit with your
            sadness about it? Yet most therapists expect this, and many see it as some of the most
            important work. You might say what the work has meant, what you are afraid of, what you wish
            had been different. You might ask what they hope for you.

            The last sessions will not make the ending painless. People often leave a final session
            feeling that they forgot to say the most important thing. That is normal too. Some people
            write a letter afterwards, whether or not they send it.

            If the ending came by letter with little or no time left, you are allowed to ask for a closing
            session. A short, plain message is enough: *I received your letter. I would find it helpful to
            have a session to say goodbye properly. Is that possible?* The answer may be no, and that would
            be hard, but asking is not demanding too much.

            ## The weeks afterwards

            The first weeks are often the strangest. The day and time of your old appointment can ambush
            you. You may keep composing things to tell them. You may drive past the building, or carefully
            avoid it. Some people feel relief at first and grief later; some feel nothing, and wonder
            what is wrong with them. None of these mean you are doing it wrong.

            A few things people here have found useful: keeping the old appointment time for something
            that is yours, a walk or a phone call with a friend. Writing down what you learned in therapy,
            in your own words, so that it feels less like something that left with them. Telling one
            person in your life what has happened, even if you expect them not to understand.

            ## When you are ready for someone new

            Some people look for a new therapist straight away; others need months, or decide they have
            what they need for now. There is no right timing. If you do start again, you are allowed to
            spend the first sessions talking about the person you lost. A good new therapist will not be
            threatened by that. Comparing them, missing the old voice, feeling disloyal: all of it is part
            of starting again, not a sign that it will not work.

            If you would like to hear from others who have been through a retirement, the stories in
            *Retired, moved or changed jobs* are written by people who know exactly what this is like.
        """,
    },
    {
        "slug": "when-therapy-ends-without-a-goodbye",
        "title": "If therapy ended without a goodbye",
        "standfirst": (
            "A voicemail, a cancelled session never rebooked, a receptionist saying they no longer work "
            "there. Sudden endings leave questions that may never be answered. You can still look after "
            "yourself."
        ),
        "topics": ["abrupt", "grief"],
        "days_ago": 96,
        "featured": False,
        "about_suicide_or_death": False,
        "discussion": None,
        "body": """
            Some endings arrive with no warning at all. A message on your phone on a Sunday evening. An
            email from an organisation you barely knew was involved. A session cancelled "until further
            notice", and then silence. If this is how your therapy ended, you may be carrying a particular
            kind of confusion: not only grief, but a story that stops in the middle.

            ## Not knowing is its own weight

            With a sudden ending, the mind keeps searching for the reason. Was it something I said? Were
            they ill? Did they ever care? People go over their last session again and again, looking for
            clues. This is a natural response to a gap in the story, not a sign that you are obsessive or
            that you depended on them too much.

            Sometimes there is a reason you will never be told: a health problem, a family crisis, a
            decision by an employer. Sometimes the therapist handled it badly. Often you cannot tell which.
            It can help to say to yourself, plainly: *I may never know why.* That does not end the
            searching, but it can make room for other feelings, like sadness, that the searching holds off.

            ## What you can ask for

            You are allowed to ask. You can ask the practice or organisation whether your therapist is
            well, whether there can be a closing session, or whether someone can help you find another
            therapist. You can ask for a copy of your records, under the rules of your country. Keep the
            message short and factual, and send it when you feel steady rather than in the middle of the
            night.

            You may get a kind answer, a formal one, or none. None of these is a verdict on what the work
            meant.

            ## Finishing it yourself

            When nobody gives you an ending, you can make one. Some people write the letter they would
            have said in a last session, and keep it. Some go back one last time to the street where the
            office was. Some write their story here, and find that others have waited outside the same
            kind of locked door. An ending you make for yourself is still a real ending.

            If the loss is stirring up old abandonments, that is common too. It might be something to
            bring to a new therapist one day, when you are ready.
        """,
    },
    {
        "slug": "when-your-therapist-dies",
        "title": "When your therapist dies",
        "standfirst": (
            "Losing a therapist to illness or death is a real bereavement, often grieved alone. You are "
            "allowed to mourn someone few people knew you had."
        ),
        "topics": ["illness", "grief"],
        "days_ago": 75,
        "featured": False,
        "about_suicide_or_death": True,
        "discussion": "illness-or-death",
        "body": """
            Clients usually learn of a therapist's death second-hand. A phone call from a colleague, a
            letter from a practice, a notice found online, or a door that stays locked on the day of an
            appointment. Some learn months later. However it happens, it is a bereavement, and it is one
            that most people around you will not recognise.

            You knew this person in one room, for one hour at a time. You may not have known their family,
            their illness, or even their first name as others used it. Yet they knew you, in some ways,
            better than anyone. Grieving someone like that is lonely. You may not feel entitled to the
            grief, or welcome at a funeral, or able to explain to a friend why you are crying over "your
            counsellor".

            ## Grief with nowhere to go

            People describe a mix of things: shock, sadness, anger that they were not told sooner,
            guilt about missed sessions or about having been a "difficult client", and fear about who will
            hold what they shared. Some feel the loss of the therapy more than the loss of the person, and
            then feel guilty about that. All of this is ordinary grief, taking the shape of an unusual
            relationship.

            If you can, find out whether there is a colleague or service that has been asked to support
            clients. Many practices arrange this. You can ask about your records, and whether anyone can
            meet with you once to talk about what happened. Attending a public memorial is sometimes
            possible and can help; sometimes it is not appropriate, and a private goodbye works better.

            ## Ways people say goodbye

            Some write a letter they will never send. Some light a candle at the old appointment time, or
            walk past the building one last time. Some keep a small object: a card, a note in the
            therapist's handwriting, a book they recommended. Writing your story, and reading others in
            *Illness or death*, can make the grief feel less strange.

            ## If the grief becomes too heavy

            A death can bring up earlier losses, and for some people it brings thoughts of not wanting to
            be here. If that is happening to you, please tell someone today, even if you are not sure it is
            "bad enough". The help lines below are free and confidential. When you feel able, a new
            therapist or a bereavement service can help you carry this, and you are allowed to spend time
            there grieving the person who came before.
        """,
    },
    {
        "slug": "sad-after-a-good-ending",
        "title": "Sad after a good ending",
        "standfirst": (
            "You planned it together, you said everything you meant to say, and you still miss them. "
            "A good ending is not the same as a painless one."
        ),
        "topics": ["planned", "grief"],
        "days_ago": 54,
        "featured": False,
        "about_suicide_or_death": False,
        "discussion": None,
        "body": """
            People sometimes arrive at Endings almost apologising. Their therapy ended well. It was
            planned, talked through over months, finished with a proper last session and a warm goodbye.
            *So why do I feel like this?*

            Because something good has ended. A planned ending removes some kinds of pain: the shock, the
            unanswered questions, the sense of being dropped. It does not remove the loss. In fact, a good
            ending often lets you feel the loss more clearly, because there is nothing else in the way.

            You may miss the hour itself, the one place where you did not have to look after anyone else.
            You may miss being known. You may find yourself telling them things in your head, or noticing
            that you are handling something well and wishing they could see it.

            Some people feel a wave of sadness a few weeks after the last session, just as they were
            starting to think they were fine. Others feel it around anniversaries, or when something
            happens that they would once have taken to therapy. These waves are normal, and they usually
            become gentler and further apart.

            It can help to remember that the point of a planned ending is not to feel nothing. It is to
            leave with what you learned, and to trust that you can carry it yourself. Missing the person
            who helped you learn it is part of that, not a failure of it.

            A few small things people do: reread notes or journals from the time of the therapy; write a
            short letter of thanks, sent or not; keep one habit that began in therapy and make it your own.
            And if the sadness grows rather than settles, or other things start to unravel, it is fine to
            contact your old therapist or to look for someone new. Many therapists say clearly, at the end,
            that the door is open. Going back is not going backwards.
        """,
    },
    {
        "slug": "ending-therapy-yourself",
        "title": "Ending therapy yourself: you are allowed to leave",
        "standfirst": (
            "Therapy that has stopped helping, a session that went wrong, a line that was crossed: "
            "choosing to end is a real decision, and it can come with its own grief."
        ),
        "topics": ["client", "ethics", "boundaries"],
        "days_ago": 33,
        "featured": False,
        "about_suicide_or_death": False,
        "discussion": None,
        "body": """
            Not every ending is done to you. Sometimes you are the one who decides. Perhaps the therapy
            has gone flat, and you leave each session feeling the same as when you arrived. Perhaps one
            session went badly and you cannot imagine going back. Perhaps something happened that did not
            feel right.

            ## It is your therapy

            You do not need permission to stop, and you do not need a reason that would satisfy anyone
            else. Still, many people find it hard to leave. They worry about hurting the therapist, or
            about being seen as someone who runs away. They may have spent their lives putting other
            people's feelings first, and now find themselves doing it in the one room that was meant to be
            theirs.

            If you can, it is often worth saying what is wrong before you decide. A good therapist wants
            to know when the work is not working, and talking about it can become some of the most useful
            work of all. Saying *I am not sure this is helping any more* is a reasonable thing to bring to
            a session.

            ## When a line was crossed

            Sometimes people end therapy because something happened that should not have: a therapist
            who talked mostly about themselves, who made promises of friendship, who touched them in a way
            that was not welcome, or who used the relationship for their own needs. If that happened to
            you, leaving was a way of protecting yourself. You may also be able to raise it with the body
            that registers or licenses the therapist, now or later. You do not have to decide that today.

            ## The grief of leaving

            Choosing to go does not mean you will not miss them. You may feel relief and loss in the same
            hour, or doubt your decision for months. That is not proof you chose wrongly. It is what it
            feels like to end something that mattered. Many people in *When I ended it* describe exactly
            this, and how it settled with time.
        """,
    },
    {
        "slug": "can-we-be-friends-now",
        "title": "Can we be friends now? Wanting contact after therapy",
        "standfirst": (
            "Wanting to stay in touch with a former therapist is common, and nothing to be ashamed of. "
            "Here is why most therapists say no, and what you can do with the longing."
        ),
        "topics": ["boundaries", "ethics", "grief"],
        "days_ago": 18,
        "featured": False,
        "about_suicide_or_death": False,
        "discussion": None,
        "body": """
            After a long therapy, many people find themselves hoping for something more than a goodbye:
            a card at Christmas, a coffee one day, a friendship between equals. Some write letters and
            wait for a reply. Some search online for news of their old therapist and then feel ashamed of
            searching. If this is you, you are far from alone. It is one of the most common things people
            write about here.

            ## Why the answer is usually no

            Most professional codes of ethics discourage or forbid friendships, business dealings and
            romantic relationships with former clients. Some set a waiting period of years for any
            romantic relationship; others say never. The reasons are not about you being unworthy of
            friendship. They are about the shape of the relationship you had.

            In therapy, one person shared their inner life and the other mostly did not. That imbalance
            does not disappear on the last day. A therapist who became your friend would also stop being
            someone you could go back to, and would risk using the trust you placed in them for their own
            needs. Good boundaries are part of what made the room safe.

            ## What the longing may be about

            Wanting contact is usually a sign that something real happened: you were cared for, listened
            to, perhaps for the first time. It can also touch older longings, for a parent who was not
            there or a kind of attention you never had. Neither makes you foolish. Understanding what you
            miss can point to what you might look for elsewhere: friends who listen, a community, a new
            therapist who can help you with exactly this feeling.

            ## Letters and cards

            A single letter of thanks is often welcome, and many therapists keep such letters for years.
            It helps to write it expecting no reply, because many therapists will not answer, or will
            answer briefly and kindly without inviting more. If you find yourself writing again and again,
            or waiting for the post, that is a sign the letters are keeping the wound open rather than
            closing it.

            ## When a therapist blurs the lines

            Occasionally it is the therapist who suggests friendship, shares too much, or keeps contact
            going. That can feel flattering at the time and confusing later. If a former therapist's
            contact left you feeling used or unsure, your feelings about it are worth taking seriously,
            and stories in *Boundaries and wanting contact* may help you make sense of them.
        """,
    },
    {
        "slug": "starting-again-with-a-new-therapist",
        "title": "Starting again with a new therapist",
        "standfirst": (
            "Looking for someone new after a loss can feel disloyal, exhausting or frightening. Some "
            "practical steps, and permission to go at your own pace."
        ),
        "topics": ["new-therapist", "grief"],
        "days_ago": 7,
        "featured": True,
        "about_suicide_or_death": False,
        "discussion": "starting-again",
        "body": """
            After an ending, the thought of starting over can be heavy. You will have to tell your story
            again. You will sit in a different chair, in front of a face that is not the one you know. Part
            of you may not want to like the new person at all.

            ## You do not have to be ready

            There is no right amount of time to wait. Some people find a new therapist within weeks,
            because they need support while they grieve the old one. Others wait months, or decide not to
            go back to therapy at all for now. Both are reasonable. If you are unsure, you can book a
            single first meeting without committing to anything.

            ## Finding someone

            A few practical things help. Most countries have registers or directories of qualified
            therapists, and many let you search by what you want help with. It is normal to contact two
            or three people and have short introductory calls before choosing. You are allowed to ask how
            they work, how long therapy with them usually lasts, and how they handle endings, including
            what would happen if they had to stop suddenly.

            If your old therapist gave you names, you can use them, or not. A recommendation is a starting
            point, not an obligation.

            ## Talking about the one who came before

            Many people worry that talking about their old therapist will offend the new one. In practice,
            a good therapist will want to hear about it. The loss of the last therapy is often the most
            important thing to work on first. You may compare them constantly, and tell them so. You may
            cry about someone else in their room. That is part of the work, and it is welcome.

            ## Fear of getting attached again

            Some people hold back, not wanting to care about someone who could also leave. That fear makes
            sense. It can help to say it out loud early: *I am afraid of getting attached and losing you
            too.* Saying it does not make you needy; it gives the new therapist something real to work with.

            The public category *Starting again* is open to everyone, members or not, and is full of people
            at every stage of this. You might find your own worries there, and some encouragement too.
        """,
    },
]
