"""The boilerplate rule table: which lines of a page are not the article, and why."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pipeline.core.documents.inputs import INGEST_VERSION

# The subheading rule is shared with quotes (one home, pipeline/core/text/headings.py);
# the documents facade re-exports it. Cleaning keeps subheadings as lines of their own.
from pipeline.core.text.headings import is_subheading as is_subheading
from pipeline.core.text.lexicon import MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_NAMES
from pipeline.core.text.patterns import one_of
from pipeline.core.text.spans import count_words

# Reading (ingest) changes what the cleaner sees, so its version is part of this one.


# 6: authors, language; 7: not_an_article; 8: tweet links and deal sign-ups stripped inline;
# 9: bylines in other languages ("Por …", "Von …"); 10: an outlet's repeated lines (repeated.py);
# 11: month and weekday words from the shared list (text/lexicon.py; "sepember" no longer a
# month); menu items and headlines read with the shared TITLE_SMALL_WORDS ("as", "is", "de"...)
CLEANER_VERSION = f"11+ingest{INGEST_VERSION}"

MIN_ARTICLE_WORDS = 40



@dataclass
class CleanedText:
    text: str
    title: str | None = None
    dateline: str | None = None
    removed: Counter[str] = field(default_factory=Counter)
    published: str | None = None  # ISO date from a "Published ..." line, when it has a year
    authors: list[str] = field(default_factory=list)  # people named by the byline at the top

    @property
    def n_words(self) -> int:
        return count_words(self.text)


_I = re.IGNORECASE
_SEP = r"\s*[:|›»>•·\-–—]?\s*"  # what may follow a widget label
# A month name or abbreviation, any case, with its dot: "March", "SEPT.", "jan".
_MONTH = rf"(?i:{one_of(sorted(MONTH_NAMES + MONTH_ABBREVIATIONS, key=len, reverse=True))})\.?"
_SOCIAL = (r"(?:facebook|twitter|x|linkedin|whatsapp|reddit|telegram|pinterest|tumblr|threads|"
           r"bluesky|instagram|tiktok|youtube|flipboard|pocket|messenger|email|e-mail|mail|sms|"
           r"print|copy link|copy|google news|apple news|rss)")


def _rx(pattern: str, flags: int = _I) -> re.Pattern[str]:
    return re.compile(rf"^(?:{pattern})$", flags)


# (reason, pattern, max words): a line is removed when the pattern matches the whole line and
# the line has at most `max words` words. The word limit keeps paragraphs of reporting safe.
_LINE_RULES: list[tuple[str, re.Pattern[str], int]] = [
    ("advertising", _rx(
        r"(?:advertisements?|advertising|advert|ads?|(?:video )?ad feedback|supported by|"
        r"story continues|sponsored(?: content| post| "
        r"story| stories| links?| by .{1,40})?|paid (?:content|post|partnership|promotion)"
        r"(?: by .{1,40})?|promoted(?: content| stories| links?)?|partner content|"
        r"(?:presented|brought to you) by .{1,40}|"
        r"(?:the )?(?:story|article|text) continues (?:below|after)(?: (?:this|the))?"
        r"(?: (?:ad|advertisement|advert))?|continue reading(?: (?:below|the main story|after "
        r"(?:the |this )?(?:ad|advertisement)))?|skip (?:the )?(?:advertisement|ad)|"
        r"advertisement\s*[-–—:]\s*.{0,40}|(?:advertisement\s*){2,3}|"
        r"(?:the )?(?:story|article|text) continue[sd] (?:below|after)(?: (?:the )?(?:ad|advert))?)"
        r"\s*:?\.?"), 8),
    ("share_widget", _rx(
        rf"(?:share(?: this| the)?(?: full)?(?: story| article| post| page| video| link)?"
        rf"(?: (?:on|via|to|with) .{{1,30}})?(?: \(opens in (?:a )?new (?:window|tab)\))?|"
        rf"[\d.,]+\s?[km]? (?:shares?|likes?|views?|reads?)|(?:click to )?share on .{{1,30}}|"
        rf"(?:add|post|leave|write|view|show|load|read|see|hide|close|open|jump to)"
        rf"(?: a| the| all| your| [\d,]+| more)? (?:comments?|reply|replies|responses?|"
        rf"conversation)(?: \(\d+\))?|"
        rf"leave a (?:reply|comment)(?: cancel reply)?|cancel reply|"
        rf"comments?(?: \(\d+\))?|\d+ (?:comments?|replies|responses)|no comments(?: yet)?|"
        rf"join the (?:conversation|discussion|debate).{{0,60}}|be the first to comment.{{0,40}}|"
        rf"your email address will not be published.*|required fields are marked.*|"
        rf"save my name,? email.*|(?:name|email|e-mail|website|comment)\s*\*|"
        rf"notify me of (?:new|follow-up) (?:comments|posts).*|post comment|submit comment|"
        rf"print(?: this)?(?: article| page| story)?|email(?: this)?(?: article| story)?|"
        rf"tweet(?: this)?|pin(?: it)?|copy(?: the)? (?:link|url)|link copied!?|copied!?|"
        rf"bookmark(?: this)?|save(?: (?:for later|article|story|this))?|saved|"
        rf"gift(?: this)? (?:article|story)|reprints?(?: (?:&|and) permissions)?|"
        rf"(?:font|text) size|a\s*a\s*a?|zoom|"
        rf"listen(?: to (?:this|the) (?:article|story|podcast))?(?:\s*[·•|:-]?\s*\d+ "
        rf"(?:min(?:ute)?s?|sec(?:ond)?s?))?|"
        rf"\d+\s*(?:-\s*)?min(?:ute)?s?(?: read| listen)?|(?:estimated )?reading time.{{0,20}}|"
        rf"follow (?:us|me|him|her|them)(?: on .{{1,60}})?|follow .{{1,40}} on (?:twitter|x|"
        rf"facebook|instagram|linkedin|threads|bluesky|tiktok|youtube).{{0,40}}|"
        rf"like(?: this)?|like loading\W*|reply|report(?: (?:abuse|this comment))?|flag|"
        rf"reuse this content|"
        rf"send (?:any )?(?:a )?friend a (?:story|gift)|give this article|"
        rf"this (?:story|article) has been shared .{{0,40}}|"
        rf"you must be logged in to (?:post a )?comment.{{0,20}}|"
        rf"{_SOCIAL}(?:\s*[|·,/•]?\s*{_SOCIAL})*)\s*:?\.?"), 20),
    ("credit", _rx(
        r"(?:(?:file |main |top |cover |header |featured |lead )?(?:photos?|photograph|images?|"
        r"pictures?|pics?|videos?|illustrations?|graphics?|charts?|maps?|footage|"
        r"photo illustration|cartoon)(?: credits?| sources?| courtesy(?: of)?)?\s*[:|/]\s*.{0,160}|"
        r"credit(?:\.{2,}|…)\s*.{1,120}|"
        r"(?:credits?|image source|image caption|media caption|caption|source image)\s*[:,]\s*"
        r".{0,300}|image copyright\s.{0,300}|"
        r"(?:photos?|images?|pictures?|illustrations?|videos?|photograph)"
        r"(?: by| courtesy(?: of)?| credit| via) .{0,120}|"
        r"\(?(?:getty images|ap photo|afp|reuters|epa(?:-efe)?|shutterstock|alamy|pa images|"
        r"pa wire|bloomberg|xinhua|anadolu(?: agency)?|nurphoto|sopa images|istock(?:photo)?|"
        r"unsplash|pool|file)(?:\s*(?:/|via|\|)\s*[^.]{0,80})?\)?)\s*\.?"), 40),
    ("credit", re.compile(   # a caption ending in a photo credit: "... (AP Photo/Jane Roe, File)"
        r"^.{0,500}(?:\((?=[^()]{0,120}\)\s*\.?$)[^()]*(?:AP Photo|Getty Images|AFP|Photo(?:graph)?"
        r"(?: by)?\b|Image\b|Credit|Shutterstock|Alamy|EPA|REUTERS|Reuters/|/Reuters|Pool|"
        r"Xinhua|Bloomberg via|via Getty|iStock|Unsplash)[^()]*\)|"
        r"\b(?:Photo(?:graph)?|Picture|Image|Credit|Illustration)s?\s*:\s*[^.:]{1,80}|"
        r"\s[|/]\s*(?:Getty Images|AFP|AP|Reuters|EPA|Shutterstock|Alamy|Bloomberg)\b[^.]{0,60}|"
        # a caption's "(Name Surname/Agency)" credit, whatever the agency
        r"\((?:[A-Z][\w'’.\-]+ ){1,3}[A-Z][\w'’.\-]+\s?/\s?[A-Z][\w .&'’\-]{1,40}\))"
        r"\s*\.?$"), 70),
    ("donation", _rx(
        r"(?:support (?:us\b|our (?:work|journalism|reporting|newsroom|mission)|(?:independent|"
        r"quality|local|honest|free|nonprofit|public[- ]interest) (?:journalism|news|media|"
        r"reporting)|(?:the|this) (?:site|newsroom|journalism|paper|newspaper|website|project))"
        r".{0,120}|donate\b(?: now| today| here| to .{1,60})?.{0,60}|"
        r"make a (?:one-off |monthly |recurring )?(?:donation|contribution|gift).{0,80}|"
        r"(?:please )?consider (?:making a donation|donating|subscribing|supporting).{0,120}|"
        r"subscribe(?: now| today| here| for .{0,60}| to .{0,80}| and .{0,60})?|"
        r"subscribers? only.{0,40}|(?:already a (?:subscriber|member)|already have an account)"
        r".{0,80}|"
        r"sign up(?: now| today| here| for free)?(?: (?:for|to) .{0,100})?|"
        r"(?:get|receive) (?:the|our|all|breaking|daily|weekly|more) .{0,80}(?:newsletter|"
        r"headlines|briefing|alerts?|updates|inbox|email).{0,80}|"
        r"(?:our |free |daily |weekly |morning |evening )*newsletters?(?:\s*[:|-]\s*.{0,80})?|"
        r"become a (?:member|subscriber|supporter|patron|friend).{0,120}|"
        r"keep .{0,40}(?:journalism|reporting|news) (?:alive|free|independent|going).{0,80}|"
        r"(?:independent|quality|local|honest|free) (?:journalism|reporting) (?:needs|depends|"
        r"relies|matters|costs).{0,120}|your (?:support|contribution|donation) (?:makes|matters|"
        r"helps|keeps|allows).{0,120}|"
        r"thanks? (?:you )?for (?:reading|your support|supporting).{0,160}|"
        r"(?:you've|you have) (?:read|reached|used) .{0,60}(?:articles?|stories|limit).{0,80}|"
        r"this (?:article|story|content) is (?:for|available to|exclusive to|reserved for) "
        r"(?:subscribers|members|premium).{0,80}|"
        r"(?:start|begin|try) (?:your |a )?free trial.{0,80}|"
        r"unlock (?:this|full|unlimited|all|more).{0,80}|(?:to )?continue reading.{0,80}|"
        r"(?:log|sign) in to .{0,80}|(?:log ?in|sign ?in|register|sign out|log ?out|my account|"
        r"create (?:a )?(?:free )?account)|"
        r"(?:we|i) (?:rely|depend) on (?:readers|you|our readers).{0,160})\s*[.!]?"), 30),
    ("byline", re.compile(
        r"^(?:by|BY|By)\s*:?\s+(?!(?i:the|a|an|this|that|these|those|then|now|contrast|"
        r"comparison|law|default|far|most|some|way|mid|early|late|next|last|all|design|chance|"
        r"numbers|region|country|state|sector|age|election|year|day|week|month|noon|midnight|"
        + one_of(WEEKDAY_NAMES) + "|" + _MONTH + r")\b)"
        r"(?:[A-Z][\w'’.\-]*\.?|[A-Z]\.)(?:\s+(?:[A-Z][\w'’.\-]*|[a-z]{2,3}|[A-Z]\.)){0,4}"
        r"(?:\s*(?:,|and|&)\s*(?:[A-Z][\w'’.\-]*)(?:\s+[A-Z][\w'’.\-]*){0,4})*"
        r"(?:\s*,\s*(?:the\s+)?[A-Z][\w.&'’\-]*(?:\s+(?:[A-Z][\w.&'’\-]*|of|for|and|the|de|&))*)?"
        r"(?:\s*[|•·—–\-]\s*.{0,100})?\.?$"), 30),
    ("byline", _rx(
        r"(?:authors?|about the authors?|written by .{1,80}|(?:story|text|words|interview|"
        r"compiled|edited|produced|reporting|additional reporting|writing|editing|research|"
        r"translation|translated|graphics|design|photography) by [A-Z][\w'’.\-]*"
        r"(?: [A-Z][\w'’.\-]*){0,3}(?:\s*(?:[,;&]|and|in|from)\s*.{0,200})?|"
        r"with (?:additional )?reporting (?:by|from) .{1,120}|"
        r"(?:contact|email|e-mail|reach|write to) (?:the )?(?:author|reporter|writer|editor|us|"
        r"him|her|them|[A-Z]\w+(?: [A-Z]\w+)?)? ?(?:at|via|:)? ?\S+@\S+.{0,60}|\S+@\S+\.\w+|"
        r"@\w{1,30}|(?:(?:senior|chief|staff|contributing|political|business|foreign|deputy|"
        r"managing|associate|special|national|international|economics?|tech(?:nology)?|wire|"
        r"white house|freelance|guest|news|health|science|metro|sports|investigative) )*"
        r"(?:reporter|correspondent|editor|writer|journalist|columnist|contributor|producer|"
        r"staff)s?|.{1,60} contributed (?:reporting|to this (?:report|story|article)).{0,80})"
        r"\s*\.?"), 30),
    ("byline", re.compile(  # "Jane Doe | Staff Writer", "JANE DOE • Senior Reporter"
        r"^[A-Z][\w'’.\-]+(?: (?:[A-Z][\w'’.\-]+|[a-z]{1,3})){1,4}\s*[|•·—–,]\s*"
        r"(?:[A-Za-z][\w\-]* ){0,3}(?i:reporter|correspondent|editor|writer|journalist|"
        r"columnist|contributor|producer|photographer|analyst|critic|staff)s?\.?$"), 12),
    ("related_links", _rx(
        r"(?:(?:read|see|watch|listen|explore|discover)(?: more| also| next| the full(?: story| "
        r"article)?| the latest| here)?|also (?:read|see|watch)|read also|more|related|"
        r"recommended|must read|don'?t miss|click here|more coverage|more on this(?: story)?)"
        r"\s*[:|›»>]\s*.{1,250}|"
        r"(?:read more|more reading|also read|also see|see also|read also|read next|related|"
        r"related (?:articles?|stories|content|coverage|links|topics|reading|news|posts|videos?)|"
        r"recommended(?: (?:for you|stories|reading|articles|videos?))?|"
        r"more (?:from|on|about|in|by|stories|news|videos?|top stories|headlines)(?: .{1,50})?|"
        r"most (?:read|popular|viewed|shared|watched)(?: .{1,30})?|"
        r"trending(?: (?:now|stories|topics|news))?|top (?:stories|news|headlines)|"
        r"latest(?: (?:news|stories|headlines|videos?|updates))?|"
        r"you (?:may|might|could) (?:also )?(?:like|enjoy|be interested in|have missed)|"
        r"don'?t miss|up next|what to read next|editor'?s picks?|popular(?: (?:now|stories))?|"
        r"in case you missed it|icymi|further reading|what(?:'s| is) next|"
        r"click here(?: (?:to|for) .{1,100})?|explore more(?: on (?:these|this) topics?)?|"
        r".{1,150},? opens new tab|learn more|see full (?:web )?article|"
        r"(?:https?://|www\.)\S+|"
        # a short label and a link: "Read or Share this story: https://…"
        r"[\w'’ ]{1,60}:\s*(?:https?://|www\.)\S+|"
        # a teaser: "<headline> Read more", "Related <headline>" (no sentence end)
        r".{3,200}?\s(?:read more|read the full (?:story|article)|full story)\s*[.…»›>]*|"
        r"related(?: (?:story|article|coverage|video|reading))?\s*[-–—|]?\s+[A-Z‘“\"']"
        r"[^\n]{1,200}(?<![.!?\s]))\s*:?"), 30),
    ("notice", _rx(
        r"(?:.{0,200}\b(?:(?:we|site|website) uses? cookies|use of cookies|cookies? (?:policy|"
        r"settings|consent|preferences|notice)|accept (?:all )?cookies|cookies (?:to|that) "
        r"(?:improve|personali[sz]e|enhance|give|provide|analy[sz]e|deliver|ensure|help|"
        r"remember|understand))\b.{0,300}|"
        r"by (?:continuing|using) (?:to (?:use|browse) )?(?:this|our) (?:site|website|service)"
        r".{0,300}|"
        r"(?:accept|reject|manage|allow)(?: all| necessary)?(?: cookies| preferences| settings)?|"
        r"(?:cookie|privacy) (?:policy|settings|preferences|notice)|"
        r"terms (?:of (?:use|service)|and conditions)|"
        r"(?:all )?rights reserved.{0,120}|©.{0,160}|\(c\) ?\d{4}.{0,120}|"
        r"copyright\s*(?:©|\(c\))?\s*(?:\d{4}|[A-Z][\w.&'’ \-]{0,60}\d{4}).{0,300}|"
        r"(?:this|the) (?:material|article|content|story) may not be (?:published|reproduced|"
        r"redistributed|copied).{0,160}|"
        r".{0,100}(?:enable javascript|javascript is (?:disabled|required|not enabled)|"
        r"(?:your|this) browser (?:does not|doesn't|is not|isn't) support|update your browser|"
        r"ad ?blocker|disable your ad).{0,200}|"
        r"(?:are you a robot|verify (?:that )?(?:you are|you're) (?:a )?human|access denied|"
        r"please complete the security check|checking your browser|"
        r"this site is protected by recaptcha).{0,200}|"
        r"skip to (?:main )?(?:content|navigation|search|footer)|skip navigation|"
        r"(?:main )?menu|search|close|open|back to top|toggle navigation|home(?:page)?|sections|"
        r"navigation|loading\W{0,3}|please wait\W{0,3}|advertise(?: with us)?|contact us|"
        r"about us|site ?map|jump to|(?:previous|next)(?: (?:article|story|page|post))?|"
        r"this (?:story|article|post|piece|report) (?:was |has been |is )?(?:first |originally )?"
        r"(?:published|appeared|produced).{0,200}|originally (?:published|appeared) (?:on|at|in|"
        r"by) .{0,160}|this (?:story|article|post) (?:was|has been) updated.{0,80}|"
        r"(?:republished|reprinted) (?:with permission|from|under).{0,160}|"
        r"our standards:.{0,120})\s*[.!]?"), 60),
    ("notice", re.compile(  # breadcrumbs: "Home > World > Asia", "News / Politics"
        r"^[\w'’&.,-]+(?: [\w'’&.,-]+){0,3}(?:\s+[>›»/|]\s+[\w'’&.,-]+(?: [\w'’&.,-]+){0,3})+$"),
     16),
    ("timestamp", _rx(
        r"(?:updated |published |posted )?\d+ (?:seconds?|minutes?|mins?|hours?|hrs?|days?|"
        r"weeks?) ago\.?|(?:posted|published|updated)(?: on)?:? .{0,40}\d{4}(?:,? (?:at )?"
        r"[\d:apm. ]+)? by .{1,60}"), 16),
    ("tags", _rx(
        r"(?:tags?|topics?|filed under|categories|category|keywords|more about|related topics|"
        r"subjects?|sections?|posted in)\s*:.{0,300}|posted in .{1,80}\| ?tagged .{1,200}"),
     40),
    ("embed", _rx(
        r"(?:view this post on instagram|a post shared by .{0,120}|.{0,400}pic\.twitter\.com/\S+"
        r".{0,100}|[—–-]\s*.{1,80}\(@\w{1,30}\)\s*.{0,40}\d{4}|watch on youtube|"
        r"embedded (?:video|content|tweet)|this (?:content|video|embed) is (?:not available|"
        r"unavailable).{0,120}|view (?:this )?(?:video|tweet|post|photo) on .{1,40}|"
        r"(?:this )?tweet (?:may have been|was) deleted.{0,80}|"
        r"loading (?:tweet|video|player).{0,40}|"
        r"click to (?:play|expand|enlarge|watch).{0,60}|(?:play|watch|replay) (?:the )?video|"
        r"video (?:duration|player).{0,40}|now playing.{0,60}|\d{1,2}:\d{2}(?: ?min)?|"
        r"embed(?: (?:more )?(?:news )?(?:videos?|code|this))?)\s*\.?"), 40),
]

# A line that is only a date and/or time ("May 31, 2025 10:12 AM EDT", "Sun 1 Jun 2025").
_TIMESTAMP_TOKENS = re.compile(
    rf"\b(?:{_MONTH}|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|\d{{1,4}}(?:st|nd|rd|th)?|"
    r"a\.?m\.?|p\.?m\.?|at|on|(?:last )?(?:updated|modified|posted|published)|"
    r"[ecmp][sd]t|gmt|utc|bst|cet|cest|ist|jst|aest|aedt|hkt|sgt|et|"
    r"pt|ct|mt|msk)\b|[\d:/.,\-–—|•·+()]", _I)
_DATE_OR_TIME = re.compile(
    rf"\b{_MONTH}(?!\w)|\b\d{{1,2}}[:.]\d{{2}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b|"
    r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")
_TIMESTAMP_LEAD = re.compile(
    r"^(?:(?:first |last )?(?:published|posted|updated|modified|created)|date)(?: on| at)?"
    r"\s*:?\s*", _I)

# Words that make a line a plea for money once a plea block has started.
_PLEA_WORDS = re.compile(
    r"\b(?:donat\w*|contribut\w*|support(?:ing|ers?)?|subscri\w+|paypal|patreon|membership|"
    r"independent journalism|journalism|paywall|reader-funded|readers like you|"
    r"keep .{0,20} (?:free|independent)|fund(?:ing|ed)? (?:our|us)|afford|help us)\b", _I)
_STRONG_PLEA = re.compile(
    r"\b(?:(?:please )?consider (?:making a (?:donation|contribution)|donating|subscribing|"
    r"supporting (?:us|our))|support (?:independent|our|quality|honest) (?:journalism|"
    r"reporting|work)|(?:make|making) a (?:donation|contribution)|every contribution|"
    r"become a (?:member|subscriber|supporter)|via paypal|on patreon|readers like you|"
    r"donate (?:now|today|here)|support (?:my|our) work|subscribe for free|"
    r"(?:paid|free) subscri(?:ber|ption)s?)\b", _I)

_DATELINE = re.compile(
    r"^(?P<dateline>"
    r"(?:\([A-Z][\w.&/'’\-]{1,20}(?: [A-Z][\w.&/'’\-]{1,20}){0,2}\)"
    r"|(?P<caps>[A-Z][A-Z.'’\-]+(?:[ ][A-Z][A-Z.'’\-]+){0,3})"
    r"(?:,\s*[A-Z][\w.'’\-]+(?:\s[A-Z][\w.'’\-]+){0,2})?"
    rf"(?:,?\s*{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"
    r"(?:\s*\([A-Z][\w .&/'’\-]{0,40}\))?"
    r"|(?P<mixed>[A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2}(?:,\s*[A-Z][\w.'’\-]+(?:\s[A-Z][\w.'’\-]+)"
    rf"{{0,2}})?)(?:(?:,?\s*{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)"
    r"(?:\s*\([A-Z][\w .&/'’\-]{0,40}\))?|\s*\([A-Z][\w .&/'’\-]{0,40}\))))"
    r"(?:\s*(?:—|–|--)\s*|\s+-\s+|\s*:\s+)(?=\S)")

_TERMINAL = ".!?…:;”\"’'»)]"
# A newsroom role in an author box ("Helena Marsh Transport correspondent").
_ROLE = re.compile(r"\b(?:reporter|correspondent|editor|writer|journalist|columnist|"
                   r"contributor|producer|analyst|staff|news|desk|bureau)s?\b", _I)
_NORMALISE_KEY = re.compile(r"[\W_]+")


def _key(line: str) -> str:
    return _NORMALISE_KEY.sub(" ", line.casefold()).strip()


def _words(line: str) -> int:
    return len(line.split())


def classify_line(line: str) -> str | None:
    """The boilerplate family of a single line, or None when it may be reporting."""
    n = _words(line)
    if not any(ch.isalnum() for ch in line):
        return "separator"
    inner = line[1:-1].strip() if line[:1] + line[-1:] in ("()", "[]") else None
    for reason, pattern, max_words in _LINE_RULES:
        if n <= max_words and (pattern.match(line) or (inner and pattern.match(inner))):
            if reason == "donation" and _is_deal(line):
                return None  # "Sign up for the winter berth deal at €120 a month"
            return reason
    if _is_timestamp(line):
        return "timestamp"
    if n <= 80 and _STRONG_PLEA.search(line) and len(_PLEA_WORDS.findall(line)) >= 2:
        return "donation"
    return None


# The leading spaces of these two are never started inside a run of spaces (`(?<!\s)|(?!\s)`):
# a match from inside a run also matches from its start, so every match is the same, and a
# line holding 240 KB of spaces costs linear time instead of quadratic (bench/regex_audit.py).
_PIC_LINK = re.compile(r"(?:(?<!\s)|(?!\s))\s*(?:https?://)?pic\.twitter\.com/\S+")
# An embedded post's signature after its text: "— Jane Doe (@janedoe) May 3, 2026".
_POST_SIGNATURE = re.compile(r"(?:(?<!\s)|(?!\s))\s*[—–-]\s*[^—–()\n]{1,80}\(@\w{1,30}\)"
                             r"[^()\n]{0,40}\d{4}\s*$")
# A price: "$189", "£1,200", "€7.99", "USD 40", "189 dollars". A run of digits, commas and
# dots is read once from its start: up to its first digit at a word start (atomic, so a run
# that is not followed by a currency word fails once, not once per digit: "1,1,1,..." of
# 32 KB took 4 s). Only ever searched for (true or false), which this leaves as it was.
_PRICE = re.compile(r"[$£€¥₹]\s?\d|(?<![\d,.])(?>[\d,.]*?\b\d)[\d,.]*+\s?(?:dollars|euros|pounds)\b"
                    r"|\b(?:USD|EUR|GBP)\s?\d", _I)
_OWN_VOICE = re.compile(r"\b(?:our|us|we)\b", _I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _is_deal(line: str) -> bool:
    """A line about a price of someone else's product ("Sign up for the winter plan at $7.99
    a month"), not the outlet's own plea ("Subscribe now for just $1 a week", "Sign up for
    our newsletter")."""
    return bool(_PRICE.search(line)) and not _OWN_VOICE.search(line) and not (
        _PLEA_WORDS.search(line))


