"""Word lists for quote attribution: reporting verbs, titles, roles, organisations, venues.

These are general facts about how English-language news reports speech, not lists tuned to any
one article: every entry is a common reporting verb, job title or kind of organisation.
"""

from __future__ import annotations

from pipeline.core.text.lexicon import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    WEEKDAY_NAMES,
)
from pipeline.core.text.lexicon import word_set as _words


def _verb_forms(spec: str) -> frozenset[str]:
    """Expand "say:said:says:saying" style entries (or a regular base verb) into word forms."""
    forms: set[str] = set()
    for entry in spec.split():
        parts = entry.split(":")
        if len(parts) > 1:
            forms.update(parts)
            continue
        base = parts[0]
        forms.add(base)
        if base.endswith("e"):
            forms.update({base + "d", base + "s", base[:-1] + "ing"})
        elif base.endswith("y") and base[-2] not in "aeiou":
            forms.update({base[:-1] + "ied", base[:-1] + "ies", base + "ing"})
        elif base.endswith(("sh", "ch", "ss", "x")):
            forms.update({base + "ed", base + "es", base + "ing"})
        else:
            forms.update({base + "ed", base + "s", base + "ing"})
    return frozenset(forms)


# Reporting verbs in every tense a newswriter uses them ("said", "says", "saying", "has said").
CUE_WORDS: frozenset[str] = _verb_forms(
    "say:said:says:saying tell:told:tells:telling write:wrote:writes:writing:written "
    "add state note explain remark argue warn insist respond reply ask acknowledge confirm declare "
    "announce continue recall suggest emphasize emphasise stress claim concede agree "
    "admit:admitted:admits:admitting concur:concurred:concurs:concurring "
    "observe conclude maintain predict testify caution urge vow complain boast joke "
    "quip:quipped:quips:quipping muse recount assert contend counter retort reiterate repeat "
    "promise pledge threaten allege report reveal disclose speculate estimate reason wonder "
    "tweet post comment mention affirm assure deny demand plead propose recommend reflect lament "
    "hint indicate signal elaborate clarify echo answer exclaim shout yell scream whisper "
    "murmur mutter sigh laugh protest object accuse:accused:accuses:accusing charge "
    "describe:described:describes:describing predict forecast "
    "begin:began:begins:beginning put:puts explain inform advise instruct order "
    "tell announce proclaim insist brag grumble marvel gush rave "
    "cry:cried:cries:crying call:called:calls:calling "
    "fume rage blast slam:slammed:slams:slamming snap:snapped:snaps:snapping hiss chuckle "
    "groan rant scoff sneer seethe beam gasp sob:sobbed:sobs:sobbing stammer concede"
)

# Speech verbs with a particle that WordNet does not list as phrasal verbs of speech
# (`“Then close the curtains,” she shot back.`); WordNet's own (`chimed in`, `piped up`) are in
# communication_verbs.COMMUNICATION_PHRASALS.
SPEECH_PARTICLES: dict[str, frozenset[str]] = {
    form: frozenset({"back"})
    for form in _words("shot shoots fired fires hit hits snapped snaps wrote writes bit bites")
}

# General verbs that WordNet also files under verb.communication but that news uses for
# actions, motion or perception (`“Why?” Lui looked at the floor`, `“Stop!” Police fired`):
# never a cue on their own; with a speech particle they still are (`shot back`, `broke in`).
BROAD_CUE_EXCLUDED: frozenset[str] = _words(
    "approach approached approaches attack attacked attacks avoid avoided avoids blew blow "
    "blows block blocked blocks break breaks bring brings broke brought carried carries carry "
    "check checked checks clear cleared clears close closed closes cut cuts draw draws drew "
    "drop dropped drops gave get gets give gives got held hit hits hold holds keep keeps kept "
    "lead leads led look looked looks made make makes move moved moves paid pass passed "
    "passes pay pays push pushed pushes put puts raise raised raises saw see sees send sends "
    "sent set sets shot shoots show showed shows sold spread spreads spun strike strikes "
    "struck stuck support supported supports take takes taught test tested tests threw took "
    "touch touched touches train trained trains treat treated treats turn turned turns visit "
    "visited visits wake wakes watch watched watches woke fire fired fires"
)

