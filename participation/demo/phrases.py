"""The phrase bank of the demo year: short things residents write, per language, per kind of question.

Each fragment names the codebook theme it is about, so the texts cover many themes and the suggestion model (which
works on the codebook's keywords) finds them. A text is one or two fragments, sometimes with an opening word, so
that the answers vary like real ones do. Invented for the demo; no resident wrote them.
"""

from __future__ import annotations

import random

GOOD = "good"
IMPROVE = "improve"

# language -> kind -> [(theme code, fragment)]
FRAGMENTS: dict[str, dict[str, list[tuple[str, str]]]] = {
    "nl": {
        GOOD: [
            ("greenery", "Het park en de bomen in de straat"),
            ("neighbour_contact", "De buren helpen elkaar, we kennen elkaar hier"),
            ("facilities", "De bibliotheek en de apotheek zijn dichtbij"),
            ("public_transport", "De bushalte is om de hoek en de bus rijdt vaak"),
            ("meeting_places", "Het buurthuis, daar kun je elkaar ontmoeten"),
            ("playgrounds", "De nieuwe speeltuin voor de kinderen"),
            ("schools", "Een goede basisschool met betrokken juffen"),
            ("sports", "Het sportveld waar de kinderen voetbal spelen"),
            ("care_access", "De huisarts en de apotheek zitten in de wijk"),
            ("housing_quality", "Na de renovatie zijn de kozijnen en het dak als nieuw"),
            ("meeting_places", "De markt op zaterdag, daar ontmoet je iedereen"),
            ("greenery", "Veel groen en het gras langs het water"),
            ("youth_activities", "Het jongerenwerk doet veel voor de jeugd"),
            ("language_skills", "De taalles in de bibliotheek helpt mij veel"),
        ],
        IMPROVE: [
            ("litter", "Overal zwerfafval en vuilnis naast de containers"),
            ("youth_nuisance", "Hangjongeren bij het winkelcentrum, vooral 's avonds"),
            ("lighting", "Betere verlichting in het park, de lantaarnpalen zijn vaak kapot"),
            ("parking", "Na zes uur is het onmogelijk een parkeerplek te vinden"),
            ("traffic_safety", "Auto's rijden veel te hard, er moet een drempel komen"),
            ("housing_quality", "Schimmel in de woning en de corporatie doet niets"),
            ("housing_costs", "De huur is te hoog, elk jaar weer huurverhoging"),
            ("drugs", "Er wordt gedeald bij de flat, iedereen ziet de drugs"),
            ("street_maintenance", "De stoep ligt scheef, losse stoeptegels overal"),
            ("noise", "Geluidsoverlast van de buren tot laat in de nacht"),
            ("loneliness", "Veel ouderen zijn eenzaam en zitten alleen thuis"),
            ("unsafe_at_night", "Ik voel me onveilig als het donker is, ik ben bang op straat"),
            ("work", "Meer werk voor jongeren, veel zijn werkloos"),
            ("poverty_debt", "Mensen hebben schulden en kunnen niet rondkomen"),
            ("energy_poverty", "De energierekening is niet te betalen"),
            ("playgrounds", "De speeltuin is kapot, de speeltoestellen zijn oud"),
            ("burglary_crime", "Er zijn veel inbraken geweest in onze straat"),
            ("greenery", "Meer groen, minder stenen, een paar bomen erbij"),
            ("facilities", "Een supermarkt dichterbij, de winkel is gesloten"),
            ("care_access", "Geen huisarts die nog nieuwe patiënten neemt"),
        ],
    },
    "en": {
        GOOD: [
            ("greenery", "The park and all the trees"),
            ("neighbour_contact", "My neighbours are friendly and we greet each other"),
            ("facilities", "The shops and the supermarket are close by"),
            ("public_transport", "The bus and the train station are near"),
            ("meeting_places", "The community centre where people meet"),
            ("playgrounds", "A good playground for my children"),
            ("schools", "The school and the teachers are very good"),
            ("sports", "Football pitches and the swimming pool"),
        ],
        IMPROVE: [
            ("litter", "Too much litter and rubbish on the street"),
            ("lighting", "Better street lighting, it is too dark"),
            ("parking", "More parking, there is no place for my car"),
            ("traffic_safety", "Cars are speeding, we need a safe crossing"),
            ("housing_quality", "Mould in my flat and nobody fixes it"),
            ("housing_costs", "The rent is not affordable any more"),
            ("youth_nuisance", "Youths loitering near the shops at night"),
            ("language_skills", "More Dutch language classes in the evening"),
            ("work", "Help to find a job, I am unemployed"),
            ("noise", "Loud music from the neighbours, too much noise"),
        ],
    },
    "tr": {
        GOOD: [
            ("neighbour_contact", "Komşularım çok iyi, herkes selam veriyor"),
            ("facilities", "Market ve dükkanlar yakın"),
            ("greenery", "Park ve ağaçlar güzel"),
            ("meeting_places", "Mahalle evinde kadın grubu ve sabah kahvesi var"),
            ("schools", "Okul iyi, öğretmenler ilgili"),
            ("public_transport", "Otobüs durağı evin yanında"),
            ("playgrounds", "Çocuklar için salıncak ve kaydırak var"),
        ],
        IMPROVE: [
            ("litter", "Sokakta çok çöp var, her yer pis"),
            ("parking", "Otopark yok, araba koyacak yer bulamıyorum"),
            ("housing_quality", "Evde küf ve nem var, ev sahibi ilgilenmiyor"),
            ("housing_costs", "Kira çok yüksek, her yıl zam geliyor"),
            ("youth_nuisance", "Gençler gece takılıyor, rahatsızlık veriyor"),
            ("lighting", "Akşam sokak çok karanlık, lamba yok"),
            ("work", "Gençler için iş yok, çok işsiz var"),
            ("language_skills", "Hollandaca kurs lazım, dil öğrenmek istiyorum"),
            ("traffic_safety", "Arabalar çok hızlı gidiyor, trafik tehlikeli"),
        ],
    },
    "ar": {
        GOOD: [
            ("neighbour_contact", "الجيران طيبون ونتبادل التحية"),
            ("facilities", "المحلات والسوبرماركت قريبة"),
            ("greenery", "الحديقة والأشجار جميلة"),
            ("schools", "المدرسة جيدة والمعلم يهتم بالأطفال"),
            ("meeting_places", "يوجد مركز للقاء والأنشطة"),
            ("public_transport", "محطة الحافلة قريبة من البيت"),
        ],
        IMPROVE: [
            ("litter", "القمامة في كل مكان والشارع وسخ"),
            ("housing_quality", "في البيت عفن ورطوبة"),
            ("lighting", "الإنارة ضعيفة والشارع مظلم في الليل"),
            ("language_skills", "نحتاج دورة لغة هولندية للنساء"),
            ("work", "صعب أن أجد عمل أو وظيفة"),
            ("unsafe_at_night", "أخاف أمشي لوحدي بالليل"),
            ("playgrounds", "نحتاج ملعب للأطفال قريب"),
            ("housing_costs", "الإيجار غالي جدا"),
        ],
    },
    "pl": {
        GOOD: [
            ("greenery", "Dużo zieleni i ładny park"),
            ("facilities", "Sklep i supermarket są blisko"),
            ("public_transport", "Dobre połączenie z centrum, autobus co dziesięć minut"),
            ("neighbour_contact", "Mili sąsiedzi, znamy się"),
            ("schools", "Dobra szkoła podstawowa i miła nauczycielka"),
            ("sports", "Boisko i basen dla dzieci"),
        ],
        IMPROVE: [
            ("parking", "Brakuje parkingu, nie ma gdzie parkować samochód"),
            ("litter", "Wszędzie śmieci przy blokach"),
            ("housing_quality", "W mieszkaniu jest pleśń i wilgoć"),
            ("housing_costs", "Czynsz jest za wysoki"),
            ("language_skills", "Kurs języka niderlandzkiego wieczorem"),
            ("noise", "Głośna muzyka w nocy, ciągły hałas"),
            ("lighting", "Lepsze oświetlenie, latarnia nie działa"),
            ("work", "Trudno znaleźć stałą pracę"),
        ],
    },
    "bg": {
        GOOD: [
            ("greenery", "Паркът и дърветата са хубави"),
            ("facilities", "Магазинът и аптеката са наблизо"),
            ("neighbour_contact", "Познавам съседите, помагаме си"),
            ("public_transport", "Спирката на автобуса е близо"),
            ("schools", "Училището е добро, учителите помагат"),
        ],
        IMPROVE: [
            ("litter", "Много боклук на улицата, всичко е мръсно"),
            ("housing_quality", "В апартамента има мухъл и влага"),
            ("housing_costs", "Наемът е много висок"),
            ("parking", "Няма паркинг за колата"),
            ("language_skills", "Нужен е курс по нидерландски език"),
            ("work", "Няма работа, много млади са безработни"),
            ("noise", "Шумно е през нощта, силна музика"),
            ("unsafe_at_night", "Вечер ме е страх да излизам сама"),
        ],
    },
}

