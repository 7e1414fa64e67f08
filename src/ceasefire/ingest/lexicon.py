"""Words the extraction stages look for: event triggers, sides, institutions, numbers, people.

Everything here is data (word lists and the regular expressions built from them once), kept
apart from the stages so that an analyst can extend a list without reading the rules.
Compiled patterns here match *folded* text (`fold`): lower case, same offsets.
"""

from __future__ import annotations

import re
from typing import Final

from ceasefire.domain.taxonomy import Category, Side

NOCASE: Final = re.IGNORECASE


def fold(text: str) -> str:
    """Lower case of the same length as `text`, so offsets into one are offsets into the other.

    Case-free patterns run on folded text: much faster than re.IGNORECASE.
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def folded(pattern: str, _flags: int = 0) -> re.Pattern[str]:
    """A pattern for folded text: its letters lowered (escapes such as \\S kept)."""
    out: list[str] = []
    escaped = False
    for char in pattern:
        out.append(char if escaped else char.lower())
        escaped = not escaped and char == "\\"
    lowered = "".join(out).replace("(?p<", "(?P<").replace("(?p=", "(?P=")
    return re.compile(lowered)


def words(*alternatives: str) -> str:
    """A regex group of alternatives, longest first so that "shelling" wins over "shell"."""
    return "(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + ")"


# --- event triggers -----------------------------------------------------------------------------
#: (category, type, pattern). The first matching pattern of a clause decides, so specific
#: weapons come before general fire. Nouns that only point back ("the attack") are in ANAPHORA.
TRIGGERS: Final[tuple[tuple[Category, str, str], ...]] = (
    # explosive ordnance first: "a mine exploded" is not a violation
    (Category.EXPLOSIVE_ORDNANCE, "demining_activity",
     r"\b(?:clear(?:ed|ing|s)?|clearance of|defus(?:e|ed|ing)|neutrali[sz](?:e|ed|ing)|remov(?:e|ed|ing)|destroy(?:ed|ing)) "
     r"(?:\w+ ){0,4}?(?:mines|landmines|explosives|ordnance|munitions|unexploded)\b"
     r"|\bdemining (?:operations?|work|teams?|activit(?:y|ies))\b|\bmine[- ]clearance\b|\bhumanitarian demining\b"),
    (Category.EXPLOSIVE_ORDNANCE, "ied_explosion",
     r"\b(?:improvised explosive devices?|IEDs?)\b(?:\W+\w+){0,6}?\W+(?:explo\w+|detonat\w+|blast|went off|blew up)"
     r"|\b(?:explosion|blast|detonation) of (?:an? )?(?:improvised explosive device|IED)\b"),
    (Category.EXPLOSIVE_ORDNANCE, "mine_explosion",
     r"\b(?:land ?)?mine (?:blast|explosion|incident|accident)s?\b"
     r"|\b(?:hit|hitting|struck|striking|stepped on|stepping on|triggered|ran over|run over|drove over|detonated) (?:an? |the )?(?:[\w-]+ )?(?:land ?)?mine\b"
     r"|\b(?:fallen|fell|falls) victim to (?:an? |the )?(?:[\w-]+ )?(?:land ?)?mine\b"
     r"|\b(?:blown up|blew up|exploded|killed|injured|wounded|hit) (?:\w+ ){0,2}?(?:by|on) (?:an? |the )?(?:[\w-]+ ){0,2}?(?:land ?)?mine\b"
     r"|\b(?:explosion|detonation|blast) (?:of|by) (?:an? )?(?:[\w-]+ ){0,3}?(?:land ?)?mine\b"
     r"|\b(?:land ?)?mines? (?:was |were |has |had )?(?:exploded|detonated|went off|blew up|blown up)\b"
     r"|\b(?:land ?)?mines (?:[\w-]+ ){1,4}?(?:exploded|detonated|went off)\b"
     r"|\b(?:land ?)?mine (?:[\w-]+ ){0,10}?(?:kill(?:s|ed)|wound(?:s|ed)|injur(?:es|ed))\b"
     r"|\bcaught in an explosion\b"
     # "in an area not cleared of mines, an explosion occurred": a blast in this domain's texts
     r"|\b(?:an|the) (?:explosion|blast) (?:occurred|took place|happened)\b"),
    (Category.EXPLOSIVE_ORDNANCE, "uxo_explosion",
     r"\b(?:unexploded (?:ordnance|shell|munition|bomb|projectile)s?|shells?|grenades?|munitions?|projectiles?|cluster (?:bomb|munition)s?|explosive devices?) "
     r"(?:\w+ ){0,3}?(?:exploded|detonated|went off|blew up)\b"
     r"|\b(?:explosion|detonation) of (?:an? )?(?:unexploded|old|artillery|mortar|hand)? ?(?:ordnance|shell|grenade|munition|projectile|bomb)\b"),
    (Category.EXPLOSIVE_ORDNANCE, "uxo_found",
     r"\b(?:found|discovered|detected|uncovered) (?:\w+ ){0,4}?(?:unexploded|ordnance|munitions|landmines|mines|shells|grenades|explosive devices)\b"
     r"|\b(?:unexploded ordnance|munitions|landmines|mines|shells|grenades|explosive devices) (?:were|was|have been|has been) (?:found|discovered|detected|uncovered)\b"
     r"|\b(?:ordnance|munitions|landmines|mines|shells|grenades|explosive devices|ammunition)\b[^.;]{0,60}?\b(?:discovered|detected|seized|uncovered) by\b"),
    # detention needs people: "detention of a vehicle" is not a detention
    (Category.DETENTION, "detention",
     r"\b(?:detained|arrested|abducted|kidnapped|taken (?:prisoner|captive|hostage)|captured|held captive)\b"),
    # violations, from specific to general
    (Category.VIOLATION, "ambush", r"\bambush(?:ed|es)?\b"),
    (Category.VIOLATION, "sniper_fire", r"\bsnipers?\b(?: (?:fire|shots?|rifles?))?"),
    (Category.VIOLATION, "drone_strike",
     r"\b(?:drone|UAV|unmanned aerial vehicle|quadcopter)s? (?:\w+ ){0,2}?(?:strikes?|struck|attack(?:s|ed)?|hit|bomb(?:ed|ing)?|dropped|targeted)\b"
     r"|\b(?:drone|UAV|unmanned aerial vehicle)s? (?:were |was )?used to (?:strike|attack|hit|bomb)\b"
     # "strikes by Bayraktar TB-2 drones", "four strikes using drones"
     r"|\b(?:strikes?|attack(?:s|ed)?|bomb(?:ed|ing)) (?:\w+ ){0,3}?(?:by|with|from|using) (?:an? )?(?:[\w-]+ ){0,2}(?:drones?|UAVs?|unmanned aerial vehicles?)\b"
     r"|\bkamikaze drones?\b|\bloitering munitions?\b"),
    (Category.VIOLATION, "air_strike", r"\bair ?strikes?\b|\bairstrikes?\b|\baerial bombardment\b"),
    (Category.VIOLATION, "mortar_fire", r"\bmortars?\b(?: (?:fire|shells?|rounds?|attack|shelling))?"),
    (Category.VIOLATION, "artillery_shelling",
     r"\bshell(?:ed|ing|s)\b|\bartillery\b|\bhowitzers?\b|\brocket(?:s| fire| launchers?)\b|\bgrad\b|\bMLRS\b|\bbombard(?:ed|ment)\b"
     r"|\bmissiles? (?:\w+ ){0,8}?(?:hit|struck|landed|fell|exploded|made an impact|launched)\b"),
    (Category.VIOLATION, "incursion",
     r"\bincursions?\b|\binfiltrat(?:e|ed|ion|ing)\b|\bcrossed (?:the )?(?:state )?(?:border|line of contact|contact line)\b"
     r"|\bintrusion\b|\bsabotage (?:attempt|raid)\b"
     r"|\b(?:attempt(?:ed|ing)?|tr(?:ied|ying)) to (?:cross|infiltrate|break through) (?:the )?(?:state )?(?:border|line of contact|contact line)\b"
     r"|\bviolat(?:ed|ing|es) (?:the )?(?:line of contact|contact line|state border)\b"
     r"|\bent(?:ered|er|ering) (?:the |a )?(?:[\w-]+ ){0,2}?(?:zone|area) of responsibility\b"
     r"|\bent(?:ered|er|ering) (?:the |a )?(?:Russian )?peacekeeping (?:zone|area)\b"),
    (Category.VIOLATION, "ground_assault",
     r"\b(?:launched|carried out|made) (?:an? )?(?:\w+ )?(?:assault|offensive|attack)\b|\bstormed\b|\battempted (?:to )?(?:advance|attack)\b"
     # "launched a large-scale aggression", "staged a revenge operation", "open offensive operations"
     r"|\b(?:launched|carried out|conducted|staged|began|started) (?:an? |the )?(?:[\w-]+ ){0,2}?(?:aggression|offensive operations?|military operations?|(?:revenge|retaliation|retaliatory|punitive) operations?)\b"),
    (Category.VIOLATION, "shootout",
     r"\bshoot-?outs?\b|\bskirmish(?:es)?\b|\bfire ?fights?\b|\bgun ?fights?\b|\bexchange of fire\b|\bexchanged fire\b"
     r"|\barmed (?:clash|incident)s?\b|\bclash(?:ed|es)?\b"),
    (Category.VIOLATION, "small_arms_fire",
     r"\bsmall[- ]arms\b|\bmachine[- ]guns?\b|\bautomatic (?:weapons|rifles)\b|\bgunfire\b|\bgunshots?\b|\bsubmachine\b"),
    (Category.VIOLATION, "fire_unspecified",
     r"\bopen(?:ed|ing|s)? (?:\w+ )?fire\b|\b(?:a|the) shot (?:fired )?from\b|\bfir(?:ed|ing) (?:\w+ ){0,2}?(?:at|on|upon|towards?|in the direction)\b"
     r"|\bfire (?:was|had been|has been|were) (?:\w+ly )?opened\b|\bfire opened by\b|\btargeted by (?:\w+ )?fire\b|\bshot by\b|\btarget(?:ed|ing) (?:\w+ ){0,3}?(?:civilians|farmers|residents|villagers|workers|positions|servicem[ae]n|soldiers)\b|\bsubject(?:ed)? (?:\w+ ){0,8}?to (?:\w+ )?fire\b|\b(?:came|come|comes|coming|were|was|been) under (?:\w+ )?fire\b|\bshot (?:at|dead|and killed)\b"
     r"|\bshootings?\b|\bgunned down\b|\bfired\b"
     # "reported the destruction of the enemy's combat helicopter", "a tank was destroyed"
     r"|\b(?:destr(?:oyed|oying|uction of)|shot down|shooting down|downed) (?:the |an? |two |three |\d+ )?(?:[\w'’-]+ ){0,3}?"
     r"(?:helicopters?|tanks?|armou?red vehicles?|infantry fighting vehicles?|aircraft|planes?|combat posts?|sabotage groups?|howitzers?|launchers?)\b"
     r"|\b(?:helicopters?|tanks?|armou?red vehicles?|infantry fighting vehicles?|aircraft|combat posts?) (?:\w+ ){0,2}?(?:was|were|had been|has been|have been) (?:destroyed|shot down|downed)\b"),
    (Category.VIOLATION, "ceasefire_violation_unspecified",
     r"\b(?:violat(?:ed|ing|es)|broke|breached|breaking|breaching) (?:the |a )?(?:\w+ )?(?:cease-?fire|truce|agreement|armistice)\b"
     r"|\b(?:breach(?:es)?|violations?) of the (?:cease-?fire|truce)\b"
     r"|\b(?:cease-?fire|truce)(?: regime)?(?: [\w-]+){0,4}? (?:was|were|had been|has been) (?:\w+ )?violated\b"
     r"|\b(?:cease-?fire )?violations? (?:of the (?:cease-?fire|truce)(?: regime)? )?(?:were|was|have been|has been) (?:\w+ )?(?:recorded|registered|reported|committed|observed)\b"
     r"|\b(?:cease-?fire|truce) violations?\b"
     r"|\battack(?:ed|ing)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:positions?|territory|villages?|towns?|posts?|troops|units|convoy|vehicles?|cars?|bus|checkpoint)\b"
     # a provocation told as an act: committed, dated, or hurting someone
     r"|\bprovocation\b[\"”’]?(?:\s+(?:on|late on|early on)\s+\w+day\b|[^.;]{0,40}?\b(?:had |has |was )?committed\b"
     r"|\s+(?:that|which) (?:injured|wounded|killed)\b)"
     # the passive: "a post of the Armenian armed forces was attacked near X"
     r"|\b(?:positions?|posts?|villages?|convoy|checkpoint|troops|units)\b(?:\s+[\w'’-]+){0,6}?\s+(?:was|were|had been|has been|have been)\s+(?:\w+ly\s+)?attacked\b"),
)  # fmt: skip

#: Every trigger above contains one of these strings (lower case): a cheap test first.
TRIGGER_HINTS: Final = (
    "mine", "explo", "ordnance", "munition", "demining", "ied", "shell", "grenade",
    "projectile", "bomb", "detain", "arrest", "abduct", "kidnap", "prisoner", "captive",
    "hostage", "captur", "ambush", "sniper", "drone", "uav", "unmanned", "quadcopter",
    "kamikaze", "loitering", "strike", "mortar", "artiller", "howitzer", "rocket", "grad",
    "mlrs", "incursion", "infiltrat", "crossed", "intrusion", "sabotage", "assault", "offensive",
    "attack", "storm", "advance", "shoot", "skirmish", "fire", "firing", "gun", "exchange",
    "armed", "clash", "arms", "machine", "automatic", "shot", "violat", "broke", "breach",
    "target", "cross", "of responsibility", "peacekeeping zone", "peacekeeping area",
    "aggression", "operation", "destr", "down", "provocation", "missile",
)  # fmt: skip

#: Weapons named in a clause refine a general type ("fire" with "small arms" → small_arms_fire).
WEAPON_TYPES: Final[tuple[tuple[str, str], ...]] = (
    ("sniper_fire", r"\bsnipers?\b"),
    ("mortar_fire", r"\bmortars?\b"),
    ("artillery_shelling", r"\bartillery\b|\bhowitzers?\b|\bgrad\b|\bMLRS\b|\bcannon\b"),
    ("drone_strike", r"\bdrones?\b|\bUAVs?\b"),
    ("small_arms_fire",
     r"\bsmall[- ]arms\b|\bmachine[- ]guns?\b|\bautomatic (?:weapons|rifles)\b|\bbullets?\b|\bgrenade launchers?\b|\brifles?\b|\bgunfire\b"),
)  # fmt: skip

GENERAL_TYPES: Final = frozenset(
    {"fire_unspecified", "ceasefire_violation_unspecified", "other_incident"}
)
#: Types that describe one armed exchange seen from different sides: may be one incident.
TYPE_FAMILIES: Final[tuple[frozenset[str], ...]] = (
    frozenset({"ambush", "shootout", "small_arms_fire", "fire_unspecified", "sniper_fire",
               "ceasefire_violation_unspecified", "ground_assault", "incursion"}),
    frozenset({"artillery_shelling", "mortar_fire", "fire_unspecified", "drone_strike",
               "ceasefire_violation_unspecified", "ground_assault", "incursion"}),
    frozenset({"mine_explosion", "ied_explosion", "uxo_explosion"}),
)  # fmt: skip

#: A definite noun that points back to an incident told before ("the attack", "Sunday's shooting").
ANAPHORA: Final = folded(
    r"\b(?:the|this|that|these|its|such|same|ensuing|(?:\w+day|today|yesterday)'s)\s+(?:\w+\s+){0,2}?"
    r"(?:incidents?|attacks?|shoot-?outs?|shootings?|clash(?:es)?|fire ?fights?|skirmish(?:es)?|ambush|"
    r"blast|explosion|accident|case|violations?|provocations?|firing|gunfire|shelling|bombardment)\b",
    NOCASE,
)
#: Fire that came at someone: its subject was hit, not the shooter ("positions came under
#: fire", "were subjected to fire"; but "units subjected positions to fire" is active).
PASSIVE_FIRE: Final = folded(
    r"\b(?:came|come|comes|coming|were|was|been|being)\s+under\b|"
    r"\b(?:were|was|been|being|are|is)\s+subjected\s+to\b|"
    r"\bfire was opened\b|\b(?:were|was)\s+(?:fired|shelled|targeted)\b",
    NOCASE,
)
#: A clause that reports a different incident from the one before.
NEW_INCIDENT: Final = folded(
    r"\b(?:on the same day|another|in a separate incident|separately|in other incident|a second|"
    r"in another)\b",
    NOCASE,
)
#: Place words that point back to the place told before.
PLACE_ANAPHORA: Final = folded(
    r"\b(?:in|on|at|near) (?:the|that|this) (?:above-?mentioned |same |said |)(?:area|region|district|village|sector|direction)\b"
    r"(?! of)|\babove-?mentioned area\b|\bthere\b(?!\s+(?:is|are|was|were|has|have|had|will|would|may|might)\b)",
    NOCASE,
)

# --- what makes a trigger not an incident ----------------------------------------------------
NEGATION: Final = folded(
    r"\b(?:no|not|never|without|neither|nor|haven't|hasn't|hadn't|didn't|don't|doesn't|wasn't|"
    r"weren't|isn't|aren't|denied|deny|denies|any|zero|free of)\b|n't\b",
    NOCASE,
)
MODAL: Final = folded(
    r"\b(?:will|would|could|may(?!\s*\d)|might|should|must|shall|can|whether|if|unless|prevent(?:ing)?|"
    r"avoid(?:ing)?|in order to|plans? to|threat(?:en(?:ed|s)?)?|warn(?:ed|s)? of|"
    r"possible|potential|risk of|needs? to|ready to|intend(?:s|ed)? to|aimed at|capable of|"
    r"in case of|put an end to|end to|stop(?:ping)? the|resum\w+ of)\b",
    NOCASE,
)
#: Fire that answers fire is part of the exchange already reported, not another incident.
RESPONSE_FIRE: Final = folded(
    r"\b(?:retaliatory|return(?:ed)?|responsive|counter|answering|retaliation)\b(?:\s+\w+){0,2}?\s+fire\b"
    r"|\bsilenced\b|\bresponded with\b|\bsuppressed\b",
    NOCASE,
)
#: Passing the word on ("informed of the violation", "reported to the peacekeepers") is not an event.
NOTIFICATION: Final = folded(
    r"\b(?:informed|notified|was reported to|were reported to|has been reported to|reported to the|"
    r"brought to the attention|sent to|passed to)\b",
    NOCASE,
)
#: Habits, not incidents: "accused each other of violating the ceasefire in recent months".
HABITUAL: Final = folded(
    r"\b(?:each other|one another|mutual(?:ly)?|by both|accusations? of|regularly|frequently|often|routinely|constantly|"
    r"almost daily|on a daily basis|from time to time|time and again|systematically|"
    r"in recent (?:days|weeks|months|years)|over the (?:past|last) (?:few )?(?:weeks?|months?|years?)|"
    r"systematic(?:ally)?)\b",
    NOCASE,
)
#: History: the wars and the years before the ceasefire.
HISTORY: Final = folded(
    r"\b(?:during|in the course of|throughout) (?:the )?(?:\w+[- ]){0,3}(?:war|conflict|hostilities|fighting|occupation)\b"
    r"|\b\d+-(?:day|week|year) (?:war|conflict)\b|\b(?:first|second|2nd|1st) (?:karabakh )?war\b"
    r"|\b(?:clashes|hostilities|fighting|war) (?:erupted|broke out|began|started|resumed)\b"
    r"|\bresumed the (?:\w+ )?war\b|\bwhen new clashes\b|\bsince (?:19\d\d|the 1990s)\b|\bin (?:19\d\d|the 1990s)\b"
    r"|\bkilled during the war\b|\b(?:separatist|patriotic) war\b|\bwere at war\b|\bbeen at war\b|\btwo wars\b",
    NOCASE,
)
#: Tallies over a period: "some 160 killed since the war", "the total number of ... to 21".
#: "..., bringing the number of people hurt since 2020 to 20": a tally added to an incident;
#: its numbers count other incidents too
RUNNING_TOTAL: Final = folded(
    r",?\s*\b(?:bringing|raising|taking|pushing|increasing)\s+(?:the\s+)?(?:total|number|"
    r"(?:death\s+)?toll|tally|count)\b.*$",
    NOCASE,
)
AGGREGATE: Final = folded(
    r"\bsince\b|\btotal\b|\btally\b|\bso far\b|\bto date\b|\bin all\b|\baltogether\b|"
    r"\bdeath toll\b|\bover the (?:past|last) (?:\w+ )?(?:years|months)\b|\bin (?:recent )?(?:years|months)\b|"
    r"\bthousands\b|\bhundreds\b|\bdozens of (?:incidents|violations|cases)\b|"
    r"\bafter the (?:war|hostilities|conflict|fighting) (?:ended|was over)\b|\bsince the end of\b",
    NOCASE,
)
#: Context kinds, checked on clauses without an incident trigger (or whose trigger is history).
CONTEXT_KINDS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    (
        "ceremony",
        folded(r"\bceremon(?:y|ies)\b|\bparade\b|\bcommemorat\w+\b|\bfuneral\b", NOCASE),
    ),
    (
        "agreement",
        folded(
            r"\bsigned\b(?:\s+\w+){0,6}?\s+(?:statement|agreement|memorandum|deal|declaration|protocol)\b"
            r"|\b(?:memorandum|agreement|statement|deal|declaration) (?:\w+ ){0,3}?(?:was|were) signed\b",
            NOCASE,
        ),
    ),
    (
        "meeting",
        folded(r"\b(?:met|meeting|talks|negotiations|summit|visit(?:ed)?|received)\b", NOCASE),
    ),
    (
        "deployment",
        folded(r"\b(?:deployed|deployment|arrived|stationed|opened|opens)\b", NOCASE),
    ),
)

# --- sides ---------------------------------------------------------------------------------------
#: Words that put an actor on a side, most specific first (Karabakh before Armenia).
SIDE_WORDS: Final[tuple[tuple[Side, str], ...]] = (
    (Side.KARABAKH,
     r"artsakh\w*|nagorno[- ]karabakh(?:'s)?|karabakh(?:'s)?|stepanakert|defen[cs]e army|de[- ]facto|"
     r"unrecognized|self-proclaimed|breakaway|ethnic armenian"),
    # ANAMA is Azerbaijan's National Agency for Mine Action
    (Side.AZERBAIJAN, r"azerbaijan(?:i|'s)?|azeri|baku|anama\b"),
    (Side.ARMENIA, r"armenian?(?:'s)?|yerevan"),
    (Side.RUSSIA, r"russian?(?:'s)?|moscow|kremlin|peacekeep\w*"),
    (Side.TURKEY, r"turkish|turkey(?:'s)?|t[üu]rkiye|ankara"),
)  # fmt: skip
SIDE_ADJECTIVE: Final[dict[Side, str]] = {
    Side.AZERBAIJAN: "Azerbaijani",
    Side.ARMENIA: "Armenian",
    Side.KARABAKH: "Karabakh",
    Side.RUSSIA: "Russian",
    Side.TURKEY: "Turkish",
}
#: The side each party accuses: used for "the opposite side", "the enemy".
OPPONENT: Final[dict[Side, Side]] = {
    Side.AZERBAIJAN: Side.ARMENIA,
    Side.ARMENIA: Side.AZERBAIJAN,
    Side.KARABAKH: Side.AZERBAIJAN,
}
#: Armenia and the Karabakh authorities tell the same story against Azerbaijan.
BLOC: Final[dict[Side, str]] = {
    Side.AZERBAIJAN: "az",
    Side.ARMENIA: "am",
    Side.KARABAKH: "am",
    Side.RUSSIA: "ru",
    Side.TURKEY: "tr",
}
PARTY_SIDES: Final = frozenset({Side.AZERBAIJAN, Side.ARMENIA, Side.KARABAKH})

#: Outlets and agencies by country: an unqualified "the Defence Ministry" in their copy is
#: normally their own government's. Matched against Document.source / agency / dateline.
OUTLET_SIDES: Final[tuple[tuple[Side, str], ...]] = (
    (Side.AZERBAIJAN,
     r"azernews|\btrend\b|\bapa\b|report\.az|\breport\b|azertac|news\.az|day\.az|caliber|oxu\.az|"
     r"minval|haqqin|azvision|1news\.az|\bturan\b|\bazer"),
    (Side.ARMENIA,
     r"armenpress|news\.am|panarmenian|asbarez|civilnet|azatutyun|hetq|mirror-?spectator|"
     r"armenianclub|arka|aravot|\bnews-am|armenian weekly|epress\.am|1in\.am|armenianow|\borer\b"),
    (Side.KARABAKH, r"artsakhpress|artsakh"),
    (Side.RUSSIA, r"\btass\b|interfax|\bria\b|sputnik|kommersant|izvestia|rbc\b"),
    (Side.TURKEY, r"anadolu|\btrt\b|daily sabah|hurriyet|yeni [şs]afak|\baa\b"),
)  # fmt: skip
MEDIA_NAMES: Final = folded(
    r"\b(?:azernews|trend|apa|report|azertac|armenpress|news\.am|panarmenian(?:\.net)?|tass|"
    r"interfax|ria novosti|sputnik|anadolu(?: agency)?|trt(?: world)?|reuters|afp|ap|bbc|"
    r"jamnews|civilnet|azatutyun|rfe/rl|caspian post|media|press|outlets?|news(?:paper)?s?|"
    r"agency|sources|commentators|reporters?|journalists?|channel|television|tv)\b",
    NOCASE,
)

# --- institutions ------------------------------------------------------------------------------
#: (pattern, canonical name). The canonical name gets the side adjective in front.
INSTITUTIONS: Final[tuple[tuple[str, str], ...]] = (
    (r"(?:ministry of defen[cs]e|defen[cs]e ministry|MoD|ministry of the defen[cs]e|defen[cs]e ministry's)", "Defence Ministry"),
    (r"(?:ministry of (?:internal affairs|the interior|interior)|interior ministry)", "Interior Ministry"),
    (r"(?:ministry of foreign affairs|foreign ministry|MFA|foreign affairs ministry)", "Foreign Ministry"),
    (r"(?:ministry of emergency situations|emergencies ministry|emergency situations ministry|ministry of emergencies)", "Emergencies Ministry"),
    (r"(?:(?:prosecutor[- ]general'?s?|general prosecutor'?s?|prosecutor general'?s?) office)", "Prosecutor General's Office"),
    (r"(?:(?:\w+ )?(?:region(?:al)?|district) prosecutor'?s? office|prosecutor'?s? office)", "prosecutor's office"),
    (r"(?:state border service|border guards?|border service)", "State Border Service"),
    (r"(?:state security service|national security service|security service)", "security service"),
    (r"(?:mine action agency|agency for mine action|ANAMA|national agency for (?:mine action|neutralization)[\w ]*)", "Mine Action Agency"),
    (r"(?:human rights defender(?:'s office)?|ombudsman(?:'s office)?|ombudsperson)", "Human Rights Defender"),
    (r"(?:general staff)", "General Staff"),
    (r"(?:police)", "police"),
    (r"(?:authorities|government|leadership|officials|official reports|command|ministry|side)", "authorities"),
    (r"(?:president(?:'s office)?|presidential administration)", "President"),
    (r"(?:prime minister|premier|PM)", "Prime Minister"),
    (r"(?:state minister)", "State Minister"),
    (r"(?:defen[cs]e minister)", "Defence Minister"),
    (r"(?:foreign minister)", "Foreign Minister"),
    (r"(?:army|armed forces|military|troops|forces|units|servicemen|soldiers)", "armed forces"),
    (r"(?:peacekeeping (?:contingent|mission|force|forces|command)|peacekeepers)", "peacekeepers"),
    (r"(?:monitoring cent(?:er|re)|joint cent(?:er|re))", "joint monitoring centre"),
)  # fmt: skip
#: Institutions of a side whose word is the side's: their claims are party claims.
NON_PARTY_INSTITUTIONS: Final = frozenset({"peacekeepers", "joint monitoring centre"})

# --- attribution -------------------------------------------------------------------------------
REPORT_VERBS: Final = words(
    "said",
    "says",
    "say",
    "reported",
    "reports",
    "report",
    "stated",
    "states",
    "claimed",
    "claims",
    "announced",
    "announces",
    "noted",
    "notes",
    "told",
    "added",
    "adds",
    "confirmed",
    "confirms",
    "alleged",
    "alleges",
    "informed",
    "informs",
    "reporting",
    "declared",
    "wrote",
    "writes",
    "specified",
    "emphasized",
    "stressed",
    "accused",
    "accuses",
    "insisted",
    "asserted",
    "explained",
    "disclosed",
    "revealed",
    "indicated",
    "linked",
    "warned",
    "quoted",
    "cited",
    "recorded",
    "registered",
    "issued a statement",
    "said in a statement",
    "released a statement",
    "reads",
    "read",
    "continued",
    "pointed out",
    "highlighted",
    "underlined",
    "ruled out",
)
DENIAL: Final = folded(
    r"\b(?:(?:completely|entirely|absolutely|totally)?\s*false|untrue|disinformation|denied|denies|deny|"
    r"rejected|rejects|reject|refuted|refutes|fabricat\w+|groundless|baseless|lies?|nonsense|"
    r"distorted|untruthful|misleading|flatly)\b",
    NOCASE,
)

# --- people and numbers ------------------------------------------------------------------------
NUMBER_WORDS: Final[dict[str, int]] = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "both": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "another": 1, "pair": 2, "couple": 2,
}  # fmt: skip
VAGUE_NUMBERS: Final[dict[str, tuple[int, int | None]]] = {
    "several": (2, None), "many": (2, None), "some": (2, None), "multiple": (2, None),
    "numerous": (2, None), "few": (2, None), "a few": (2, None), "dozens": (24, None),
    "dozens of": (24, None), "scores of": (40, None), "hundreds": (200, None),
}  # fmt: skip
NUMBER: Final = (
    r"(?:at least |more than |over |some |about |around |nearly |almost |up to |as many as |"
    r"a total of |another |a further |further )?"
    r"(?:\d{1,3}(?:,\d{3})*|" + words(*NUMBER_WORDS, *VAGUE_NUMBERS) + r")"
    r"(?:(?:-| to | or )(?:\d+|" + words(*NUMBER_WORDS) + r"))?"
)
PERSON_STATUS: Final[tuple[tuple[str, str], ...]] = (
    ("military",
     r"soldiers?|servicem[ae]n|service ?members?|military (?:personnel|servicem[ae]n|men)|troops|"
     r"conscripts?|officers? of the (?:\w+ ){0,3}?(?:army|armed forces|military|peacekeeping)|"
     r"army (?:officers?|personnel)|colonel|major|captain|lieutenant|sergeant|privates?|"
     r"commanders?|fighters?|contract soldiers?|military(?: men)?|army personnel|personnel|"
     r"peacekeepers?|border guards?|guards?|sappers? of the army|members? of the (?:\w+ ){0,2}?(?:army|military|armed forces)|"
     r"pilots?|crew members?|crewmen"),
    ("civilian",
     r"civilians?|residents?|villagers?|farmers?|shepherds?|children|child|boys?|girls?|women|woman|"
     r"teenagers?|pensioners?|journalists?|workers?|drivers?|refugees?|brothers?|sisters?|"
     r"family members|members of (?:the same|a|one) family|relatives|tractor drivers?|"
     r"citizens?|man|men|sappers?|deminers?|employees? of (?:\w+ ){0,3}?(?:agency|ANAMA|company|LLC)|"
     r"officials?|mothers?|fathers?|wife|wives|husbands?|sons?|daughters?|grand(?:mother|father)s?|"
     r"parents"),
    ("unknown",
     r"people|persons?|individuals?|police(?:men| officers?| personnel)?|policem[ae]n|"
     r"law enforcement officers?|security personnel|officers?|employees?|members?|"
     r"victims?|casualties|others|staff|crew|passengers?|rescuers?|firefighters?|representatives?"),
)  # fmt: skip
KILLED_WORDS: Final = (
    r"became (?:an? )?(?:shehid|shahid|martyr)|killed|kills|killing|died|dead|deaths?|martyred|martyrs?|shot dead|gunned down|lost (?:their|his|her) lives?|"
    r"lost (?:their|his|her) life|perished|succumbed|fatally (?:wounded|injured)|fatalities|"
    r"slain|lifeless|bodies"
)
INJURED_WORDS: Final = (
    r"wounded|wounds|wounding|injured|injures|injuring|injuries|injury|hurt|hospitali[sz]ed|maimed|lost (?:a|one|his|her|both) (?:legs?|arms?|limbs?|eyes?|hands?|feet|foot)|"
    r"amputated|in intensive care|blown up|blew up|(?:evacuated|taken|rushed|transported) to (?:an? |the )?(?:[\w-]+ ){0,2}?(?:hospital|medical facility)"
)
ZERO_CASUALTIES: Final = folded(
    r"\b(?:no|without|zero|ruled out any|not any|free of)\s+(?:\w+\s+){0,2}?"
    r"(?:casualties|victims|losses|deaths|injuries|fatalities|dead|wounded|injured|loss of life)\b"
    r"|\bno(?:body| one) (?:was|were|has been) (?:\w+ )?(?:killed|injured|wounded|hurt)\b"
    r"|\bno (?:[\w-]+ ){0,3}?(?:soldiers|servicemen|civilians|people|residents) (?:was|were|has been|have been) (?:\w+ )?(?:killed|injured|wounded|hurt)\b"
    r"|\b(?:casualties|losses) (?:were|was|have been) ruled out\b",
    NOCASE,
)

# --- loaded words and their neutral wording --------------------------------------------------
#: (pattern, neutral). Applied to summaries only: quotes keep the original words.
NEUTRAL: Final[tuple[tuple[str, str], ...]] = (
    (r"\bmartyred\b", "killed"),
    (r"\bmartyrs\b", "people killed"),
    (r"\bmartyr\b", "person killed"),
    (r"\bmartyrdom\b", "death"),
    (r"\bliberated\b", "retook"),
    (r"\bliberation\b", "return"),
    (r"\bliberating\b", "retaking"),
    (r"\boccupied\b", "controlled"),
    (r"\boccupation\b", "control"),
    (r"\boccupants\b", "forces"),
    (r"\boccupiers\b", "forces"),
    (r"\boccupying\b", "controlling"),
    (r"\bprovocations\b", "incidents"),
    (r"\bprovocation\b", "incident"),
    (r"\bprovocative\b", "disputed"),
    (r"\bterrorists\b", "armed men"),
    (r"\bterrorist\b", "armed"),
    (r"\bterrorism\b", "violence"),
    (r"\bsaboteurs\b", "armed group"),
    (r"\bsabotage (?:group|squad)\b", "armed group"),
    (r"\baggressors?\b", "opposing side"),
    (r"\baggression\b", "military action"),
    (r"\benemy\b", "opposing side"),
    (r"\bgunned down\b", "shot dead"),
    (r"\bmassacred?\b", "killing"),
    (r"\bgenocide\b", "killings"),
    (r"\bdisinformation\b", "statement"),
    (r"\bbandits?\b", "armed men"),
    (r"\bmercenar(?:y|ies)\b", "fighters"),
    (r"\bseparatists?\b", "Karabakh authorities"),
    (r"\bpuppet regime\b", "Karabakh authorities"),
    (r"\bjunta\b", "government"),
    (r"\bassassination\b", "killing"),
)
