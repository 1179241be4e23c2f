"""Word lists of the documents stage: what author lines and non-article pages are made of.

General facts about how news pages and other web pages are written, never words of a sample.
"""

from __future__ import annotations

from pipeline.core.text.lexicon import word_set

# Words that make a byline part an outlet or a desk, not a person: "By Jane Doe, Reuters",
# "By Jane Doe, The Valmora Herald", "Jane Doe, BBC News".
OUTLET_WORDS = frozenset({
    "news", "press", "times", "post", "herald", "journal", "agency", "associated", "media",
    "network", "daily", "tribune", "wire", "service", "services", "radio", "tv", "television",
    "broadcasting", "magazine", "gazette", "online", "bureau", "chronicle", "courier", "ledger",
    "reuters", "afp", "ap", "upi", "xinhua", "bloomberg", "staff", "desk", "newsroom",
    "telegraph", "guardian", "observer", "express", "mail", "mirror", "standard", "review",
    "weekly", "today", "digital", "group", "inc", "ltd", "llc", "corp", "company", "team",
    "editors", "editorial", "board", "contributors", "writers", "correspondents",
})

# Lower-case particles inside personal names ("Ursula von der Leyen", "Luiz da Silva").
NAME_PARTICLES = frozenset({
    "de", "da", "di", "do", "dos", "das", "del", "della", "der", "den", "van", "von", "la", "le",
    "du", "bin", "bint", "ibn", "al", "el", "ter", "ten", "y", "e", "st", "mac",
})

# Words after which a byline stops naming people: "By Jane Doe in Kyiv", "for The Herald".
BYLINE_STOP_WORDS = ("in", "at", "for", "from", "with", "on")

# Bylines in other languages, one row per language: the word that opens the byline ("Por
# Juan Pérez"), the words joining two names ("y"), the words after which the byline stops naming
# people ("en Madrid"), and the articles that open an outlet's name, not a person's ("El Diario").
# The "by" word is matched capitalised or in capitals only; "Di"/"Von" are name particles too,
# so the cleaner never takes the first line of a text (the headline's place) for such a byline.
FOREIGN_BYLINES: dict[str, dict[str, tuple[str, ...]]] = {
    "es": {"by": ("Por",), "and": ("y", "e"), "stop": ("en", "desde", "para", "con"),
           "articles": ("el", "la", "los", "las")},
    "pt": {"by": ("Por",), "and": ("e",), "stop": ("em", "no", "na", "para", "com"),
           "articles": ("o", "a", "os", "as")},
    "de": {"by": ("Von",), "and": ("und",), "stop": ("in", "aus", "für", "mit"),
           "articles": ("der", "die", "das", "dem", "den")},
    "fr": {"by": ("Par",), "and": ("et",), "stop": ("à", "au", "en", "pour", "avec", "depuis"),
           "articles": ("le", "la", "les", "l'", "l’")},
    "it": {"by": ("Di",), "and": ("e", "ed"), "stop": ("a", "per", "con", "in"),
           "articles": ("il", "lo", "la", "i", "gli", "le")},
    "nl": {"by": ("Door",), "and": ("en",), "stop": ("in", "uit", "voor", "met"),
           "articles": ("de", "het")},
}

# Role modifiers before a newsroom role: "Senior Political Correspondent", "Staff Writer".
ROLE_MODIFIERS = frozenset({
    "senior", "chief", "staff", "contributing", "political", "business", "foreign", "deputy",
    "managing", "associate", "special", "national", "international", "economics", "economic",
    "tech", "technology", "wire", "freelance", "guest", "news", "health", "science", "metro",
    "sports", "investigative", "transport", "education", "environment", "security", "defence",
    "defense", "legal", "crime", "culture", "arts", "markets", "energy", "climate", "europe",
    "asia", "africa", "americas", "middle", "east", "global", "digital", "social", "executive",
    "assistant", "principal", "lead", "editor", "editor-at-large", "at", "large", "north",
    "south", "west", "world", "local", "us", "uk", "china", "white", "house", "diplomatic",
})