def strip_inline_chrome(line: str) -> tuple[str, str | None]:
    """The line without an embedded post's picture link and signature, or without a sign-up
    sentence after a deal; and the family removed (None when nothing was).

    "We will keep fighting. pic.twitter.com/AbC — Jane Doe (@jdoe) May 3, 2026" keeps "We will
    keep fighting."; "The kettle is $39 at Argos, down from $59. Sign up for our deals
    newsletter." keeps the first sentence. A line that would be left with under three words is
    returned whole, for the line rules to judge.
    """
    if "pic.twitter.com/" in line:
        text = _POST_SIGNATURE.sub("", _PIC_LINK.sub("", line)).strip()
        if _words(text) >= 3 and text != line:
            return text, "embed"
        return line, None
    if _PRICE.search(line) and _words(line) <= 80:
        sentences = _SENTENCE_END.split(line)
        keep = list(sentences)
        while len(keep) > 1 and classify_line(keep[-1]) == "donation":
            keep.pop()
        if len(keep) < len(sentences) and _is_deal(" ".join(keep)):
            return " ".join(keep), "donation"
    return line, None


def _is_timestamp(line: str) -> bool:
    """Only date and time tokens (after a "Published"/"Updated" label), with a digit."""
    rest = _TIMESTAMP_LEAD.sub("", line)
    return (_words(rest) <= 12 and bool(_DATE_OR_TIME.search(rest))
            and not _TIMESTAMP_TOKENS.sub("", rest).strip())


def _looks_like_body(line: str) -> bool:
    return _words(line) >= 12 and line.rstrip()[-1:] in _TERMINAL


def _headline_like(line: str) -> bool:
    """Short, no closing period or colon, not a whole quotation."""
    stripped = line.strip()
    words = stripped.split()
    if not 2 <= len(words) <= 30 or len(stripped) > 250:
        return False
    if stripped[-1:] in ".,;:" and not stripped.endswith("..."):
        return False
    return not (stripped[-1:] in "”\"'’" and stripped.rstrip("”\"'’")[-1:] in ".!?,")