# Words that follow a reporting verb when it closes an attribution (`,” she scoffed.`,
# `,” Obi snapped when asked`, `,” he grumbled to reporters`): the structural test that lets a
# communication verb from the broad WordNet list act as a cue without taking an object.
CLAUSE_AFTER_CUE: frozenset[str] = _words(
    ". , ; : ! ? — – ) at to in on from with as when before after while during outside "
    "inside over through into afterwards later again then today yesterday tonight"
)

# Cue words that only report speech when a speaker is right next to them ("put" in "as she put
# it"); "begin" and "put" are too common to open an attribution on their own.
WEAK_CUES: frozenset[str] = _words(
    "call called calls calling "
    "answer answers began begin beginning begins charge charges claim claims comment comments "
    "continue continues counter counters cries cry demand demands echo estimate estimates "
    "forecast forecasts joke jokes laugh laughs mention note notes object objects order ordered "
    "ordering orders pledge pledges post posts promise promises protest protests put puts reason "
    "reasons repeat repeats report reports signal signals state states tweet tweets"
)

# Adverbs and auxiliaries that sit between a speaker and the cue ("he later said").
BETWEEN_WORDS: frozenset[str] = _words(
    "again allegedly already also always angrily bluntly calmly candidly cautiously confidently "
    "could did do does earlier emphatically finally firmly first flatly frankly further had has "
    "have herself himself itself jokingly just later loudly may might never not often once only "
    "openly previously privately proudly publicly quickly quietly recently repeatedly reportedly "
    "separately similarly simply still subsequently succinctly themselves then today tonight too "
    "ultimately will would yesterday"
)


# Titles and honorifics stripped from names ("Finance Minister Grace Okafor" -> "Grace Okafor").
TITLE_WORDS: frozenset[str] = _words(
    "acting activist actor actress businessman businesswoman neighbour neighbor "
    "pensioner resident shopkeeper adm admiral adviser advisor agriculture alderman ambassador "
    "analyst anchor archbishop artist assemblyman assemblywoman assistant attorney author baron "
    "baroness barrister bishop campaigner candidate capt captain cardinal ceo cfo chair chairman "
    "chairmen chairperson chairwoman challenger chancellor chief chief executive cllr co-founder "
    "coach cofounder col colonel columnist commander commentator commerce commissioner "
    "congressman congressmember congresswoman constable coo correspondent councillor councilman "
    "councilor councilwoman con counsel crown cto culture dame defence defender defense defensive "
    "delegate deputy det detective dictator diplomat director director-general doctor dr "
    "economist editor education emir emperor empress energy envoy executive father finance first "
    "foreign former forward founder gen general gentleman goalkeeper gov governor head health "
    "home hon house imam incumbent insp inspector interim interior judge junior justice king labor "
    "labour lady lawmaker lawyer leader legislator lieutenant lord lt magistrate maj majority "
    "manager marshal mayor mep midfielder minister minority miss monarch mp mr mrs ms mx "
    "negotiator nominee novelist nurse officer official opposition organiser organizer owner "
    "pastor physician pitcher poet pope premier president president-elect priest prime prince "
    "princess producer prof professor prosecutor provost quarterback queen rabbi rapper rector "
    "rep reporter representative researcher rev reverend scientist secretary secretary-general "
    "sen senate senator senior sergeant sgt sheikh sheriff singer sir solicitor speaker spokesman "
    "spokesperson spokeswoman state strategist striker student sultan superintendent supt surgeon "
    "teacher trade transport transportation treasurer treasury undersecretary vice"
)

# Lower-case particles inside a personal name: `Sigrid de Vries`, `Jan van der Berg`,
# `Mohammed bin Salman`, `Bashar al-Assad` (the `al-` ones are joined by a hyphen).
NAME_PARTICLES: frozenset[str] = _words(
    "de da di del della dei dos das do du van von der den ter ten zu bin ibn bint al el la le"
)