# Record fields (JSON keys, Markdown front matter) of an article, first present wins: its
# text or markup, title, url, outlet, publication date and authors.
TEXT_KEYS = ("text", "body", "content", "maintext", "article", "article_text", "full_text",
             "story", "fulltext")
HTML_KEYS = ("html", "raw_html", "content_html", "body_html", "html_content")
TITLE_KEYS = ("title", "headline", "name")
URL_KEYS = ("url", "link", "canonical_url", "permalink", "uri")
OUTLET_KEYS = ("outlet", "source", "site_name", "sitename", "publisher", "site", "source_name",
               "source_domain", "domain", "newspaper")
DATE_KEYS = ("published", "published_at", "publishedAt", "date_publish", "datePublished",
             "published_date", "publish_date", "pubDate", "pub_date", "date", "datetime",
             "created_at", "timestamp")
AUTHOR_KEYS = ("authors", "author", "byline", "creator", "creators", "writer", "writers",
               "author_name", "authorName", "by")

# --- Non-article pages --------------------------------------------------------------------

# Legal and policy language: a privacy policy, terms of use, cookie notice, disclaimer. A
# news article about a privacy policy uses some of these; a policy page uses them everywhere,
# and in a page's own voice ("we collect", "you agree").
POLICY_TERMS = (
    "personal data", "personal information", "privacy policy", "cookie", "cookies",
    "third parties", "third-party", "terms of use", "terms of service", "terms and conditions",
    "data controller", "data protection", "opt out", "opt-out", "consent", "gdpr",
    "you agree", "we collect", "we use", "we may", "we share", "we will", "your information",
    "your data", "your rights", "this website", "this site", "our website", "our site",
    "our services", "the service", "these terms", "this policy", "this agreement",
    "hereby", "herein", "thereof", "liability", "liable", "indemnify", "warranty",
    "warranties", "governing law", "jurisdiction", "applicable law", "retention",
    "unsubscribe", "subscriber agreement", "intellectual property", "disclaimer",
)

# Commercial pitch language: loan and casino spam, product promotion, sign-up pages.
PITCH_TERMS = (
    "apply now", "apply online", "apply today", "get started", "sign up", "call now",
    "order now", "buy now", "shop now", "free quote", "no credit check", "bad credit",
    "instant approval", "same day", "same-day", "fast cash", "low interest", "lowest rates",
    "best rates", "payday", "loan", "loans", "lender", "lenders", "apr", "casino", "bonus",
    "promo code", "discount code", "free shipping", "money back", "guaranteed", "limited time",
    "click here", "contact us today", "our team", "our experts", "we offer", "we provide",
    "customers", "hassle-free", "affordable", "get your", "today!",
)

# Information-page language: a service's opening hours, visiting and contact details, FAQ.
INFO_TERMS = (
    "opening hours", "opening times", "visiting hours", "appointments", "appointment",
    "book an appointment", "contact us", "contact details", "phone", "telephone", "email us",
    "address", "directions", "parking", "frequently asked questions", "faq", "how to find us",
    "our services", "our departments", "referral", "patients", "visitors", "please call",
    "please contact", "please note", "monday to friday", "mon-fri", "open from",
)

# Verbs of reporting: a news article reports what people said and did.
REPORTING_VERBS = (
    "said", "says", "told", "according to", "announced", "reported", "added", "stated",
    "confirmed", "denied", "warned", "argued", "claimed", "wrote", "testified", "insisted",
    "explained", "acknowledged", "noted",
)

# Capitalised words before a dash that are labels, not a dateline's place ("BREAKING —",
# "UPDATE:", "WATCH —") or too short to be one ("US —").
NOT_PLACES = word_set("""
BREAKING UPDATE UPDATED EXCLUSIVE WATCH OPINION ANALYSIS FILE LIVE NEW EDITOR'S EDITORS NOTE
CORRECTION PHOTOS VIDEO READ MORE WARNING ALERT URGENT FACT CHECK Q A I OK US UK EU UN AP FAQ
TL DR PS NB
""")
