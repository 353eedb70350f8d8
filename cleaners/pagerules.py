"""The ids of the rules that work on the page before extraction (the text rules' are
``rules.RULE_IDS``); importing this does not load trafilatura."""

from __future__ import annotations

from .breadcrumbs import BREADCRUMB_RULE
from .forms import FORM_WIDGET_RULE
from .offers import OFFER_BOX_RULE
from .splitbody import SPLIT_BODY_RULE
from .stories import OTHER_STORY_RULE

PAGE_RULE_IDS = frozenset({OTHER_STORY_RULE, FORM_WIDGET_RULE, OFFER_BOX_RULE, BREADCRUMB_RULE, SPLIT_BODY_RULE})
