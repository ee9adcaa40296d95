"""Canonical article URLs and the source domain (the outlet) an article belongs to."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import unquote_plus, urlsplit, urlunsplit

# Query parameters that only say how a reader arrived, never which page they got.
# fmt: off
_TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "twclid", "igshid", "ttclid",
        "li_fat_id", "mc_cid", "mc_eid", "mkt_tok", "_ga", "_gl", "_hsenc", "_hsmi",
        "hsctatracking", "vero_id", "oly_anon_id", "oly_enc_id", "ocid", "cmpid", "cmp", "intcmp",
        "icid", "ncid", "smid", "smtyp", "s_cid", "s_kwcid", "soc_src", "soc_trk", "sr_share",
        "ref", "ref_src", "ref_url", "referrer", "referer", "xtor", "spm", "__twitter_impression",
        "guccounter", "guce_referrer", "guce_referrer_sig",
    }
)
# fmt: on
_TRACKING_PREFIXES = ("utm_", "at_", "ns_", "pk_", "mtm_", "hsa_")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Host prefixes for the desktop, mobile and AMP editions of the same pages.
_EDITION_PREFIX = re.compile(r"^(?:www\d*|m|mobile|amp)\.")
_DIRECTORY_INDEX = re.compile(r"/index\.html?$", re.IGNORECASE)
_HAS_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)

# Second-level labels under which a country-code TLD sells names (bbc.co.uk, abc.net.au).
# fmt: off
_GENERIC_SECOND_LEVEL = frozenset(
    {
        "ac", "co", "com", "edu", "go", "gob", "gov", "govt", "mil", "ne", "net", "nic", "nom",
        "or", "org", "sch",
    }
)
# fmt: on
# Other suffixes under which each name is a separate site.
# fmt: off
_OTHER_SUFFIXES = frozenset(
    {
        "ltd.uk", "plc.uk", "me.uk", "nhs.uk", "police.uk", "gc.ca", "id.au", "asn.au",
        "blogspot.com", "github.io", "substack.com", "wordpress.com", "tumblr.com",
    }
)
# fmt: on


def canonical_url(url: str) -> str:
    """Return one spelling for every address of the same article.

    Lower-cases the scheme and host, drops a ``www.``/``m.``/``amp.`` host prefix, a
    default port, user info, the fragment (unless it is a ``#!`` route), tracking query
    parameters, a trailing ``/index.html`` and a trailing slash, and sorts the remaining
    query parameters. The path keeps its case and encoding. A URL without a scheme is
    read as ``https://``. Raises :class:`ValueError` when there is no host.
    """
    parts = urlsplit(_with_scheme(url.strip()))
    host = _edition_host(parts.hostname or "")
    if not host:
        raise ValueError(f"{url!r} has no host name; expected e.g. https://example.com/story")
    scheme = parts.scheme.lower()
    netloc = f"[{host}]" if ":" in host else host
    port = parts.port
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{netloc}:{port}"
    path = _DIRECTORY_INDEX.sub("/", parts.path).rstrip("/")
    fragment = parts.fragment if parts.fragment.startswith("!") else ""
    return urlunsplit((scheme, netloc, path, _kept_query(parts.query), fragment))


def source_domain(url: str) -> str:
    """Return the registrable domain of ``url``'s host: ``edition.cnn.com`` -> ``cnn.com``.

    Knows the common country-code second levels (``co.uk``, ``com.au``, ``co.jp``...) from a
    small built-in list; accepts a bare host name as well as a URL.
    """
    host = urlsplit(canonical_url(url)).hostname or ""
    if _is_ip_address(host):
        return host
    labels = host.split(".")
    if len(labels) > 2 and _is_public_suffix(labels[-2], labels[-1]):
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _with_scheme(url: str) -> str:
    if _HAS_SCHEME.match(url):
        return url
    return f"https:{url}" if url.startswith("//") else f"https://{url}"


def _edition_host(hostname: str) -> str:
    """The lower-case host without a trailing dot or an edition prefix."""
    host = hostname.lower().rstrip(".")
    bare = _EDITION_PREFIX.sub("", host, count=1)
    labels = bare.split(".")
    if len(labels) < 2 or (len(labels) == 2 and _is_public_suffix(*labels)):
        return host
    return bare


def _kept_query(query: str) -> str:
    """The query without tracking parameters, its ``name=value`` pairs sorted, as written."""
    pairs = [pair for pair in query.split("&") if pair and not _is_tracking(pair)]
    return "&".join(sorted(pairs))


def _is_tracking(pair: str) -> bool:
    name = unquote_plus(pair.partition("=")[0]).lower()
    return name in _TRACKING_PARAMS or name.startswith(_TRACKING_PREFIXES)


def _is_public_suffix(second_level: str, top_level: str) -> bool:
    if f"{second_level}.{top_level}" in _OTHER_SUFFIXES:
        return True
    is_country_code = len(top_level) == 2 and top_level.isalpha()
    return is_country_code and second_level in _GENERIC_SECOND_LEVEL


def _is_ip_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