# Labels that open a line like a transcript speaker but name nobody (`UPDATE: …`).
TRANSCRIPT_NOT_SPEAKERS: frozenset[str] = _words(
    "update updated updates correction clarification breaking note editor's watch read listen "
    "photo photos video source sources warning caption credit disclaimer advertisement ad "
    "related more see also pictured above below top key when where what who why how time date "
    "location venue price tickets contact email tel phone fax web website address ps p.s nb "
    "summary background context analysis verdict score result results"
)

# Letters after a name that are honours or offices, not part of it: `Ada Obi MP`, `Ada Obi QC`.
POSTNOMINALS: frozenset[str] = _words(
    "mp mep msp ms mla mpp td am qc kc obe mbe cbe kbe dbe frs phd md esq jp"
)
# Generational suffixes that stay part of the name: `Ada Obi Jr.`, `Ada Obi III`.
GENERATIONAL_SUFFIXES: frozenset[str] = _words("jr sr ii iii iv v")

# Nouns that name a role ("the spokesperson", "the Treasury Secretary", "the president").
ROLE_NOUNS: frozenset[str] = _words(
    "activist actor actress admiral adviser advisor ambassador analyst archbishop artist attorney "
    "author barrister bishop boss campaigner candidate captain cardinal ceo chair chairman "
    "chairmen chairperson chairwoman chancellor chief coach colonel columnist commander "
    "commentator commissioner congressman congresswoman correspondent councillor councilor "
    "counsel dean defender delegate deputy detective dictator diplomat director director-general "
    "doctor economist editor emir emperor envoy executive founder general goalkeeper governor "
    "head host imam incumbent inspector judge justice king lawmaker lawyer leader legislator "
    "lieutenant magistrate major manager marshal mayor mep midfielder minister monarch mp "
    "negotiator nominee novelist nurse officer official organiser organizer owner pastor "
    "physician pitcher poet police pope premier president president-elect priest prince princess "
    "principal producer professor prosecutor provost quarterback queen rabbi rapper rector "
    "reporter representative researcher scientist secretary secretary-general senator sergeant "
    "sheikh sheriff singer solicitor speaker spokesman spokespeople spokesperson spokeswoman star "
    "strategist striker student sultan superintendent surgeon teacher treasurer undersecretary"
)

# A trailing word that makes a capitalised phrase an organisation rather than a person.
ORG_WORDS: frozenset[str] = _words(
    "administration agency airlines airways alliance army assembly association authority bank co "
    "board brigade broadcasting bureau cabinet capital center centre chronicle club coalition "
    "college command commerce commission committee company congress consulate corp corporation "
    "council court daily department directorate embassy exchange federation force forces "
    "foundation front fund gazette government group guardian herald holdings hospital house inc "
    "industries institute institutes institution journal kremlin laboratories labs league llc ltd "
    "magazine media ministries ministry mission motors movement navy network news newspaper "
    "observer office organisation organization paper parliament partners party pentagon "
    "pharmaceuticals plc police post press prosecutors radio regiment reserve school secretariat "
    "securities senate service services society systems team technologies telegraph television "
    "times treasury tribunal tribune trust tv union unit university "
    # Company-name heads ("Acme Foods", "Acme Books").
    "books chemicals communications electronics enterprises estates foods insurance investments "
    "logistics mining properties publishers publishing resources solutions telecom trading "
    "ventures"
)

# Nouns a writer uses to refer back to an organisation already named ("the ministry said").
ORG_BACKREFS: frozenset[str] = _words(
    "administration agency airline alliance army association authority automaker bank board "
    "broadcaster bureau cabinet campaign carmaker carrier channel charity club coalition college "
    "commission committee company corporation council court department embassy exchange "
    "federation firm foundation fund giant government group hospital institute insurer kremlin "
    "league lender magazine manufacturer ministry movement network newspaper office organisation "
    "organization outlet paper party pentagon police prosecutor's office prosecutors publication "
    "regime regulator retailer school service society startup station team tribunal trust union "
    "university watchdog"
)

