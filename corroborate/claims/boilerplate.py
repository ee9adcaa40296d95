"""Recognise site furniture by its wording: calls to action, ads, credits, embeds.

Every pattern targets the imperative or label form that sites use (``Sign up for...``,
``Follow us on Twitter``, ``Advertisement``, ``Reporting by X; Editing by Y``), so that
news sentences about the same things (``Twitter said it would subscribe new users``)
are kept. Patterns expect text already passed through :func:`clean_sentence`.
"""

from __future__ import annotations

import re

from corroborate.claims.promotion import is_promotion

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
_TIME_ZONE = r"(?:et|est|edt|ct|cst|cdt|pt|pst|pdt|gmt|utc|bst|cet|cest|eet|ist|jst|hkt|aest|msk)"
_DATE_WORD = (
    rf"(?:\d{{1,4}}(?:[:./]\d{{1,4}})*(?: ?[ap]\.?m\.?)?|on|at|{_MONTH}|{_WEEKDAY}|{_TIME_ZONE})"
)
_SOCIAL_NETWORK = (
    r"(?:twitter|x|facebook|instagram|youtube|tiktok|linkedin|telegram|threads|whatsapp"
    r"|google news|mastodon|bluesky|snapchat|reddit|flipboard|social media|social networks?)"
)

# Lines that are nothing but a label; trailing punctuation is ignored.
_LABEL_LINE = re.compile(
    r"""^(?:
        advertisement(?:\s*[-:]\s*scroll\ to\ continue(?:\ with\ content)?)?
        | advertising | ad | ads | (?:video\ )?ad\ feedback | skip\ (?:ad|advert(?:isement)?)
        | sponsored(?:\ content|\ post)? | paid\ (?:content|post|partner\ content)
        | promoted(?:\ content)? | partner\ content | content\ from\ (?:our\ )?partners?
        | (?:story|article)\ continues\ (?:below|after)(?:\ (?:this|the))?(?:\ advertisement|\ ad)?
        | continue\ reading(?:\ below|\ the\ main\ story)?
        | scroll\ (?:down\ )?to\ continue(?:\ reading|\ with\ content)?
        | share(?:\ this)?(?:\ (?:article|story|page|post))?
        | share\ (?:on|via)\ \w+(?:\ \w+)? | copy\ link | link\ copied | print | email
        | comments? | close | menu | loading | skip\ to\ (?:main\ )?content
        | related(?:\ (?:articles?|stories|content|coverage|topics|links))?
        | recommended(?:\ (?:stories|reading|for\ you))?
        | more\ (?:stories|on\ this\ story) | most\ (?:read|popular|viewed|shared)
        | trending(?:\ now)? | read\ more | see\ more | show\ more | read\ next | up\ next
        | watch(?:\ now|\ live|\ video)? | listen(?:\ now)?
        | hide\ caption | toggle\ caption | enlarge\ this\ image | expand\ image
        | getty\ images | file\ photo | ap\ photo | afp\ photo | reuters\ photo
        | more\ to\ follow
    )[\s.:!…]*$""",
    re.IGNORECASE | re.VERBOSE,
)

