"""Notices publishers put around every article, one phrase family each (vocabulary in
``data/phrases/*.toml``): embed/consent placeholders, photo credits, copyright and agency lines,
syndication and translation notes, affiliate disclaimers, support/paywall appeals, comment
prompts, "contact the newsroom" lines, app and podcast promos, stand-alone timestamps, and what
scripts left unrendered ("false", "showPaywall:", "+++dropcap").
"""

from __future__ import annotations

from .prompts import PromptLimits, prompt_rule

strip_consent_notices = prompt_rule("consent", PromptLimits(sure_words=90))
strip_photo_credits = prompt_rule("credit", PromptLimits(sure_words=60))
strip_copyright_lines = prompt_rule("copyright", PromptLimits(sure_words=60))
strip_syndication_notes = prompt_rule("syndication", PromptLimits(sure_words=80))
strip_affiliate_disclaimers = prompt_rule("affiliate", PromptLimits(sure_words=80))
strip_support_appeals = prompt_rule("support", PromptLimits(sure_words=90, closing_words=250))
strip_comment_prompts = prompt_rule("comments", PromptLimits(sure_words=40, likely_words=30, weak_words=15))
strip_contact_prompts = prompt_rule("contact", PromptLimits(sure_words=50))
strip_app_promos = prompt_rule("promo", PromptLimits(sure_words=40, likely_words=30, weak_words=15))
# A timestamp block is a label and a date; anything longer is a sentence about a date.
strip_timestamps = prompt_rule("timestamp", PromptLimits(sure_words=20, likely_words=0, weak_words=0))
# Script or CMS residue is a token or two on a line of its own.
strip_markup_residue = prompt_rule("residue", PromptLimits(sure_words=8, likely_words=0, weak_words=0))