# Outlet-ish head words a back reference like "the newspaper" can stand for.
NEWS_WORDS: frozenset[str] = _words(
    "argus atlantic axios bloomberg bulletin chronicle courier daily dispatch eagle economist "
    "examiner express gazette globe guardian herald independent inquirer journal magazine mail "
    "mercury mirror monitor news observer politico post press record register reuters review "
    "sentinel standard star sun telegraph times tribune ledger beacon digest enquirer "
    "advertiser recorder clarion"
)
NEWS_BACKREFS: frozenset[str] = _words(
    "agency broadcaster channel daily magazine network newspaper outlet paper publication site "
    "station tabloid website"
)

# Words that make a capitalised phrase a broadcaster or publication (for `venue`).
MEDIA_WORDS: frozenset[str] = _words(
    "am atlantic axios bloomberg breakfast briefing broadcasting bulletin channel chronicle club "
    "courier daily dispatch economist examiner express fm gazette globe guardian herald hour "
    "independent inquirer interview journal live magazine mail minutes mirror monitor morning "
    "nation network news newsnight observer one podcast politico post press radio record report "
    "reuters review sentinel show standard star sun sunday telegraph television times today "
    "tonight tribune tv week weekly world ledger beacon digest enquirer advertiser recorder "
    "clarion"
)
PLATFORMS: frozenset[str] = _words(
    "bluesky facebook instagram linkedin mastodon medium reddit snapchat substack telegram "
    "threads tiktok truth social twitter wechat weibo whatsapp x youtube"
)

# Capitalised words that open sentences or phrases and are not part of a name (months and
# weekdays too: "Monday", "May").
NOT_NAME_WORDS: frozenset[str] = _words(
    "a about according advertisement after against all also although american americans among an "
    "analysis analysts and are as asked at be because been before between both british but by "
    "can chinese could critics despite did do does dr during each earlier editor eu european "
    "even every experts finally first following for former french from furthermore german had "
    "has have he hence her here his how however i if in indeed instead into is it its last later "
    "let likewise many maybe meanwhile might moreover most mr mrs ms must my nato nevertheless "
    "new next no nonetheless not now of officials old on once one only opinion or otherwise our "
    "over overall people perhaps photo police read related residents russian second see "
    "separately shall she should similarly since so some speaking still supporters ten than that "
    "the their then there these they this those though three through thus to today tomorrow two "
    "u.s uk un under unless until update updated us was watch we were what when where while who "
    "why will with without would yes yesterday yet you your"
) | frozenset(MONTH_NAMES + WEEKDAY_NAMES)

# Words of time around a month or a day ("Monday morning", "last week"): not names.
MONTHS_AND_DAYS: frozenset[str] = _words(
    "afternoon evening month morning night today tomorrow tonight week weekend year yesterday"
) | frozenset(MONTH_NAMES + MONTH_ABBREVIATIONS + WEEKDAY_NAMES)

# Honorifics that reveal a person's gender (pronoun agreement).
MALE_MARKERS: frozenset[str] = _words(
    "actor assemblyman baron boyfriend brother businessman chairman congressman councilman emir "
    "emperor father grandfather husband king lord mr prince sheikh sir son spokesman sultan uncle"
)
FEMALE_MARKERS: frozenset[str] = _words(
    "actress assemblywoman aunt baroness businesswoman chairwoman congresswoman councilwoman dame "
    "daughter empress girlfriend grandmother lady miss mother mrs ms princess queen sister "
    "spokeswoman wife"
)

