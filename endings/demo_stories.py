"""The demo stories `seed_demo` posts: plain data, written for this project.

Every person and therapist here is invented; no therapist is ever named.

Each story: category slug, title, author (the local part of a demo member's
address in endings/demo.py), the "how it ended" tag and content note (values of
Thread.Ending and Thread.ContentNote), when it was posted (`days_ago` and `at`,
a UTC time of day), and its replies. Each reply has a `ref`, a `parent` (another
reply's ref, or None for the opening post) and `after`, how long after the story
it was posted ("2d 5h 10m"). Reactions are (ref or None, member, kind).

Bodies are Markdown, hard-wrapped here for reading; demo.prose() joins each
paragraph back into one line, as a member would have typed it.
"""

STORIES = [
    {
        "category": "retired-or-moved",
        "title": "Her retirement letter came on a Tuesday",
        "author": "marguerite",
        "ending": "retired",
        "content_note": "",
        "days_ago": 330,
        "at": "22:10",
        "body": """
            Seven years I went to her, every second Thursday, through my divorce and my father's
            illness and the year I couldn't get out of bed before noon. I knew she was getting older.
            I'm not a fool. I just thought she'd tell me in the room.

            Instead a letter came on a Tuesday, typed, signed in blue ink. She was retiring after
            thirty-five years of practice. She thanked all her clients for "the privilege of our work
            together". All her clients. It was the same letter everyone got, I'm sure of it. There was
            a paragraph about records and a phone number for a colleague.

            To be fair to her, she did give me three more sessions. I spent the first one being
            polite, the second one angry and the third one mostly crying. She was kind. She said she
            would think of me. She didn't say she'd miss me, and I noticed, and I hate that I noticed.

            What nobody tells you is that a retirement isn't anyone's fault, so there's nowhere to put
            the feeling. I can't be angry at a woman for wanting to rest and see her grandchildren. So
            I'm angry at the letter instead, and at the word "privilege", and at myself for being
            fifty-eight and heartbroken over something my friends think was an appointment.

            It's been three weeks since the last session. Thursdays are the worst. I drove past the
            building last week and didn't stop.

            I don't know what I'm asking for. Maybe just whether this gets easier, and how long it took
            for you.
        """,
        "replies": [
            {
                "ref": "tomas",
                "parent": None,
                "author": "tomas",
                "after": "9h 14m",
                "body": """
                    > a retirement isn't anyone's fault, so there's nowhere to put the feeling.

                    This is it exactly, Marguerite. When I lost my therapist there was nobody to blame
                    either, and I kept looking for someone. It has got easier for me, but slowly, and
                    not in a straight line. Thursdays might be hard for a while. I hope someone is kind
                    to you on them.
                """,
            },
            {
                "ref": "marguerite",
                "parent": "tomas",
                "author": "marguerite",
                "after": "1d 2h 5m",
                "body": """
                    Thank you, Tomas. "Not in a straight line" helps. I had a good Saturday and then
                    felt guilty for it, which is ridiculous.
                """,
            },
            {
                "ref": "tomas-again",
                "parent": "marguerite",
                "author": "tomas",
                "after": "1d 20h 41m",
                "body": """
                    Not ridiculous. I did that too, as if feeling better meant she mattered less. It
                    doesn't. You can have a good Saturday and still miss her.
                """,
            },
            {
                "ref": "rowan",
                "parent": None,
                "author": "rowan",
                "after": "3d 5h 30m",
                "body": """
                    I noticed the word "privilege" too. It's the sort of word that is probably sincere
                    and still lands like a form letter. I'm sorry she didn't say she'd miss you. For
                    what it's worth, I think you were allowed to want her to.
                """,
            },
            {
                "ref": "ten-months",
                "parent": None,
                "author": "marguerite",
                "after": "300d 2h",
                "body": """
                    **Ten months on, here is how I am.** I said I'd come back, so here I am.

                    Thursdays are just Thursdays now, most weeks. I signed up for a pottery class on
                    Thursday evenings, mainly so I'd have somewhere to be. I'm terrible at it and I
                    love it.

                    I sent her a card in the end (I asked about that in another thread). She didn't
                    reply, and I've made my peace with that, mostly. I read the letter again last month
                    and the word "privilege" didn't sting. I think she meant it.

                    I still miss her. I've stopped expecting that to go away completely. It's more like
                    a room in the house I don't go into every day.

                    Thank you, Tomas and Rowan, for answering me when I could barely type. If you're
                    reading this in your first weeks: it did get easier, and it took longer than I
                    wanted.
                """,
            },
            {
                "ref": "harbour",
                "parent": "ten-months",
                "author": "harbour",
                "after": "300d 8h 12m",
                "body": """
                    > It's more like a room in the house I don't go into every day.

                    Marguerite, this made my evening. I'm going to keep that sentence. And I would
                    love to hear about the worst pot.
                """,
            },
            {
                "ref": "pot",
                "parent": "harbour",
                "author": "marguerite",
                "after": "301d 1h 3m",
                "body": """
                    It's a bowl that leans to one side as if it's listening to something. I keep my
                    keys in it.
                """,
            },
        ],
        "reactions": [
            (None, "tomas", "support"),
            (None, "rowan", "support"),
            ("tomas", "marguerite", "thanks"),
            ("rowan", "marguerite", "thanks"),
            ("ten-months", "tomas", "thanks"),
            ("ten-months", "harbour", "support"),
            ("ten-months", "willow", "thanks"),
        ],
    },
    {
        "category": "ended-abruptly",
        "title": "“She no longer works here” was all the clinic would tell me",
        "author": "rowan",
        "ending": "abrupt",
        "content_note": "",
        "days_ago": 290,
        "at": "20:35",
        "body": """
            I help moderate here, and I've been asked more than once why I volunteer. This is the
            short answer.

            Some years ago I was seeing a counsellor through a community clinic. It was free, and I'd
            waited eight months on the list for it. We'd had about twenty sessions, and for the first
            time in my life I was starting to say things out loud.

            One week I turned up and the receptionist said my appointment had been cancelled. I asked
            when it would be rebooked. She looked at her screen for a long moment and said, "I'm sorry,
            she no longer works here." That was it. No letter. No last session. When I phoned the next
            day I was told they couldn't share information about staff, and that I could go back on
            the waiting list.

            I don't know if she was ill, or had a family emergency, or simply left. I'll never know.
            For a long time I made up stories, and most of them were about me: that I'd been too much,
            that she'd asked to leave because of me. I know now that's almost certainly not true. It
            took me a long while to believe it.

            What I needed then was one other person to say "that happened to me too". I didn't find
            them. So now I spend a few evenings a week here, making sure nobody's story goes
            unanswered.

            If an organisation told you nothing: I'm sorry. You were not too much.
        """,
        "replies": [
            {
                "ref": "marguerite",
                "parent": None,
                "author": "marguerite",
                "after": "9h 2m",
                "body": """
                    Rowan, thank you for telling us. "You were not too much." I needed that tonight,
                    for reasons of my own. I'm glad you're the one reading here in the evenings.
                """,
            },
            {
                "ref": "rowan",
                "parent": "marguerite",
                "author": "rowan",
                "after": "20h 16m",
                "body": "Thank you, Marguerite. I'm glad you're here too.",
            },
            {
                "ref": "harbour",
                "parent": None,
                "author": "harbour",
                "after": "45d 3h",
                "body": """
                    I've only just found this thread. I made up the same stories after my therapist's
                    voicemail: that I'd been too much for nine years and she'd finally had enough.
                    Reading yours helped me see that's just what a mind does with silence.
                """,
            },
            {
                "ref": "rowan-again",
                "parent": "harbour",
                "author": "rowan",
                "after": "45d 8h 20m",
                "body": """
                    It is exactly what a mind does with silence. I'm really glad this found you, Quiet
                    Harbour.
                """,
            },
        ],
        "reactions": [
            (None, "marguerite", "thanks"),
            (None, "harbour", "me_too"),
            (None, "juniper", "thanks"),
            ("rowan-again", "harbour", "thanks"),
        ],
    },
    {
        "category": "ended-abruptly",
        "title": "Nine years, and it ended with a voicemail",
        "author": "harbour",
        "ending": "abrupt",
        "content_note": "suicide",
        "days_ago": 250,
        "at": "07:48",
        "body": """
            I saw my therapist every Tuesday for nine years. I worked it out once: more than four
            hundred hours of my life in that green chair by the window. She knew things about me that
            my husband doesn't.

            One Sunday evening my phone buzzed during dinner and I let it go to voicemail. When I
            listened later it was her voice, slightly too fast, as if she was reading from a card. She
            was closing her practice at the end of the month "for personal reasons". She was so sorry
            to tell me this way, and she would mail me a list of other therapists. Forty-one seconds. I
            still have it saved. I don't know why.

            The list never came. I emailed and asked, as calmly as I could, for one last session. Not
            to change her mind, only to say goodbye to her face. The reply was two lines: she wasn't
            able to offer further sessions and she wished me well.

            I want to be honest about what came next, because someone reading this might need to hear
            it. There were some weeks afterwards when everything went grey and I had thoughts of not
            wanting to be here. I didn't tell anyone at first, because I was ashamed that losing a
            therapist could do that to a grown woman. In the end I told my sister, and one night I
            called 988 and a stranger stayed on the phone with me until I felt steadier. My doctor
            helped me find a counselor to get me through the worst of it. I'm safer now. Not fixed,
            but safer.

            My husband says it was a professional arrangement and she didn't owe me anything. Maybe.
            It didn't feel like a service to me. It felt like somebody I trusted closed a door while I
            was still talking.

            I'm writing this because I can't say it anywhere else. If you got the voicemail, the text,
            the letter: I believe you that it hurt.
        """,
        "replies": [
            {
                "ref": "willow",
                "parent": None,
                "author": "willow",
                "after": "1d 3h 10m",
                "body": """
                    > Forty-one seconds. I still have it saved. I don't know why.

                    I think I might know why. It's the last time she spoke to you, even if it wasn't
                    the goodbye you deserved. Nine years is a long relationship, Quiet Harbour,
                    whatever anyone calls it. I'm so glad you told your sister and made that call.
                    Thank you for trusting us with this.
                """,
            },
            {
                "ref": "rowan",
                "parent": None,
                "author": "rowan",
                "after": "1d 6h 2m",
                "body": """
                    Quiet Harbour, thank you for writing about the grey weeks so honestly, and for
                    telling us what helped: your sister, the call, your doctor. Stories like yours
                    matter to the people reading here at night. The help lines are at the bottom of
                    every page if you ever want them again, and this thread is yours to come back to
                    whenever you want to tell us how you are.
                """,
            },
            {
                "ref": "harbour",
                "parent": "willow",
                "author": "harbour",
                "after": "1d 9h 45m",
                "body": """
                    Thank you, Willow. You're right, it's the last of her voice. Some nights I nearly
                    delete it and then I can't. My counselor says there's no rush, and I'm choosing to
                    believe her.
                """,
            },
            {
                "ref": "harbour-to-rowan",
                "parent": "rowan",
                "author": "harbour",
                "after": "2d 0h 30m",
                "body": "Thank you, Rowan. I'm okay tonight. I'll come back and tell you how I'm doing.",
            },
            {
                "ref": "willow-again",
                "parent": "harbour",
                "author": "willow",
                "after": "2d 2h 18m",
                "body": """
                    No rush at all. I kept a birthday card from my grandmother for twenty years before I
                    could put it in a box, and the box is still in the wardrobe. Maybe the voicemail can
                    live on your phone until it doesn't need to.
                """,
            },
            {
                "ref": "marguerite",
                "parent": "willow-again",
                "author": "marguerite",
                "after": "3d 20h 4m",
                "body": """
                    I'm answering under Willow because this bit made me cry. I have a folder of her
                    appointment cards, seven years of them, held together with a clip. I thought I was
                    the only one who kept things like that. Quiet Harbour, you're not strange for
                    keeping it.
                """,
            },
            {
                "ref": "tomas",
                "parent": None,
                "author": "tomas",
                "after": "4d 1h 27m",
                "body": """
                    I have a voicemail too, from the week before my therapist died. It's only about
                    moving our time to four o'clock. I listen to it more than I'd admit.

                    > My husband says it was a professional arrangement

                    I've heard that almost word for word. It was an arrangement in which you were known
                    for nine years. Of course losing it is grief.
                """,
            },
        ],
        "reactions": [
            (None, "willow", "support"),
            (None, "tomas", "me_too"),
            (None, "marguerite", "support"),
            (None, "rowan", "support"),
            ("willow", "harbour", "thanks"),
            ("rowan", "harbour", "thanks"),
            ("willow-again", "marguerite", "thanks"),
            ("tomas", "harbour", "thanks"),
            ("tomas", "willow", "me_too"),
        ],
    },
    {
        "category": "illness-or-death",
        "title": "I found out she had died from a stranger on the phone",
        "author": "tomas",
        "ending": "illness",
        "content_note": "death",
        "days_ago": 210,
        "at": "03:20",
        "body": """
            My therapist didn't come to our session on a Thursday. The door to her office was locked
            and the light was off. I waited in the corridor for forty minutes, then sat in my car for
            another twenty, composing a polite email in my head in case I'd got the day wrong. I
            hadn't.

            I emailed. No answer. The next week the door was still locked. Someone from the dentist's
            office down the hall said she thought "the counsellor" was unwell, and that was all anyone
            in the building knew.

            Eleven days later a woman I had never met phoned me. She said she was a colleague, that my
            therapist had asked her to contact clients if anything happened, and that she was very
            sorry to tell me she had died. She was gentle, and she clearly had a list to get through.
            She offered me the names of three people. I said thank you, the way you'd thank someone for
            directions, and then I sat on the kitchen floor.

            I had seen her for five years. I didn't know she had been ill. I don't know if she knew,
            those last months, while she was helping me with my own problems. The funeral was for
            family only, which was right, and which also meant there was nowhere for me to be.

            My wife was kind for a day or two. Then she said "I'm sorry about your doctor" in the voice
            you'd use for a hairdresser retiring, and we haven't talked about it since. I don't blame
            her. How would she know? I barely knew.

            It's been fourteen months. I've been reading here for a while, and today I finally felt
            able to write my own. I wanted to say her death out loud somewhere it would be understood.
        """,
        "replies": [
            {
                "ref": "marguerite",
                "parent": None,
                "author": "marguerite",
                "after": "14h 8m",
                "body": """
                    > there was nowhere for me to be.

                    Tomas, I'm so sorry. That line will stay with me. You were part of her working life
                    for five years, in a way her family probably never saw, and there was no place for
                    you to stand and grieve. I'm glad you said it out loud here.
                """,
            },
            {
                "ref": "willow",
                "parent": None,
                "author": "willow",
                "after": "1d 5h 22m",
                "body": """
                    I'm so sorry, Tomas. Forty minutes in the corridor, then the car. I can picture it,
                    and I wish someone had come to tell you sooner. Sitting on the kitchen floor sounds
                    like the most natural thing in the world to me.
                """,
            },
            {
                "ref": "tomas",
                "parent": "willow",
                "author": "tomas",
                "after": "2d 3h 40m",
                "body": """
                    Thank you both. Willow, I think the worst of it was the eleven days of not knowing.
                    I kept inventing reasons. A family emergency. A holiday she'd forgotten to mention.
                    I never guessed the true one.
                """,
            },
            {
                "ref": "juniper",
                "parent": "tomas",
                "author": "juniper",
                "after": "2d 22h 15m",
                "body": """
                    Those eleven days sound so lonely, Tomas. I'm glad she had arranged for someone to
                    call you, and I can hear that it still wasn't enough. Thank you for writing this. It
                    will mean a lot to whoever finds this thread after a locked door of their own.
                """,
            },
            {
                "ref": "harbour",
                "parent": None,
                "author": "harbour",
                "after": "5d 4h 5m",
                "body": """
                    I've been thinking about this since I read it. The voice your wife used, the
                    hairdresser voice: I know that voice. It isn't cruel. People just can't see what it
                    was. We can see it here.
                """,
            },
        ],
        "reactions": [
            (None, "marguerite", "support"),
            (None, "willow", "support"),
            (None, "harbour", "support"),
            (None, "juniper", "thanks"),
            ("marguerite", "tomas", "thanks"),
            ("juniper", "tomas", "thanks"),
            ("harbour", "tomas", "thanks"),
        ],
    },
    {
        "category": "planned-endings",
        "title": "We did everything right, and I still cried in the car park",
        "author": "willow",
        "ending": "planned",
        "content_note": "",
        "days_ago": 180,
        "at": "19:05",
        "body": """
            I want to write about a good ending, because I didn't know a good ending could hurt this
            much.

            I saw my therapist for four years. Towards the end we both noticed I was bringing less to
            the sessions, and that I'd started telling her about things after I'd already sorted them
            out. She asked how I'd feel about thinking about an ending, and I surprised myself by
            saying yes.

            We took it slowly. We went from weekly to fortnightly, then monthly. We talked about what
            we'd done together and what I was scared of. She said she would be sad too, which I needed
            to hear. At the last session she gave me back a list I'd written in my first month, of
            things I wanted to be different. Most of them were. I laughed, and then I couldn't stop
            crying.

            I sat in the car park for forty minutes afterwards. Not because anything went wrong.
            Because it was over, and it had been the one hour in my week when I didn't have to look
            after anyone.

            Everyone keeps saying "but that's good news, you're better!" They're right, and I am. I also
            miss her in a way I can't explain to them. I miss the room. I miss being the one who is
            listened to.

            It's been three weeks. I'm fine in the day. In the evenings there's a space where I would
            have been thinking "I'll take that to her on Tuesday".

            Is this normal after a planned ending? Did it pass for you?
        """,
        "replies": [
            {
                "ref": "marguerite",
                "parent": None,
                "author": "marguerite",
                "after": "6h 12m",
                "body": """
                    Willow, I don't think a good ending means a painless one. You lost something real,
                    even though you chose to. Four years of being the one who is listened to. Of course
                    there's a space.
                """,
            },
            {
                "ref": "tomas",
                "parent": None,
                "author": "tomas",
                "after": "1d 1h 9m",
                "body": """
                    > the one hour in my week when I didn't have to look after anyone.

                    Me too. I didn't realise how much of my life was looking after people until I had
                    that hour, and then didn't.
                """,
            },
            {
                "ref": "willow",
                "parent": "tomas",
                "author": "willow",
                "after": "1d 9h 33m",
                "body": """
                    Tomas, yes. I've started trying to make a small version of that hour: a walk on
                    Tuesday evenings when I don't answer my phone. It's not the same, but it's mine.
                """,
            },
            {
                "ref": "harbour",
                "parent": None,
                "author": "harbour",
                "after": "2d 7h 50m",
                "body": """
                    I'm glad you had this ending, Willow. Honestly, reading it helped me. It's good to
                    know the careful, kind version exists, and that even that version is allowed to
                    hurt.
                """,
            },
        ],
        "reactions": [
            (None, "marguerite", "support"),
            (None, "tomas", "me_too"),
            (None, "harbour", "thanks"),
            ("tomas", "willow", "me_too"),
            ("harbour", "willow", "thanks"),
        ],
    },
    {
        "category": "boundaries-and-contact",
        "title": "Can I send her a card? Trying to understand the rules about contact",
        "author": "marguerite",
        "ending": "boundaries",
        "content_note": "",
        "days_ago": 150,
        "at": "21:30",
        "body": """
            My therapist retired about six months ago (I wrote about her letter elsewhere on the
            site). I want to send her a card. Not to start anything. Just a plain card to say thank
            you, that I'm doing all right, and that the seven years mattered.

            I've gone back and forth for weeks, so I did what I always do, which is read far too much.
            As far as I can tell, the professional codes are about what she may do, not what I may do.
            She shouldn't become my friend, and the codes say no romantic relationship with a former
            client, some for a set number of years, some never. None of that is what I want. Nothing I
            read says a former client can't send a card. Whether she answers is up to her, and I think
            that's the part that scares me.

            I have the address of the old practice, which a colleague of hers still uses. I don't have
            her home address and I won't go looking for it. That feels like the line.

            What I'm really asking is: did you send one? What did you write? And if you never heard
            back, how did that feel?

            I keep drafting it. The current version is four sentences long and I've been looking at
            it for eleven days.
        """,
        "replies": [
            {
                "ref": "willow",
                "parent": None,
                "author": "willow",
                "after": "7h 25m",
                "body": """
                    I sent one, Marguerite, a few weeks after my last session. Short, through the
                    practice. She wrote back three lines on a postcard. I cried at the kitchen table and
                    then felt lighter for days. I know it can go the other way, but I've never regretted
                    sending it.
                """,
            },
            {
                "ref": "anonymous",
                "parent": None,
                "author": "harbour",
                "anonymous": True,
                "after": "1d 2h 14m",
                "body": """
                    I'm answering without my name for this one. I sent a card to a therapist some years
                    ago and never heard anything back. The first week was hard; I checked the mailbox
                    every day. After that, slowly, I found I was glad I'd sent it anyway. It said what I
                    needed to say, and I'd said it. The card was for me, in the end, more than for her.
                """,
            },
            {
                "ref": "marguerite",
                "parent": "anonymous",
                "author": "marguerite",
                "after": "1d 9h 1m",
                "body": """
                    > The card was for me, in the end, more than for her.

                    Thank you. I think that's the question I needed to ask myself: would I still want to
                    have sent it if she never answers? I think the answer is yes.
                """,
            },
            {
                "ref": "tomas",
                "parent": "marguerite",
                "author": "tomas",
                "after": "2d 0h 37m",
                "body": """
                    I never got to send mine. I had one half-written in a drawer when she died. If the
                    answer is yes, Marguerite, I hope you send it. Four sentences is plenty.
                """,
            },
            {
                "ref": "marguerite-again",
                "parent": "tomas",
                "author": "marguerite",
                "after": "2d 8h 19m",
                "body": "Oh, Tomas. Thank you. It goes in the post tomorrow, four sentences and all.",
            },
            {
                "ref": "juniper",
                "parent": None,
                "author": "juniper",
                "after": "3d 2h 44m",
                "body": """
                    Marguerite, what you found matches what I've read: the codes put the duty on the
                    therapist, not on you. A thank-you card through the practice is a very ordinary
                    thing for a former client to send. I hope writing it has given you some peace,
                    whatever comes back.
                """,
            },
        ],
        "reactions": [
            (None, "willow", "support"),
            (None, "tomas", "support"),
            ("willow", "marguerite", "thanks"),
            ("anonymous", "marguerite", "thanks"),
            ("anonymous", "tomas", "support"),
            ("tomas", "marguerite", "thanks"),
            ("juniper", "marguerite", "thanks"),
        ],
    },
    {
        "category": "i-ended-it",
        "title": "I walked out in the middle of a session and never went back",
        "author": "willow",
        "anonymous": True,
        "ending": "client",
        "content_note": "",
        "days_ago": 130,
        "at": "23:15",
        "body": """
            I'm posting this without my name because I'm still a bit ashamed of it.

            I'd been seeing a therapist for about eight months. It was going fine, not brilliantly. One
            evening I was trying to talk about something I had never said out loud before, and his
            phone buzzed on the table. He picked it up, read the message and typed a reply. It took
            maybe twenty seconds. Then he looked up and said, "Sorry, go on."

            I couldn't go on. I said that it had hurt, that I'd been saying something hard. He told me
            I seemed "very sensitive today" and asked whether this was "something we should explore".

            I picked up my coat and left. I didn't slam the door. I think I said "I need to go". I paid
            for the next session by bank transfer, because of the cancellation policy, and sent a
            two-line email saying I wouldn't be coming back. He replied with a standard paragraph about
            the door always being open.

            Part of me knows I was right to leave. Part of me keeps replaying it and wondering if I
            overreacted: whether a better client would have stayed and "worked through it", whether I
            ruined something that might have helped me.

            I haven't been to anyone since. I don't feel ready to sit in a room and risk that again.

            Has anyone else ended it after one bad session? Do you regret it?
        """,
        "replies": [
            {
                "ref": "tomas",
                "parent": None,
                "author": "tomas",
                "after": "5h 3m",
                "body": """
                    > He told me I seemed "very sensitive today"

                    You were saying something you had never said out loud, and he answered a text. I
                    don't think being hurt by that is oversensitive. It sounds to me as if you took
                    yourself seriously when he didn't.
                """,
            },
            {
                "ref": "op",
                "parent": "tomas",
                "author": "willow",
                "anonymous": True,
                "after": "20h 40m",
                "body": 'Thank you. I have read "you took yourself seriously" about ten times now.',
            },
            {
                "ref": "marguerite",
                "parent": None,
                "author": "marguerite",
                "after": "1d 4h 11m",
                "body": """
                    I left a therapist once after a session in which she fell asleep. Only for a moment,
                    but she did. I never told anyone, because it sounded made up. I didn't regret
                    leaving, though for a long time I regretted never telling her why. You did tell him.
                    That took courage.
                """,
            },
            {
                "ref": "op-again",
                "parent": "marguerite",
                "author": "willow",
                "anonymous": True,
                "after": "1d 10h 26m",
                "body": """
                    Thank you for telling me that, and I'm sorry it happened to you. I think I'd assumed
                    everyone else's therapists were perfect.
                """,
            },
        ],
        "reactions": [
            (None, "tomas", "support"),
            (None, "marguerite", "me_too"),
            (None, "harbour", "support"),
            ("tomas", "harbour", "thanks"),
        ],
    },
    {
        "category": "relationships-that-changed",
        "title": "My oldest friends went quiet when I started saying no",
        "author": "willow",
        "ending": "planned",
        "content_note": "",
        "days_ago": 100,
        "at": "18:40",
        "body": """
            Before therapy I was the friend who said yes. I drove everyone home. I hosted every
            birthday. I answered the phone at midnight and lent money I didn't have. I thought that was
            what being a good friend meant. My therapist once asked me who did any of that for me, and I
            couldn't think of an answer.

            So I changed some things, slowly. I stopped driving every Saturday. I said I couldn't lend
            money this time. I said I'd call back in the morning instead of staying up until three.

            Nobody shouted. It was quieter than that. The group chat moved somewhere I'm not in. My
            birthday came, and two of the four people I'd have called my closest friends sent a
            message, late in the day. One of them told someone else, who told me, that I'd "gone a bit
            cold since all the therapy".

            The hard part is that my therapy has ended now (a good ending, I wrote about it elsewhere),
            so there's no room on a Tuesday to take this to. And I feel the pull to go back. It would be
            so easy. Offer a lift, pay for the table, say yes, and be wanted again.

            I'm not going to. I think. But I'm lonelier than I was when I was exhausted, and nobody
            warned me that getting better could cost friendships.

            Has this happened to anyone else? Did any of those friendships come back?
        """,
        "replies": [
            {
                "ref": "harbour",
                "parent": None,
                "author": "harbour",
                "after": "5h 18m",
                "body": """
                    It happened to me with family rather than friends, Willow, so I know some of this.
                    Where you got "cold", I got "hard". I don't think you're cold. I think you stopped
                    being convenient, and that's a different thing.
                """,
            },
            {
                "ref": "willow",
                "parent": "harbour",
                "author": "willow",
                "after": "14h 2m",
                "body": '"Stopped being convenient." Oh. That is it, isn\'t it. Thank you.',
            },
            {
                "ref": "marguerite",
                "parent": "willow",
                "author": "marguerite",
                "after": "1d 3h 27m",
                "body": """
                    Willow, one of mine came back. It took about a year. She rang one day and asked how
                    I was, and actually waited for the answer. The others didn't come back. I grieved
                    them, which I didn't expect, and I've made two new friends since who have never once
                    asked me for a lift.
                """,
            },
            {
                "ref": "willow-again",
                "parent": "marguerite",
                "author": "willow",
                "after": "1d 10h 5m",
                "body": """
                    That gives me hope, Marguerite, both halves of it. Friends who never ask for a lift
                    sound wonderful.
                """,
            },
            {
                "ref": "tomas",
                "parent": None,
                "author": "tomas",
                "after": "2d 6h 48m",
                "body": """
                    > I'm lonelier than I was when I was exhausted

                    I felt this in my chest. I'm sorry. I hope the loneliness gets smaller as the new
                    shape of your life fills in. I'm glad you're here, anyway.
                """,
            },
        ],
        "reactions": [
            (None, "harbour", "me_too"),
            (None, "marguerite", "support"),
            (None, "tomas", "support"),
            ("harbour", "willow", "thanks"),
            ("marguerite", "willow", "thanks"),
            ("tomas", "willow", "thanks"),
        ],
    },
    {
        "category": "starting-again",
        "title": "A new therapist, and the fear of getting attached again",
        "author": "harbour",
        "ending": "abrupt",
        "content_note": "",
        "days_ago": 80,
        "at": "02:55",
        "body": """
            After my last therapy ended suddenly, after nine years, I told myself I was done. I'd
            manage on my own. That lasted about five months.

            I've now had four sessions with someone new. I chose a man this time, on purpose, and a
            practice with several therapists in it, also on purpose, so that if he disappears there
            will be someone at the front desk who can tell me why. I know how that sounds. It's what I
            needed to be able to walk in.

            In the first session I said it out loud: "I'm scared of liking you, because of what
            happened last time." He didn't brush it off. He asked what a good ending would look like
            for me, whenever it comes, and wrote my answer down. A proper last session. Being told in
            the room, not on the phone. Time to say goodbye. He said we would come back to that list,
            and that he'd tell me in person if anything ever changed.

            I don't fully believe him yet. I keep one foot out of the door. I don't tell him the
            biggest things. I arrive exactly on time and leave exactly on time, so I can't be
            disappointed by the edges.

            But on Tuesday I cried in the car afterwards, and it was the good kind of crying, the kind
            where something has loosened.

            If you're reading this because you're afraid to start again: I'm afraid too. I'm going
            anyway, one session at a time, with one foot out of the door. That seems to be allowed.
        """,
        "replies": [
            {
                "ref": "tomas",
                "parent": None,
                "author": "tomas",
                "after": "9h 6m",
                "body": """
                    One foot out of the door is exactly how I'm starting with someone new too. Asking
                    him about endings in the very first session was brave. I'm glad he wrote it down.
                """,
            },
            {
                "ref": "willow",
                "parent": None,
                "author": "willow",
                "after": "1d 3h 12m",
                "body": """
                    > I arrive exactly on time and leave exactly on time, so I can't be disappointed by
                    > the edges.

                    I did this too! I'd never have found the words for it. Thank you for writing this
                    where anyone can read it, Quiet Harbour.
                """,
            },
            {
                "ref": "harbour",
                "parent": "willow",
                "author": "harbour",
                "after": "1d 6h 40m",
                "body": """
                    Willow, it's good to know I'm not the only one guarding the edges. Session five is
                    tomorrow. Maybe one toe further in.
                """,
            },
        ],
        "reactions": [
            (None, "tomas", "me_too"),
            (None, "willow", "thanks"),
            (None, "marguerite", "support"),
            ("willow", "harbour", "thanks"),
        ],
    },
    {
        "category": "relationships-that-changed",
        "title": "My mother says therapy made me hard",
        "author": "harbour",
        "ending": "abrupt",
        "content_note": "",
        "days_ago": 60,
        "at": "01:30",
        "body": """
            I've called my mother every Sunday at six for as long as I've had a phone. For most of my
            life those calls went the same way: she talked about what was wrong with my sister, my
            cousins, my weight and my husband's job, and I agreed or kept quiet, and felt sick for the
            rest of the evening.

            Therapy didn't make me stop calling. It made me notice the sick feeling and then, very
            slowly, do something about it. Now when she starts on my weight I say, "I'm not going to
            talk about that, Mom." If she keeps going, I tell her I love her and I'll talk to her next
            week, and I hang up. The first time I did it my hands were shaking.

            She has told my aunt that therapy made me hard. My aunt told my sister, and my sister told
            me, kindly, because she has been through the same. At my nephew's birthday party my mother
            was polite to me in a way that was worse than shouting.

            When my therapist ended things by voicemail, I made the mistake of telling my mother. She
            said, "Well, good. Maybe now you'll go back to being yourself."

            The pull to do exactly that is strong. I could call on Sunday and agree with everything,
            and she'd be warm again. I know exactly how to be that daughter. I was her for forty years.

            I haven't. But my new therapist and I are only beginning, and I'm not ready to bring my
            mother into that room yet, so I'm not always sure whether I'm being strong or just
            stubborn. Has anyone held a line like this with a parent without feeling they'd lost them?
        """,
        "replies": [
            {
                "ref": "willow",
                "parent": None,
                "author": "willow",
                "after": "7h 33m",
                "body": """
                    > Maybe now you'll go back to being yourself.

                    I'm so sorry she said that. It sounds to me as if the person who says "I'm not going
                    to talk about that, Mom" is yourself, and the one who felt sick all evening was
                    someone trying to keep the peace. I don't think you're being stubborn.
                """,
            },
            {
                "ref": "harbour",
                "parent": "willow",
                "author": "harbour",
                "after": "1d 1h 8m",
                "body": """
                    Thank you, Willow. I read this out to my sister and she said, "See? Even strangers
                    on the internet agree with me." Kind strangers.
                """,
            },
            {
                "ref": "marguerite",
                "parent": None,
                "author": "marguerite",
                "after": "1d 6h 55m",
                "body": """
                    My father was like this. He never did come round. I held my line until he died, and
                    I don't regret it, though I grieved the father I wanted. I'm not saying that's how
                    it will go for you. I only want you to know that holding a boundary and loving
                    someone can live in the same person.
                """,
            },
            {
                "ref": "tomas",
                "parent": None,
                "author": "tomas",
                "after": "2d 4h 16m",
                "body": """
                    Shaking hands the first time, yes. Mine still shake sometimes. I've come to think
                    that's what doing something new feels like, not a sign that it's wrong.
                """,
            },
        ],
        "reactions": [
            (None, "willow", "support"),
            (None, "tomas", "me_too"),
            ("marguerite", "harbour", "thanks"),
            ("tomas", "harbour", "thanks"),
            ("willow", "marguerite", "support"),
        ],
    },
    {
        "category": "starting-again",
        "title": "What helped me look for someone new, nearly two years on",
        "author": "tomas",
        "ending": "illness",
        "content_note": "",
        "days_ago": 40,
        "at": "00:10",
        "body": """
            My therapist died nearly two years ago. For a long time I couldn't imagine telling anyone
            else about my life from the beginning. A few months ago I started looking, and I want to
            write down what helped, in case it helps someone who is where I was.

            I gave myself permission to have short phone calls and say no. I spoke to four therapists
            before I booked anything. I didn't owe any of them a session.

            I asked every one of them the question I was most afraid of: "What happens to your clients
            if you get ill, or something happens to you?" Two of them had clearly never been asked. One
            said something vague. The fourth told me she has an arrangement with a colleague who holds
            her client list and would phone each of us, and that she'd tell me the colleague's name if
            I wanted it. I cried a little on that call. She is the one I'm seeing now.

            I also asked how she usually handles endings, and whether she would tell me in person if
            she were planning to retire or move. She said yes, with as much notice as she could give.

            I told her about my last therapist in the first session, because I didn't want to carry it
            in secret. She didn't hurry me past it. We've spent a lot of the time since on it, actually.

            I'm not "over it". I still think of my old therapist every Thursday afternoon. But I have
            somewhere to bring that now, and I didn't think I would again.
        """,
        "replies": [
            {
                "ref": "marguerite",
                "parent": None,
                "author": "marguerite",
                "after": "11h 20m",
                "body": """
                    Tomas, I'm so glad you found her. The question about what happens if she gets ill: I
                    would never have thought to ask it, and now I can't imagine not asking.
                """,
            },
            {
                "ref": "harbour",
                "parent": None,
                "author": "harbour",
                "after": "1d 2h 4m",
                "body": """
                    > I didn't owe any of them a session.

                    I needed this sentence months ago. I felt I had to book with the first person who
                    called me back. Thank you, Tomas.
                """,
            },
            {
                "ref": "tomas",
                "parent": "harbour",
                "author": "tomas",
                "after": "1d 8h 51m",
                "body": """
                    Thank you, Quiet Harbour. Your story about starting again, with one foot out of the
                    door, helped me keep going back for the first few sessions.
                """,
            },
        ],
        "reactions": [
            (None, "marguerite", "thanks"),
            (None, "harbour", "thanks"),
            (None, "willow", "thanks"),
            (None, "juniper", "support"),
            ("tomas", "harbour", "support"),
        ],
    },
    {
        "category": "retired-or-moved",
        "title": "She moved overseas, and video wasn't the same",
        "author": "juniper",
        "ending": "retired",
        "content_note": "",
        "days_ago": 22,
        "at": "10:20",
        "body": """
            I'm one of the editors here, but this is my own story, so I'm posting it as a member.

            My therapist told me eight months ahead that she was moving overseas to be near her
            daughter. It was a good amount of notice and she handled it well. She offered to carry on
            with me by video until her registration here lapsed, and I said yes at once, because the
            alternative was ending.

            I want to tell the truth about the video sessions: they were not the same. It was her face
            and her voice, but it was early morning for her and evening for me, and behind her I could
            see boxes, then a different wall, then a window with light I didn't recognise. She was
            building a new life, and I was watching it through a screen while talking about mine.
            Twice the connection dropped just as I was saying something that mattered. Each time I felt
            absurdly abandoned, and then absurd for feeling it.

            Our last session was by video too. We'd agreed it would be, and it was kind and warm and
            properly said. Then I clicked "leave meeting", and the room I was in was just my spare room.

            I'm glad I had the extra months. I'm also not sure they didn't stretch the ending out in a
            way that made it harder. I think I'd make the same choice again. I only wish someone had
            told me a goodbye through a screen would feel so strange afterwards: no door, no stairs, no
            walk back to the car. Just a click.
        """,
        "replies": [
            {
                "ref": "marguerite",
                "parent": None,
                "author": "marguerite",
                "after": "10h 2m",
                "body": """
                    > I clicked "leave meeting", and the room I was in was just my spare room.

                    Juniper, this is so vivid. I had the walk back to the car and still felt lost. I
                    can't imagine having nothing at all between the goodbye and the rest of the evening.
                    Thank you for sharing your own story here.
                """,
            },
            {
                "ref": "willow",
                "parent": None,
                "author": "willow",
                "after": "1d 2h 35m",
                "body": """
                    The dropped connections! I'd have felt exactly the same, and then felt silly for
                    feeling it. It doesn't sound silly at all, reading it from outside.
                """,
            },
            {
                "ref": "juniper",
                "parent": "willow",
                "author": "juniper",
                "after": "1d 9h 14m",
                "body": """
                    Thank you, Willow. It helps to hear it doesn't sound silly from outside. From inside
                    it felt very silly indeed.
                """,
            },
        ],
        "reactions": [
            (None, "marguerite", "support"),
            (None, "willow", "support"),
            (None, "rowan", "thanks"),
            ("marguerite", "juniper", "thanks"),
        ],
    },
]