# Words that open or close an answer; empty strings keep some answers plain.
OPENERS: dict[str, list[str]] = {
    "nl": ["", "", "Vooral: ", "Eigenlijk ", "Voor mij: ", "Zeker "],
    "en": ["", "", "Mostly ", "For me: ", "Really "],
    "tr": ["", "", "Bence ", "Özellikle "],
    "ar": ["", "", "برأيي ", "خصوصا "],
    "pl": ["", "", "Moim zdaniem ", "Przede wszystkim "],
    "bg": ["", "", "Според мен ", "Най-вече "],
}
JOINERS: dict[str, str] = {"nl": " en ", "en": " and ", "tr": " ve ", "ar": " و", "pl": " i ", "bg": " и "}
CLOSERS: dict[str, list[str]] = {
    "nl": [".", ".", "!", ". Dat is belangrijk.", ". Graag snel."],
    "en": [".", ".", "!", ", please."],
    "tr": [".", ".", "!", ", lütfen."],
    "ar": [".", ".", "!"],
    "pl": [".", ".", "!", ", proszę."],
    "bg": [".", ".", "!", ", моля."],
}


def compose(rng: random.Random, language: str, kind: str, preferred: list[str] | None = None) -> tuple[str, list[str]]:
    """A text of one or two fragments in ``language`` and the theme codes it is about.

    ``preferred`` themes (those a buurt is known for) are drawn more often, so themes differ between buurten."""
    fragments = FRAGMENTS[language][kind]
    weights = [3.0 if preferred and theme in preferred else 1.0 for theme, _ in fragments]
    first = rng.choices(range(len(fragments)), weights=weights)[0]
    chosen = [first]
    if rng.random() < 0.35:
        second = rng.choices(range(len(fragments)), weights=weights)[0]
        if second != first:
            chosen.append(second)
    parts = [fragments[index][1] for index in chosen]
    body = parts[0] if len(parts) == 1 else parts[0] + JOINERS[language] + _lower_first(parts[1], language)
    opener = rng.choice(OPENERS[language])
    if opener:
        body = opener + _lower_first(body, language)
    return body + rng.choice(CLOSERS[language]), [fragments[index][0] for index in chosen]


def _lower_first(text: str, language: str) -> str:
    """The fragment as the middle of a sentence: its first letter lowered, except in a name of a language."""
    if language == "ar" or not text or text.split(" ", 1)[0].lower() in KEEP_CAPITAL:
        return text
    return text[:1].lower() + text[1:]


KEEP_CAPITAL = frozenset({"dutch", "hollandaca"})