# Words directly before a short quotation that make it a label or scare quote, not speech.
LABEL_WORDS: frozenset[str] = _words(
    "a an branded dubbed entitled headlined her his its known labeled labelled my named nicknamed "
    "our so-called termed that the their these this those titled whose your"
)
# Words before a title in quotation marks (programmes, books, films).
TITLE_CONTEXT: frozenset[str] = _words(
    "album article book called campaign column documentary dubbed editorial entitled episode "
    "essay exhibition film film, game headlined in memoir movie musical named novel on op-ed "
    "opera painting paper play podcast poem program programme report segment series show single "
    "sitcom slogan song speech study titled track"
)
# Small words that may stay lower case inside a title ("Meet the Press").
TITLE_SMALL_WORDS: frozenset[str] = _words(
    "& a an and as at by de del du for from in is la le of on or the to van von vs vs. with"
)
# Prepositions: a name right after one is not the subject of a sentence.
PREPOSITIONS: frozenset[str] = _words(
    "about across after against amid among and around at before behind beside besides between by "
    "despite during following for from in including into like near nor of on onto or over per "
    "since than through to toward towards under unlike until upon versus via vs with within "
    "without"
)

# Words that make a capitalised phrase a place, never a person ("United States", "Hong Kong").
PLACE_WORDS: frozenset[str] = _words(
    "united states kingdom republic emirates union islands island north south east west new "
    "san santa los las st saint hong sri costa puerto saudi city county province state "
    "street avenue road square park valley river lake mountain mountains bay coast beach "
    "hill hills capitol airport station bridge harbor harbour gulf sea ocean strait canal "
    "peninsula district region territory highlands heights village town borough wall"
)

# Head words of capitalised names that are buildings, events, prizes or products, not people
# (`Halloway Tower`, `Fenbridge Town Hall`, `the Halloway Prize`, `Skerrow Point`). A person
# whose surname is one of these (`Hugh Hill`, `Ada Hall`) is still found when an attribution
# names them (`Ada Hall, a nurse, said`).
NON_PERSON_HEADS: frozenset[str] = _words(
    "tower towers hall centre center point prize award awards stadium arena cup trophy "
    "festival hotel building museum theatre theater gallery church cathedral mosque temple "
    "palace castle prison tournament championship championships games olympics summit "
    "conference expo fair show plaza mall market terminal pier dock wharf library "
    "infirmary clinic barracks base"
)

# Function words that open a sentence in front of a name ("When Okafor arrived").
SENTENCE_JUNK: frozenset[str] = _words(
    "the a an in on at but and or however when while after before although though if as "
    "since despite during for from with without this that these those it he she they we i "
    "you his her their our its my your meanwhile yet so then still also even only under over "
    "following according speaking asked what where who why how there here some many most "
    "all both each every no not now today yesterday tomorrow last next earlier later once "
    "because unless until about among against between by into through to of than instead "
    "indeed moreover furthermore nevertheless nonetheless overall first second finally "
    "separately similarly likewise otherwise thus hence perhaps maybe yes do does did is are "
    "was were be been has have had will would can could should shall must might let "
    "read watch see photo update updated analysis opinion related advertisement like unlike "
    "amid asked told speaking writing "
    # Feature and tabloid openers before a name ("Furious Ada Obi says…").
    "furious heartbroken devastated tearful brave proud delighted shocked stunned distraught "
    "angry tragic terrified grieving defiant smiling beaming frustrated exhausted jubilant "
    "elated outraged worried anxious"
)

