"""Labels, statuses and headings in English, Finnish and Swedish, as the project glossary
(GLOSSARY.md) gives them. JSON keys stay English; only what people read is translated."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from fundgap.money import format_euros

LANGUAGES = ("en", "fi", "sv")
DEFAULT_LANGUAGE = "en"

# key → (English, Finnish, Swedish)
_TERMS: Mapping[str, tuple[str, str, str]] = {
    # responsibility statuses
    "assigned": ("assigned", "vastuu sovittu", "ansvar avtalat"),
    "partial": ("partial", "vastuu osittain sovittu", "ansvar delvis avtalat"),
    "unassigned": ("unassigned", "vastuu sopimatta (katvealue)", "ansvar oavtalat (blind fläck)"),
    "contested": ("contested", "vastuu ristiriitainen", "ansvar motstridigt"),
    "by_law": ("by law", "lain mukainen vastuu", "ansvar enligt lag"),
    # funding statuses
    "funded": ("funded", "rahoitettu", "finansierat"),
    "underfunded": ("underfunded", "alirahoitettu", "underfinansierat"),
    "unfunded": ("unfunded", "rahoittamaton", "ofinansierat"),
    # flags
    "lapsing": ("lapsing", "päättymässä", "upphör snart"),
    "cut": ("cut", "leikattu", "nedskuret"),
    "capped": ("capped", "enimmäismäärä rajaa", "begränsat av maximibelopp"),
    "draft_only": ("draft only", "vain luonnoksessa", "endast i utkast"),
    "stea_conflict": ("STEA conflict", "STEA-ristiriita", "STEA-konflikt"),
    # zones
    "statutory": ("statutory", "lakisääteinen", "lagstadgad"),
    "preventive": ("preventive", "ehkäisevä (hyte)", "förebyggande"),
    "grey": ("grey zone", "välimaasto", "gråzon"),
    # column headings
    "service": ("service", "palvelu", "tjänst"),
    "name": ("name", "nimi", "namn"),
    "organisation": ("organisation", "järjestö", "organisation"),
    "category": ("category", "palveluluokka", "kategori"),
    "zone": ("zone", "vyöhyke", "zon"),
    "municipality": ("municipality", "kunta", "kommun"),
    "municipalities": ("municipalities", "kunnat", "kommuner"),
    "county": ("county", "hyvinvointialue", "välfärdsområde"),
    "funder": ("funder", "rahoittaja", "finansiär"),
    "status": ("status", "tila", "status"),
    "need": ("need", "tarve", "behov"),
    "gap": ("gap", "vaje", "underskott"),
    "responsibility": ("responsibility", "vastuu", "ansvar"),
    "funding": ("funding", "rahoitus", "finansiering"),
    "flags": ("flags", "huomiot", "flaggor"),
    "services": ("services", "palvelut", "tjänster"),
    "party": ("party", "osapuoli", "part"),
    "share": ("share %", "osuus %", "andel %"),
    "effective_share": ("effective share %", "laskennallinen osuus %", "effektiv andel %"),
    "expected": ("expected", "odotettu osuus", "förväntat bidrag"),
    "granted": ("granted", "myönnetty", "beviljat"),
    "shortfall": ("shortfall", "vajaus", "underskott"),
    "agreement": ("agreement", "sopimus", "avtal"),
    "ends": ("ends", "päättyy", "upphör"),
    "notice_deadline": ("notice deadline", "irtisanomisen määräpäivä", "sista dag för uppsägning"),
    "previous": ("year before", "edellinen vuosi", "föregående år"),
    "change": ("change %", "muutos %", "förändring %"),
    "year": ("year", "vuosi", "år"),
    "figure": ("figure", "tunnusluku", "nyckeltal"),
    "value": ("value", "arvo", "värde"),
    "other": ("other funders", "muut rahoittajat", "andra finansiärer"),
    "stea": ("STEA", "STEA", "STEA"),
}


def term(key: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The label of ``key`` in ``lang``; an unknown key is shown as it is."""
    labels = _TERMS.get(key)
    if labels is None:
        return key
    return labels[LANGUAGES.index(lang)] if lang in LANGUAGES else labels[0]


