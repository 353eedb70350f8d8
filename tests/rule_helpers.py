"""Builders for hand-made ``Block`` lists used by the rule unit tests (not a test module)."""

from __future__ import annotations

from dataclasses import dataclass

from cleaners.blocks import Block


@dataclass(frozen=True)
class H:
    """A heading block."""

    text: str


@dataclass(frozen=True)
class Item:
    """A list item; consecutive items belong to one list (share a group)."""

    text: str


def make_blocks(*specs: str | H | Item) -> list[Block]:
    """Plain strings become paragraphs; index follows the position, group the container."""
    blocks = []
    group = -1
    for i, spec in enumerate(specs):
        continues_list = isinstance(spec, Item) and i > 0 and isinstance(specs[i - 1], Item)
        group = group if continues_list else group + 1
        if isinstance(spec, H):
            blocks.append(Block(i, spec.text, "heading", group))
        elif isinstance(spec, Item):
            blocks.append(Block(i, spec.text, "item", group))
        else:
            blocks.append(Block(i, spec, "paragraph", group))
    return blocks


# Article paragraphs, one per language, each long enough (>= 40 words) to mark "the article still runs here".
ARTICLE = {
    "en": (
        "The city council voted on Tuesday to approve a new budget for the coming fiscal year, which includes "
        "increased spending on public transport, road maintenance and the renovation of several schools in the "
        "northern districts, officials confirmed at a press conference. The mayor defended the plan.",
        "Opposition members criticised the plan as too expensive, arguing that the council had underestimated the "
        "cost of the school renovations and overestimated the revenue it would raise from new parking fees across "
        "the historic centre of the town. A final vote is expected next month.",
    ),
    "fr": (
        "Le conseil municipal a adopté mardi un nouveau budget pour l'année prochaine, qui prévoit davantage de "
        "moyens pour les transports publics, l'entretien des routes et la rénovation de plusieurs écoles des "
        "quartiers nord de la ville, ont confirmé les services de la mairie lors d'une conférence de presse.",
        "L'opposition juge le projet trop coûteux et estime que la majorité a sous-estimé le prix des travaux dans "
        "les écoles tout en surestimant les recettes attendues des nouveaux tarifs de stationnement dans le centre "
        "historique. Un dernier vote doit avoir lieu le mois prochain au conseil.",
    ),
    "de": (
        "Der Stadtrat hat am Dienstag einen neuen Haushalt für das kommende Jahr beschlossen, der mehr Geld für den "
        "öffentlichen Nahverkehr, die Instandhaltung der Straßen und die Sanierung mehrerer Schulen in den nördlichen "
        "Stadtteilen vorsieht, wie die Verwaltung am Nachmittag auf einer Pressekonferenz im Rathaus bestätigte.",
        "Die Opposition hält den Plan für zu teuer und wirft der Mehrheit vor, die Kosten der Schulsanierungen zu "
        "unterschätzen und die Einnahmen aus den neuen Parkgebühren in der historischen Altstadt deutlich zu "
        "überschätzen. Eine endgültige Abstimmung im Rat wird für den kommenden Monat erwartet.",
    ),
    "es": (
        "El ayuntamiento aprobó el martes un nuevo presupuesto para el próximo año, que incluye más dinero para el "
        "transporte público, el mantenimiento de las carreteras y la renovación de varios colegios de los barrios "
        "del norte de la ciudad, confirmaron fuentes municipales durante una rueda de prensa celebrada por la tarde.",
        "La oposición considera que el plan es demasiado caro y acusa al gobierno municipal de subestimar el coste "
        "de las obras en los colegios y de sobrestimar los ingresos de las nuevas tarifas de aparcamiento en el "
        "centro histórico. La votación definitiva se celebrará el mes que viene en el pleno.",
    ),
    "pt": (
        "A câmara municipal aprovou na terça-feira um novo orçamento para o próximo ano, que prevê mais dinheiro para "
        "os transportes públicos, a manutenção das estradas e a renovação de várias escolas dos bairros do norte da "
        "cidade, confirmaram os serviços municipais numa conferência de imprensa realizada durante a tarde.",
        "A oposição considera o plano demasiado caro e acusa a maioria de subestimar o custo das obras nas escolas e "
        "de sobrestimar as receitas das novas taxas de estacionamento no centro histórico. A votação final deverá "
        "acontecer no próximo mês, numa sessão extraordinária da assembleia municipal.",
    ),
    "ja": (
        "市議会は火曜日、来年度の新たな予算案を可決した。公共交通の拡充や道路の維持管理、北部地区にある複数の学校の"
        "改修費用が盛り込まれており、市の担当者が午後の記者会見で明らかにした。市長は計画の妥当性を強調した。",
        "野党側は計画が高額すぎると批判し、学校改修の費用を過小に見積もる一方で、歴史地区の新たな駐車料金による"
        "収入を過大に見込んでいると主張している。最終的な採決は来月の臨時議会で行われる見通しだ。",
    ),
}
EN1, EN2 = ARTICLE["en"]


def removed(removals) -> dict[int, str]:
    """block index -> rule id."""
    return {r.block: r.rule for r in removals}


def check_removal(removal, *, rule: str, block: int, text: str | None = None) -> None:
    assert removal.rule == rule
    assert removal.block == block
    assert removal.reason.strip(), "a removal must say why"
    if text is not None:
        assert removal.text == text


# Wire-style paragraphs: article text of 25 to 40 words each.
SHORT_PARAGRAPHS = (
    "The storm brought down power lines across the northern districts on Tuesday night, leaving about 40,000 homes "
    "without electricity for several hours, the regional utility company reported.",
    "Repair crews worked through the night and most customers had their power back by morning, although some rural "
    "villages were expected to stay cut off until the weekend.",
)


def story(n: int) -> list[str]:
    """``n`` different article paragraphs: the ``repeat`` rule removes one the body already has."""
    return [f"{(EN1, EN2)[i % 2]} It was the {i + 1}. point raised." for i in range(n)]