# Common given names whose gender is near-unambiguous, so "she" never resolves to a "John".
# A name missing here simply leaves the gender unknown.
MALE_NAMES: frozenset[str] = _words(
    "james john robert michael william david richard joseph thomas charles christopher daniel "
    "matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy "
    "ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin "
    "scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry "
    "tyler aaron jose adam nathan henry douglas zachary peter kyle noah ethan jeremy walter "
    "christian keith roger terry austin sean gerald carl harold dylan arthur lawrence jordan "
    "jesse bryan billy bruce gabriel joe logan albert willie alan eugene russell vincent "
    "philip bobby johnny bradley roy ralph louis randy howard wayne mohammed muhammad ahmed "
    "ali omar hassan ibrahim mustafa yusuf carlos juan luis miguel jorge pedro pablo diego "
    "javier antonio francisco manuel rafael sergio fernando alejandro ricardo eduardo hans "
    "klaus jurgen wolfgang stefan pierre jean jacques francois michel olivier giovanni marco "
    "giuseppe luca matteo vladimir dmitry sergei ivan igor alexei mikhail boris oleg andrei "
    "rahul amit raj vijay arjun sanjay hiroshi takeshi kenji wei jun hao chen boris viktor "
    "emmanuel olusegun chinedu kwame kofi tomas jakub piotr pawel marek lars erik sven nils "
    "anders magnus liam oliver harry charlie oscar archie leo alfie freddie ben tom sam will "
    "nick mike dan jim bill bob tim tony steve rick greg chris matt pat joe ted ron ken"
)
FEMALE_NAMES: frozenset[str] = _words(
    "mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty "
    "margaret sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah "
    "stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela "
    "emma nicole helen samantha katherine christine debra rachel carolyn janet catherine maria "
    "heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan "
    "evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison "
    "frances kathryn janice jean abigail alice judy sophia grace denise amber doris marilyn "
    "danielle beverly isabella theresa diana natalie brittany charlotte marie kayla alexis "
    "lori fatima aisha amina layla leila zainab mariam yasmin sofia lucia carmen rosa ana "
    "isabel elena paula marta laura beatriz claudia patricia ines ursula ingrid greta heidi "
    "sabine monika petra brigitte anja claire sophie isabelle camille chloe francoise "
    "giulia francesca chiara alessandra valentina natasha olga svetlana irina tatiana "
    "anastasia ekaterina yulia priya anjali sunita pooja deepa yuki yoko keiko mei ling "
    "chiamaka ngozi adaeze amara kateryna agnieszka katarzyna malgorzata ewa anna ingrid "
    "astrid freya amelia isla ava mia ella poppy lily jane kate liz sue meg jo lena ilse "
    "nadia kamala hillary nancy theresa angela ursula kristalina christine"
)


# ---- moved from the modules that use them (same contents) ----------------------------

DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our"})

# Words opening an unnamed speaker ("one resident", "another official"): never resolved.
INDEFINITE_WORDS = frozenset({
    "a", "an", "one", "another", "some", "several", "many", "two", "three", "four", "other",
    "most", "few", "numerous", "dozens", "hundreds",
})

PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you"})

NP_CONNECTORS = frozenset({
    "of", "for", "at", "the", "de", "da", "di", "del", "van", "von", "der", "den", "bin", "al",
    "and", "la", "le", "du", "y",
})

GROUP_NOUNS = frozenset({
    "officials", "analysts", "experts", "critics", "supporters", "residents", "people",
    "sources", "witnesses", "protesters", "investors", "economists", "diplomats", "lawmakers",
    "researchers", "scientists", "doctors", "police", "authorities", "observers", "aides",
    "organizers", "organisers", "activists", "officers", "prosecutors", "spokespeople",
    "executives", "leaders", "members", "students", "workers", "voters", "fans", "others",
    "some", "many", "several", "both", "all", "most",
})

# Modal and auxiliary words that WordNet also files as communication verbs ("will").
NOT_BROAD_CUES = frozenset({"will", "can", "may", "must", "might", "bound", "willing", "bid"})

CONNECTIVES = frozenset({
    "and", "but", "or", "so", "as", "then", "while", "when", "because", "if", "that", "which",
    "who", "where", "yet", "not", "is", "was", "are", "were", "be", "been",
})

DOCUMENT_NOUNS = frozenset({
    "statement", "report", "letter", "filing", "post", "release", "memo", "transcript",
    "translation", "spokesperson", "spokesman", "spokeswoman", "representative", "source",
})

# Weak cues that name an action rather than speech ("ordered a review", "began").
ACTION_CUES = frozenset({
    "order", "ordered", "orders", "ordering", "put", "puts", "begin", "began", "begins",
    "beginning", "charge", "charged", "charges", "estimate", "estimated", "estimates",
    "forecast", "forecasts", "signal", "signals", "signaled", "signalled", "continue",
    "continues", "continued", "state", "states",
})