def check_language(lang: str | None) -> str:
    """The language to write in (:func:`fundgap.i18n.choose_language`)."""
    from fundgap.i18n.language import choose_language

    return choose_language(lang)


def euros(amount: Decimal, lang: str = DEFAULT_LANGUAGE) -> str:
    """An amount for people to read: ``420,000.00`` in English, ``420 000,00`` in Finnish and
    Swedish (rounded half up to cents)."""
    if lang == "en":
        return format_euros(amount)
    return format_euros(amount, decimal_mark=",", group=" ")


# The report's headings and sentences: key → (English, Finnish, Swedish), with {placeholders}.
_SENTENCES: Mapping[str, tuple[str, str, str]] = {
    "title": (
        "fundgap report: {dataset}, {year}",
        "fundgap-raportti: {dataset}, {year}",
        "fundgap-rapport: {dataset}, {year}",
    ),
    "as_of": ("As of {as_of}.", "Tilanne {as_of}.", "Läget {as_of}."),
    "drafts": (
        " Drafts taken as signed: {drafts}.",
        " Luonnokset allekirjoitettuina: {drafts}.",
        " Utkast som undertecknade: {drafts}.",
    ),
    "summary": (
        "In {year}, {services} NGO services need {need} €; {funded} € of it is funded, and the "
        "gap is {gap} €.",
        "Vuonna {year} järjestöjen {services} palvelun tarve on {need} €; siitä on rahoitettu "
        "{funded} €, ja vaje on {gap} €.",
        "År {year} behöver organisationernas {services} tjänster {need} €; {funded} € är "
        "finansierat och underskottet är {gap} €.",
    ),
    "findings": (
        "{blind} services are in a blind spot: no agreement says who funds them. {contested} are "
        "contested between agreements. {lapsing} depend on agreements that lapse within "
        "{months} months, and {cut} had their funding cut.",
        "{blind} palvelua on katvealueella: mikään sopimus ei kerro, kuka ne rahoittaa. "
        "{contested} palvelun vastuu on sopimusten kesken ristiriitainen. {lapsing} palvelua "
        "riippuu sopimuksista, jotka päättyvät {months} kuukauden kuluessa, ja {cut} palvelun "
        "rahoitusta on leikattu.",
        "{blind} tjänster är i en blind fläck: inget avtal säger vem som finansierar dem. För "
        "{contested} är ansvaret motstridigt mellan avtal. {lapsing} beror på avtal som upphör "
        "inom {months} månader, och för {cut} har finansieringen skurits ned.",
    ),
    "largest": (
        "The {count} largest gaps",
        "{count} suurinta vajetta",
        "De {count} största underskotten",
    ),
    "by_county": (
        "Gaps by county",
        "Vajeet hyvinvointialueittain",
        "Underskott per välfärdsområde",
    ),
    "by_municipality": ("Gaps by municipality", "Vajeet kunnittain", "Underskott per kommun"),
    "by_category": ("Gaps by category", "Vajeet palveluluokittain", "Underskott per kategori"),
    "blind": (
        "Blind spots: services nobody has agreed to fund",
        "Katvealueet: palvelut, joiden rahoituksesta kukaan ei ole sopinut",
        "Blinda fläckar: tjänster som ingen har avtalat att finansiera",
    ),
    "blind_text": (
        "Grey-zone services with no clause for some of their residents on some day.",
        "Välimaaston palvelut, joiden joillekin asukkaille ei jonain päivänä sovellu mikään "
        "sopimuskohta.",
        "Tjänster i gråzonen där ingen avtalspunkt gäller för en del av invånarna någon dag.",
    ),
    "none": ("None.", "Ei yhtään.", "Inga."),
    "contested": ("Contested services", "Ristiriitaiset vastuut", "Motstridigt ansvar"),
    "contested_text": (
        "Agreements in force give different splits, so nobody's share is known.",
        "Voimassa olevat sopimukset jakavat vastuun eri tavoin, joten kenenkään osuus ei ole "
        "tiedossa.",
        "Gällande avtal fördelar ansvaret olika, så ingens andel är känd.",
    ),
    "lapsing": ("Lapsing agreements", "Päättymässä olevat sopimukset", "Avtal som upphör snart"),
    "lapsing_none": (
        "None within the horizon.",
        "Ei yhtään tarkastelujakson aikana.",
        "Inga inom perioden.",
    ),
    "lapsing_text": (
        "Signed coverage that ends between {as_of} and {months} months later with no signed "
        "agreement after it. Notice must be given, or negotiations opened, by the deadline.",
        "Allekirjoitettu sopimus päättyy {months} kuukauden kuluessa päivästä {as_of}, eikä "
        "sille ole allekirjoitettua jatkoa. Irtisanominen tai neuvottelut on aloitettava "
        "määräpäivään mennessä.",
        "Undertecknat avtal som upphör inom {months} månader från {as_of} utan undertecknat "
        "avtal efter. Uppsägning eller förhandlingar ska inledas senast den sista dagen.",
    ),
    "cuts": ("Funding cuts", "Rahoitusleikkaukset", "Nedskärningar i finansieringen"),
    "cuts_text": (
        "Public funders that granted over 10 % less than the year before, both in total and "
        "for the part of the year the service was active.",
        "Julkiset rahoittajat, jotka myönsivät yli 10 % vähemmän kuin edellisenä vuonna, sekä "
        "yhteensä että suhteessa siihen osaan vuotta, jona palvelu toimi.",
        "Offentliga finansiärer som beviljade över 10 % mindre än året innan, både totalt och "
        "i förhållande till den del av året som tjänsten var verksam.",
    ),
    "not_recorded_in": (
        "No funding decision for {year} is recorded yet in: {datasets} (none starts in {year}). "
        "There only grants for earlier years that run into {year} count, and no funding cut can "
        "be seen.",
        "Vuoden {year} rahoituspäätöksiä ei ole vielä kirjattu näihin aineistoihin: {datasets} "
        "(yksikään päätös ei ala vuonna {year}). Niissä lasketaan vain aiempina vuosina "
        "alkaneet, vuoteen {year} ulottuvat avustukset, eikä rahoitusleikkauksia voi havaita.",
        "Inga finansieringsbeslut för {year} har ännu förts in i dessa material: {datasets} "
        "(inget beslut börjar år {year}). Där räknas bara bidrag från tidigare år som löper in "
        "i {year}, och inga nedskärningar kan ses.",
    ),
    "not_recorded": (
        "No funding decision for {year} is recorded in the data yet (none starts in {year}): "
        "only grants for earlier years that run into {year} count, and no funding cut can be "
        "seen.",
        "Vuoden {year} rahoituspäätöksiä ei ole vielä kirjattu aineistoon (yksikään päätös ei "
        "ala vuonna {year}): vain aiempina vuosina alkaneet, vuoteen {year} ulottuvat avustukset "
        "lasketaan, eikä rahoitusleikkauksia voi havaita.",
        "Inga finansieringsbeslut för {year} har ännu förts in i materialet (inget beslut "
        "börjar år {year}): bara bidrag från tidigare år som löper in i {year} räknas, och inga "
        "nedskärningar kan ses.",
    ),
    "missing": (
        "Municipalities without an agreement",
        "Kunnat ilman sopimusta",
        "Kommuner utan avtal",
    ),
    "missing_text": (
        "The law has each county negotiate with its municipalities every year; these had no "
        "signed agreement in force in {year}:",
        "Lain mukaan hyvinvointialue neuvottelee kuntiensa kanssa vuosittain; näillä kunnilla "
        "ei ollut vuonna {year} voimassa allekirjoitettua sopimusta:",
        "Enligt lag förhandlar välfärdsområdet årligen med sina kommuner; dessa hade inget "
        "undertecknat avtal i kraft år {year}:",
    ),
}


def sentence(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """A heading or sentence of the report in ``lang``, with ``values`` filled in."""
    texts = _SENTENCES[key]
    return texts[LANGUAGES.index(lang) if lang in LANGUAGES else 0].format(**values)
