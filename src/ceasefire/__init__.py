"""ceasefire: the software a ceasefire monitoring centre runs.

Sources come in, claims are extracted, claims become incidents, two delegations verify them
jointly, and reports, maps and data go out.
"""

from ceasefire.errors import CeasefireError

__version__ = "0.1.0"

#: Credit the bundled data asks for; shown by `ceasefire --version` and in the README.
DATA_ATTRIBUTION = (
    "Gazetteer data: GeoNames (geonames.org), CC BY 4.0. "
    "Country outlines: Natural Earth, public domain."
)

__all__ = ["DATA_ATTRIBUTION", "CeasefireError", "__version__"]