_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # Labels that introduce sponsored content or a link to another page.
        r"^(?:advertisement|sponsored(?: content)?|promoted|paid (?:content|post))\s*[:|]",
        r"^(?:read|see|watch|listen|related|recommended|more|read more|read also|also read"
        r"|see also|read next|don't miss|must read|also on \w+)\s*(?:here)?\s*[:|>»]",
        r"^read (?:more|the (?:full|original|whole) (?:story|article|report))\b",
        # Subscriptions, sign-ups, paywalls, newsletters.
        r"^(?:please )?(?:sign up|subscribe|register|log in|sign in)\b",
        r"^(?:please )?(?:join (?:us|our|now|today|the (?:conversation|discussion))"
        r"|become an? (?:member|subscriber|supporter))\b",
        r"^already an? (?:subscriber|member|registered user)\b",
        r"^(?:get|enjoy|unlock) unlimited (?:digital )?access\b",
        r"^start your (?:free )?trial\b",
        r"^(?:please )?(?:support (?:us|the \w+|our \w+|independent journalism|quality journalism)"
        r"|donate|make a (?:contribution|donation))\b",
        # Requests for feedback and tips.
        r"^(?:get in touch|contact us|email us)\b",
        r"^(?:send|tell|give) us (?:your|about|a)\b",
        r"^share your (?:experience|story|stories|views|thoughts|photos|videos|tips?)\b",
        r"^(?:do you have|have you got|got) a (?:news )?(?:tip|story)\b",
        r"^stay (?:informed|updated|up to date|up-to-date|in the know|connected)\b",
        r"\byou(?:'ve| have) reached (?:your|the) (?:\w+ ){0,3}(?:limit|maximum)\b",
        r"\b(?:subscribe|log in|sign in|register)(?: now| today)? to (?:continue|keep) reading\b",
        r"\bthis (?:article|story|content) is (?:only )?(?:available )?(?:to|for) "
        r"(?:subscribers|members)\b",
        r"^(?:get|receive|read|try|want|don't miss|never miss|check out)\b.{0,80}"
        r"\bnewsletters?\b",
        r"^(?:get|receive|have)\b.{0,80}\b(?:to|in|into) your inbox\b",
        r"^[\w' ]{0,40}\bnewsletters?\s*:",
        r"\b(?:delivered|sent)(?: straight| directly| right)? (?:to|into) your inbox\b",
        # Social networks: follow prompts and embedded posts.
        rf"^follow\b.{{0,80}}\b(?:on|via) {_SOCIAL_NETWORK}\b",
        r"^follow (?:us|@\w+|our (?:live|latest))\b",
        r"^follow (?:\S+'s |our |the )?(?:full |live |latest )?coverage\b",
        r"^(?:follow|read|watch|listen|visit|see|find|check out)\b.*\bhttps?://\S+$",
        r"^(?:like|find|connect with) us (?:on|at)\b",
        r"\bpic\.twitter\.com/\w+",
        r"(?:^|\s)https?://t\.co/\w+",
        rf"\(@\w{{1,15}}\) (?:on )?{_MONTH} \d{{1,2}}, \d{{4}}$",
        r"^a post shared by\b",
        rf"^view this (?:post|profile|video) on {_SOCIAL_NETWORK}\b",
        # Other calls to action.
        r"\b(?:click|tap) (?:here|below)\b",
        r"^(?:please )?(?:click|tap) (?:on )?the link\b",
        r"^(?:download|get|install) (?:the|our|now)\b.{0,60}\b(?:app|app store|google play)\b",
        r"^(?:download it|get it|available) on (?:the app store|google play)\b",
        # Cookie and consent notices.
        r"\b(?:we|this (?:web)?site|our (?:web)?site)(?: also)? uses? cookies\b",
        r"^(?:accept|reject|allow|manage)(?: all)? cookies\b",
        r"^cookie (?:settings|preferences|policy|consent)\b",
        r"\b(?:read|see|review|view) our (?:cookie|privacy) (?:policy|notice)\b",
        r"\bby (?:continuing|using|clicking|browsing)\b.{0,60}\byou (?:agree|consent|accept)\b",
        # Copyright notices.
        r"^(?:©|\(c\) ?\d{4}|copyright (?:©|\(c\)|\d{4}))",
        r"\ball rights reserved\b",
        r"\bmay not be (?:published|reproduced), broadcast\b",
        # Photo credits not in title case ("Image source, Getty Images").
        r"^(?:image|photo|picture|video|media) (?:source|credit)s?\s*[,:]",
        # Update notes and timestamps.
        r"^(?:editor's note:\s*)?this (?:story|article|report|post|page) (?:has been|was|is being"
        r"|will be|is) (?:updated|corrected|amended)\b",
        r"^(?:editor's note:\s*)?this (?:is an? )?(?:developing|breaking)(?: news)? story\b",
        r"^this story is (?:developing|breaking)\b",
        r"^check back (?:later |soon )?for (?:updates|more)\b",
        rf"^(?:last |first )?(?:updated|published|posted):?(?:[\s,|()-]+{_DATE_WORD})+[\s,|().]*$",
        r"\bcontributed(?: reporting)? to this (?:report|story|article)\.?$",
    )
)
# The patterns anchored at the start are tried as one alternation at position 0 (one call
# instead of one each); the others are searched for one by one.
_ANCHORED = re.compile(
    "|".join(f"(?:{pattern.pattern})" for pattern in _PATTERNS if pattern.pattern[0] == "^"),
    re.IGNORECASE,
)
_FLOATING = tuple(pattern for pattern in _PATTERNS if pattern.pattern[0] != "^")

