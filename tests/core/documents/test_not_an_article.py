# ruff: noqa: E501  (test pages hold one paragraph a line, as the cleaner returns them)
"""Pages that are not news become `not_an_article` rejections with their evidence; news that
looks borderline (a brief, a list-heavy explainer, a live blog, a report on a policy) stays."""

from __future__ import annotations

import pytest

from pipeline.core.documents.inputs import RawArticle
from pipeline.core.documents.pages import non_article_evidence
from pipeline.core.frames import clean_articles

PRIVACY = """Privacy Notice

This notice explains how we collect and use your personal information when you visit our website or use our services.

We collect personal data that you give us, such as your name and email address, and data collected automatically through cookies and similar technologies.

We may share your information with third parties who provide services on our behalf, and we will never sell your data.

You have the right to access, correct or delete your personal data at any time. To exercise your rights, please write to our data protection officer.

We keep your information only as long as we need it, after which it is deleted in line with our retention schedule and applicable law."""

TERMS = """Terms and Conditions

By accessing this site you agree to be bound by these terms. If you do not agree, you must not use our services.

All content on this site is our intellectual property and may not be copied without our written consent.

We are not liable for any loss arising from your use of the site, and we make no warranties about the accuracy of the content.

These terms are governed by the laws of the jurisdiction in which we are registered, and we may change them at any time without notice to you."""

LOANS = """Fast Cash Loans With No Credit Check

Need money today? We offer same day loans to customers with bad credit, with instant approval and low interest.

Apply online in five minutes and get your cash the same day. Our team of lenders is ready to help you.

Whether you need a payday loan or a larger personal loan, we provide affordable options with the best rates around.

Apply now and get started with a free quote. Call now, our experts are waiting to take your call!"""

HOSPITAL = """Outpatient Clinic

Our outpatient clinic offers appointments for patients referred by their doctor. Please call the booking line to book an appointment.

Opening hours are Monday to Friday from 8am to 6pm. Visitors are welcome during visiting hours in the afternoon.

Parking is available at the main entrance, and directions to the clinic are on our website. Please note that parking spaces are limited.

If you need to change your appointment, please contact us at least two days in advance by phone or email us at the address below."""

LINKS = "\n".join([
    "Council budget: what changes in April", "Rail fares rise again for commuters",
    "Harbour bridge closes for repairs", "School meals scheme extended to all pupils",
    "Flood defences: the new map", "Water charges frozen for a second year",
    "Bus routes redrawn across the city", "Hospital waiting lists at a record",
    "Port authority names new chief", "Housing grants open for applications next month"])

BRIEF = """Harbour Bridge Closed After Crash

The harbour bridge was closed for three hours on Tuesday after a lorry hit a barrier, police said. No one was hurt, and the bridge reopened at noon, a council spokesman told reporters. Traffic was diverted through the town centre, causing long queues into the evening."""

EXPLAINER = """Energy Bills: What You Need To Know

Your energy bill is set to change in April. Here is what you can do about it.

What is changing
The price cap rises by 6 percent, the regulator said on Friday.
Standing charges go up by 4p a day.
Prepayment meters get the same cap as direct debit.

What you can do
Check your meter readings before April 1.
Compare fixed tariffs, which the regulator says can save you money.
Ask your supplier about payment plans if you are struggling, the charity Citizens Advice added."""

LIVE = """Storm Live: Thousands Without Power As Winds Reach 90mph

09:05
Good morning. We will bring you the latest on the storm as it moves north through the day.

09:20
About 40,000 homes are without power, the network operator said, and crews are working to reconnect them.

09:42
The rail operator announced that all services north of the city are suspended until at least noon.

10:05
"Stay at home unless your journey is essential," the police chief told a briefing."""

POLICY_NEWS = """Social Network Changes Privacy Policy After Fine

The social network said on Tuesday that it would change its privacy policy, after regulators fined it for sharing users' personal data with third parties without their consent.

Under the new terms of service, users will be able to opt out of targeted advertising and to see which cookies the company sets, a spokeswoman said.

Privacy campaigners said the changes did not go far enough. "Your data is still the product," one campaigner told reporters."""


def _reject(text: str):
    art = RawArticle("page.txt", "0" * 64, 0, "txt", text)
    docs, rejections, _ = clean_articles([art])
    return docs, rejections


@pytest.mark.parametrize("page,evidence", [
    (PRIVACY, "no reporting (0 reporting verbs in 116 words), the page's own voice (19.0 we/you "
              "per 100 words), policy language: 'we collect', 'personal information', "
              "'our website', 'our services', 'personal data', 'cookies' (+9)"),
    (TERMS, "no reporting (0 reporting verbs in 93 words), the page's own voice (12.9 we/you "
            "per 100 words), policy language: 'this site', 'you agree', 'these terms', "
            "'our services', 'intellectual property', 'consent' (+4)"),
    (LOANS, "no reporting (0 reporting verbs in 79 words), the page's own voice (10.1 we/you "
            "per 100 words), sales pitch: 'we offer', 'same day', 'loans', 'customers', "
            "'bad credit', 'instant approval' (+15)"),
    (HOSPITAL, "no reporting (0 reporting verbs in 87 words), the page's own voice (6.9 we/you "
               "per 100 words), information-page language: 'appointments', 'patients', "
               "'please call', 'book an appointment', 'opening hours', 'monday to friday' (+10)"),
    (LINKS, "no reporting (0 reporting verbs in 60 words), a link list: 10 of 10 lines are "
            "short items without sentence punctuation"),
])
def test_pages_that_are_not_news_are_rejected_with_evidence(page: str, evidence: str) -> None:
    docs, rejections = _reject(page)
    assert docs.empty
    assert [(r.reason, r.detail) for r in rejections] == [("not_an_article", evidence)]


@pytest.mark.parametrize("page", [BRIEF, EXPLAINER, LIVE, POLICY_NEWS])
def test_news_that_looks_borderline_stays_a_document(page: str) -> None:
    docs, rejections = _reject(page)
    assert rejections == []
    assert len(docs) == 1


def test_reporting_verbs_keep_a_page_of_reporting() -> None:
    assert non_article_evidence(POLICY_NEWS.split("\n", 1)[1]) is None
