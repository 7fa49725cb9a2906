"""A believable sample history, so a new user (and the screenshots) see a lived-in app.

The story: about five months ago the user admitted what they did, worked through the apology
steps over the following weeks, and has kept up the Part 3 actions since, imperfectly: some
missed days, a rough patch, and a partner's trust rating that climbs slowly and not in a line.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Sequence

from trust_tui.domain.models import Action, LogEntry, StepProgress, log_order

DEMO_DAYS = 150

APPRECIATIONS = (
    "Thanked them for making dinner after their long shift, and said what it meant to me.",
    "Told them I noticed how patient they were with my mother on the phone.",
    "Left a note on the mirror: I'm grateful you're still giving us a chance.",
    "Said how much I admire the way they handled the meeting they were dreading.",
    "Thanked them for telling me honestly how the week felt, even the hard parts.",
    "Told them their laugh at the film last night was the best part of my day.",
    "Wrote down three things they did this week that made the house feel like home.",
)
ACTIVITIES = (
    "Walked along the canal for an hour. Phones in our pockets. Easy quiet.",
    "Cooked the lentil recipe from their grandmother together.",
    "Went to the Saturday market; they picked the flowers.",
    "Board games with the neighbours. They teased me and it felt normal.",
    "Long drive to the coast. We talked about the kids' school.",
)
TOUCH = (
    "Texted at lunch to say the appointment went fine.",
    "Called on the way home to ask how their day went.",
    "Sent the photo of the dog asleep on my desk.",
    "Told them when I left work and when I'd be back.",
    "",
    "",
)
NEEDS = (
    "They need me to say where I am without being asked, for now.",
    "They asked me not to bring up 'moving on' — they'll say when.",
    "They'd like one evening a week with no screens.",
    "They need me to answer questions about that time without getting defensive.",
    "They asked me to come to a counselling session with them.",
)
CONCERNS = (
    "the late messages from work",
    "me going quiet when they bring it up",
    "the weekend trip with my old friends",
    "how tired we both are",
)
PLANS = (
    "Home by seven on weekdays; tell them if that slips.",
    "Book the counsellor for next Thursday.",
    "Walk together on Sunday morning.",
    "Ask before making plans for the weekend.",
)

_STEP_ANSWERS = {
    # One answer per prompt id of the one-time steps (content/guide/1.1.md to 2.3.md).
    "what-i-did": "I had an affair with a colleague for five months, and I lied about where "
    "I was on those evenings. I chose to.",
    "still-unsaid": "The trip in March was with them too. I held it back because I was afraid "
    "it would be the detail that ends us. I told them on Sunday.",
    "my-values": "Honesty. I grew up with parents who lied to each other, and I swore I never "
    "would. Being someone my partner can believe matters more to me than looking good.",
    "their-story": "I knew something was wrong for months, and every time I asked I was told I "
    "was imagining it. Now I replay every evening and wonder what else wasn't true.",
    "my-defences": "I explain. Last night they said I never thought about them, and I started "
    "listing the times I did. I stopped halfway, but they had already gone quiet.",
    "pause-plan": "I'll say: 'I'm too wound up to listen properly. Can we stop for half an "
    "hour?' Then a walk round the block, and back to the kitchen when the half hour is up.",
    "their-words": "'You let me think I was going mad. Every time I asked, you made me feel "
    "paranoid.'",
    "my-paraphrase": "When you asked me what was going on, I told you it was nothing, so you "
    "ended up doubting yourself instead of me.",
    "their-feeling": "Humiliated, and angry with themselves for believing me. I'll ask: 'Is "
    "that it, or is it something else?'",
    "impact": "They hardly sleep. They stopped seeing our friends from my work. They check "
    "the time when I come in, and they say they no longer trust their own judgement.",
    "triggers": "The hotel by the station, Thursday evenings, the date in March it came out, my "
    "phone buzzing at night. When it happens I'll stop and ask how they are, not change the "
    "subject.",
    "validation": "Of course you can't relax when my phone goes off; I gave you every reason "
    "to dread it.",
    "i-statement": "I felt invisible and tired of always being the reliable one, and I chose "
    "to look for attention from someone else instead of saying so.",
    "blame-check": "My first version said 'you were always busy with the kids'. That puts it "
    "on them. The choice was mine, so I cut it.",
    "their-question": "Whether I was planning to leave. The honest answer: no, but I was "
    "letting myself not think about it.",
    "what-led-there": "Staying late at work, drinks after the Thursday meeting, messaging in "
    "the evenings, my phone face down, complaining about home to someone else.",
    "if-then-plans": "If they message me after work, I won't reply, and I'll say so at home "
    "that evening. If there's a Thursday drink, I'll come home instead. If I'm fed up about "
    "something at home, I'll bring it to our check-in.",
    "boundaries": "I've asked to move to another team. Until then I only talk to them about "
    "work, in the office, and I mention any contact the same day.",
    "ask-partner": "Whether they want to read the message I sent ending it, and what would "
    "make my late work days less frightening for them.",
    "what-i-regret": "That I made them doubt their own mind for months, and that they found "
    "out from a message on my phone instead of from me.",
    "promises-i-can-keep": "Answer every question honestly. Tell them about any contact the "
    "same day. Be home when I say, or call before I'm late.",
    "promises-to-leave-out": "That they'll never feel this way again. That we'll be back to "
    "normal by summer. I can't guarantee either.",
}


def build_demo(
    actions: Sequence[Action],
    today: dt.date,
    now: dt.datetime,
    prompt_ids: dict[str, Sequence[str]] | None = None,
    seed: int = 7,
) -> tuple[list[LogEntry], list[StepProgress]]:
    """Logs for the last DEMO_DAYS days up to `today`, and progress on the one-time steps.

    `prompt_ids` maps a one-time step id to its prompt ids (from the guide) so the demo's
    reflection answers land under the right prompts.
    """
    rng = random.Random(seed)
    by_id = {a.id: a for a in actions}
    start = today - dt.timedelta(days=DEMO_DAYS - 1)
    offset = now.utcoffset() or dt.timedelta(0)
    tz = dt.timezone(offset)
    logs: list[LogEntry] = []

    def add(action_id: str, day: dt.date, hour: int, note: str = "", rating: int | None = None):
        if action_id not in by_id:
            return
        stamp = dt.datetime.combine(day, dt.time(hour, rng.randrange(60)), tz)
        if stamp > now:
            stamp = now
        logs.append(
            LogEntry(
                uid=uuid.UUID(int=rng.getrandbits(128)).hex,
                action=action_id,
                date=day,
                logged_at=stamp.isoformat(timespec="seconds"),
                note=note,
                rating=rating,
            )
        )

    trust = 3.0
    day = start
    while day <= today:
        age = (day - start).days
        rough_patch = 70 <= age < 80  # a hard fortnight: fewer logs, a dip in the rating
        if rng.random() < (0.55 if rough_patch else 0.9):
            add("stay-in-touch", day, rng.choice((12, 13, 17, 18)), rng.choice(TOUCH))
        if day.weekday() == 6 and age > 6:  # Sunday evening check-in
            trust = min(9.0, max(1.0, trust + rng.uniform(-0.3, 0.6) - (1.2 if rough_patch else 0)))
            note = (
                f"Appreciation: {rng.choice(APPRECIATIONS)}\n"
                f"Went well: {rng.choice(ACTIVITIES)}\n"
                f"Concern: {rng.choice(CONCERNS)}\n"
                f"Plan: {rng.choice(PLANS)}"
            )
            if not (rough_patch and rng.random() < 0.5):
                add("weekly-check-in", day, 20, note, round(trust))
        if day.weekday() in (1, 3, 5) and rng.random() < (0.5 if rough_patch else 0.85):
            add("appreciation-note", day, rng.choice((8, 9, 21)), rng.choice(APPRECIATIONS))
        if day.weekday() == 5 and rng.random() < 0.8:
            add("shared-activity", day, 15, rng.choice(ACTIVITIES))
        if day.weekday() == 2 and rng.random() < 0.75:
            add("ask-needs", day, 21, rng.choice(NEEDS))
        day += dt.timedelta(days=1)

    steps: list[StepProgress] = []
    done_days = {"1.1": 0, "1.2": 2, "1.3": 6, "1.4": 9, "2.1": 14, "2.2": 20, "2.3": 27}
    for step_id, days_in in done_days.items():
        ids = list((prompt_ids or {}).get(step_id, ()))
        answers = {pid: _STEP_ANSWERS[pid] for pid in ids if pid in _STEP_ANSWERS}
        steps.append(StepProgress(step_id, start - dt.timedelta(days=30 - days_in), answers))
    logs.sort(key=log_order)
    return logs, steps