# Credits: "Reporting by Parisa Hafezi in Dubai; Editing by Chris Reese".
_CREDIT_ROLE = re.compile(
    r"\b(?:(?:additional|further) )?(?:reporting|writing|editing|compiled|fact-checking"
    r"|research|graphics|production|translation|edited|written|reported|produced) by\b",
    re.IGNORECASE,
)
# A short label before a colon: "Times of Israel: Stay informed with our daily edition."
_LEADING_LABEL = re.compile(r"^[^:]{1,40}:\s+")
# Words that title case leaves in lower case, and name particles ("Jane Doe in Dubai").
# fmt: off
_MINOR_WORDS = frozenset(
    {
        "a", "an", "the", "and", "or", "nor", "but", "for", "of", "in", "on", "at", "to", "by",
        "from", "with", "via", "as", "vs", "per", "de", "da", "di", "del", "della", "van", "von",
        "der", "den", "la", "le", "du", "y", "al", "el", "bin", "ibn",
    }
)
# fmt: on
_WORD_SEPARATORS = re.compile(r"[\s,;:/|&()?!.\"]+")
_PARTICLE_NAME = re.compile(r"^(?:al|el|bin|ibn|de|van|von)-\w", re.IGNORECASE)


def is_boilerplate_pattern(text: str) -> bool:
    """Whether the cleaned line ``text`` is site furniture rather than news."""
    after_label = _LEADING_LABEL.sub("", text, count=1)
    forms = (text,) if after_label == text else (text, after_label)
    return (
        bool(_LABEL_LINE.match(text))
        or any(_ANCHORED.match(form) for form in forms)
        or any(pattern.search(form) for pattern in _FLOATING for form in forms)
        or _is_heading(text)
        or _is_wire_credit(text)
        or is_promotion(text)
    )


def _is_heading(text: str) -> bool:
    """A title-case line with no verb in lower case: a byline, photo credit, label or slogan.

    Sentences always have a lower-case word that title case would capitalise ("said",
    "visited"); "By Jane Doe, CNN", "Photo: AP", "Related Topics" do not. All-capitals lines
    are left alone, as some sites shout whole sentences.
    """
    return any(character.islower() for character in text) and _capitalised_words_only(text)


def _is_wire_credit(text: str) -> bool:
    """Credits such as "(Reporting by X in Dubai; additional reporting by Y; Editing by Z)"."""
    pieces = _CREDIT_ROLE.split(text.strip("()."))
    return (
        len(pieces) > 1
        and not pieces[0].strip(" (;,")
        and all(_capitalised_words_only(piece) for piece in pieces[1:])
    )


def _capitalised_words_only(text: str) -> bool:
    """Whether each word is capitalised, a number or a minor word, and one is capitalised."""
    words = [word for word in _WORD_SEPARATORS.split(text) if word]
    return any(word[0].isupper() for word in words) and all(
        word[0].isupper()
        or word[0].isdigit()
        or word.casefold() in _MINOR_WORDS
        or _PARTICLE_NAME.match(word)
        for word in words
    )