QUOTING_VERBS = frozenset({"quoted", "quotes", "quoting", "cited", "cites"})

PASSIVE_AUXILIARIES = frozenset({"was", "were", "is", "are", "been", "being"})

KIN_GENDER = {
    "dad": "m", "father": "m", "grandfather": "m", "grandad": "m", "granddad": "m",
    "mum": "f", "mom": "f", "mother": "f", "grandmother": "f", "gran": "f", "grandma": "f",
}

RELATIONAL_NOUNS = frozenset({
    "colleague", "friend", "neighbour", "neighbor", "partner", "wife", "husband", "boyfriend",
    "girlfriend", "classmate", "teammate", "employee", "student", "pupil", "client", "patient",
    "member", "resident", "aide", "associate", "roommate", "flatmate", "boss",
})

COMPANY_BACKREFS = frozenset({"company", "firm", "group", "giant", "startup"})

SUBJECT_OPENERS = frozenset({
    "but", "while", "when", "as", "because", "although", "though", "so", "then", "yet",
    "where", "if", "once", "unless", "whereas", "and",
})

ARTICLES = frozenset({"the", "a", "an"})

# Verbs that may come before their speaker ("…,” said Okafor) without taking an object.
INVERTING_CUES = frozenset({
    "said", "says", "added", "adds", "wrote", "writes", "explained", "noted", "continued",
    "insisted", "insists", "recalled", "replied", "remarked", "observed", "stated", "concluded",
    "argued", "acknowledged", "conceded", "cautioned", "quipped", "joked", "countered",
    "responded", "declared", "explains", "notes", "continues",
})

SPEECH_NOUNS = frozenset({
    "comments", "comment", "remarks", "remark", "statement", "words", "message", "response",
    "testimony", "interview", "speech", "post", "tweet", "letter", "warning", "argument",
    "assessment", "prediction", "view", "views", "answer", "reply", "announcement", "address",
})

# Abbreviated titles and the role they name ("Sen. Roe" is "the senator").
TITLE_ABBREVIATIONS = {
    "sen": "senator", "rep": "representative", "gov": "governor", "gen": "general",
    "prof": "professor", "lt": "lieutenant", "capt": "captain", "sgt": "sergeant",
    "col": "colonel", "adm": "admiral", "det": "detective", "maj": "major", "rev": "reverend",
}

# Words that qualify a role without changing who holds it ("the former president").
ROLE_MODIFIERS = frozenset({
    "former", "ex", "then", "current", "new", "outgoing", "incoming", "acting", "interim",
    "late", "longtime", "veteran", "embattled", "newly", "elected",
})

# "the company said" can refer back to "Acme Holdings Ltd." whatever its head word.
COMPANY_REFS = frozenset({
    "company", "firm", "group", "giant", "retailer", "carmaker", "automaker", "manufacturer",
    "lender", "insurer", "airline", "carrier", "startup", "corporation", "conglomerate",
})

COMPANY_WORDS = frozenset({
    "inc", "corp", "corporation", "co", "company", "ltd", "llc", "plc", "group", "holdings",
    "airlines", "airways", "motors", "technologies", "industries", "bank", "partners",
    "pharmaceuticals", "laboratories", "labs", "systems", "securities", "capital", "books",
    "chemicals", "communications", "electronics", "enterprises", "estates", "foods",
    "insurance", "investments", "logistics", "mining", "properties", "publishers",
    "publishing", "resources", "solutions", "telecom", "trading", "ventures",
})

# Words that start with an apostrophe rather than an opening mark ('em, 'til, 'n').
ELISIONS = frozenset({
    "em", "til", "tis", "twas", "cause", "n", "bout", "round", "cos", "coz", "ol", "nuff",
    "kay", "ello", "appen", "ere",
})

NAMING_VERBS = frozenset({"call", "called", "calls", "calling"}) | LABEL_WORDS
