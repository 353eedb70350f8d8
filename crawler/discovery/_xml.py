"""Safe XML for feeds and sitemaps: size-bounded, no DTD entities, namespace-blind lookups."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring

XML_NAMESPACE = "{http://www.w3.org/XML/1998/namespace}"


def check_size(body: bytes, max_bytes: int, what: str, error: type[ValueError]) -> None:
    if len(body) > max_bytes:
        raise error(f"{what} is {len(body)} bytes, more than the limit of {max_bytes}")


def parse_xml(body: bytes, what: str, error: type[ValueError]) -> Element:
    """The root element of ``body``; ``error`` names ``what`` and why it was refused.

    A plain ``<!DOCTYPE>`` is tolerated (old RSS 0.91 feeds carry one), but any entity
    declaration is refused before it is expanded: that is where XXE and "billion laughs" live.
    """
    with refusing(what, error):
        return fromstring(body, forbid_dtd=False, forbid_entities=True, forbid_external=True)


@contextmanager
def refusing(what: str, error: type[ValueError]) -> Iterator[None]:
    """Turn defusedxml's refusals and parse errors inside the block into ``error`` naming ``what``."""
    try:
        yield
    except EntitiesForbidden as exc:
        raise error(f"{what} declares the XML entity {exc.name!r}; entity declarations are refused "
                    "(external entities and entity expansion are not allowed)") from None
    except (DTDForbidden, ExternalReferenceForbidden) as exc:
        raise error(f"{what} refers to an external DTD or entity ({exc}); refused") from None
    except ParseError as exc:
        raise error(f"{what} is not well-formed XML: {exc}") from None


def local_name(element: Element) -> str:
    """The tag without its namespace: sitemaps and feeds in the wild get namespaces wrong."""
    return element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""


def children(element: Element, name: str) -> list[Element]:
    return [child for child in element if local_name(child) == name]


def child_text(element: Element, name: str) -> str | None:
    """The stripped text of the first child called ``name`` (any namespace), or None if empty."""
    for child in children(element, name):
        text = "".join(child.itertext()).strip()
        if text:
            return text
    return None
