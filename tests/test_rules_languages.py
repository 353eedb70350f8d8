"""Vocabulary files added as data (no, da, sv, it, pl, nl; more labels in every language): each phrase is removed
at the end and within the body, and an article sentence about the same things is kept."""

from __future__ import annotations

import pytest

from tests.test_rules_notices import at_end, mid_body

PROMPTS = [
    ("related", "Les også: Regjeringen legger fram nytt budsjett"),
    ("related", "Mest lest"),
    ("related", "Læs også: Regeringen fremlægger ny finanslov"),
    ("related", "Läs också: Regeringen lägger fram ny budget"),
    ("related", "Leggi anche: il governo presenta la nuova manovra"),
    ("related", "Czytaj więcej"),
    ("related", "Ähnliche:"),
    ("newsletter", "Meld deg på vårt gratis nyhetsbrev"),
    ("newsletter", "Tilmeld dig vores nyhedsbrev"),
    ("newsletter", "Prenumerera på vårt nyhetsbrev"),
    ("newsletter", "Iscriviti alla nostra newsletter"),
    ("newsletter", "Zapisz się do naszego newslettera"),
    ("support", "Allerede abonnent? Logg inn"),
    ("support", "Redan prenumerant? Logga in här"),
    ("support", "Sei già abbonato? Accedi"),
    ("related", "Popular"),
    ("support", "2 Wochen kostenlos testen"),
    ("support", "Testen Sie für zwei Wochen die gedruckte Zeitung. Sie bekommen sie kostenlos in Ihren Briefkasten."),
    # From a review of prompts leaking through on pages we do not have (plain paragraphs, many wordings).
    ("newsletter", "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply."),
    ("newsletter", "We use Mailchimp as our marketing platform. Learn more about Mailchimp's privacy practices here."),
    ("newsletter", "Sign up for Evening Update, a roundup of the day's top stories delivered every weekday at 6 p.m."),
    ("newsletter", "Don't miss a story: get breaking news alerts by email."),
    ("newsletter", "Thanks! You're now subscribed."),
    ("newsletter", "Abonnieren Sie unseren kostenlosen Newsletter „Der Morgen“."),
    ("newsletter", "Ich bin damit einverstanden, dass mir der Newsletter per E-Mail zugesandt wird."),
    ("newsletter", "Chaque matin, recevez l'essentiel de l'actualité avec notre newsletter gratuite."),
    ("newsletter", "Apúntate a nuestra newsletter y recibe lo mejor de la semana."),
    ("newsletter", "Ricevi ogni mattina le notizie più importanti nella tua casella di posta: iscriviti gratuitamente."),
    ("newsletter", "Subscreva a nossa newsletter e receba as principais notícias do dia."),
    ("newsletter", "Schrijf je in voor onze nieuwsbrief en ontvang elke ochtend het belangrijkste nieuws."),
    ("support", "If you value our reporting, please consider a contribution of any size."),
    ("support", "Local news matters. Chip in $5 today to keep our reporters on the beat."),
    ("support", "Guter Journalismus kostet Geld. Mit einem Abo unterstützen Sie die Arbeit unserer Redaktion."),
    ("support", "Lesen Sie jetzt mit RR+ weiter"),
    ("support", "Cet article vous est offert. Pour lire tous nos articles, abonnez-vous dès 1 € le premier mois."),
    ("support", "Tu apoyo es fundamental para seguir haciendo periodismo de calidad."),
    ("support", "Abbonati per leggere tutti gli articoli senza limiti. Disdici quando vuoi."),
    ("support", "Al abonnee? Log hier in"),
    ("social", "Follow The Daily Courier on Instagram and TikTok."),
    ("social", "Die Rundschau gibt es jetzt auch auf WhatsApp: Hier geht's zum Kanal."),
    ("social", "Sigue toda la actualidad de Diario del Norte en Google News y en nuestro canal de WhatsApp."),
    ("social", "Seguici su Facebook, Instagram e X per restare sempre aggiornato."),
    ("comments", "What do you think? Let us know in the comments below."),
    ("comments", "Was meinen Sie? Diskutieren Sie mit!"),
    ("comments", "Vous devez être connecté pour commenter cet article."),
    ("syndication", "A version of this story appeared in the Sunday print edition."),
    ("syndication", "This article was translated with the help of AI and reviewed by our editors."),
    ("syndication", "Dieser Text wurde mithilfe künstlicher Intelligenz übersetzt und redaktionell geprüft."),
    ("syndication", "Cet article est republié à partir de The Conversation sous licence Creative Commons."),
    ("syndication", "Este artículo se publicó originalmente en The Conversation. Lea el original."),
    ("syndication", "Questo articolo è stato pubblicato originariamente su The Conversation."),
    ("copyright", "© EFE 2024. Está expresamente prohibida la redistribución y la redifusión de todo o parte de los contenidos."),
    ("copyright", "RIPRODUZIONE RISERVATA"),
    ("copyright", "Todos os direitos reservados."),
    ("copyright", "Alle rechten voorbehouden."),
    ("credit", "Photograph: Jane Doe/AP"),
    ("credit", "(Photo by Jane Doe/Getty Images)"),
    ("credit", "EFE/Juan Pérez"),
    ("related", "À voir aussi : Les cours d'école transformées en îlots de fraîcheur"),
    ("related", "Leia também: Urgências de vários hospitais com tempos de espera acima das 12 horas"),
    ("related", "Tag: acqua, siccità, infrastrutture, Pnrr"),
    ("related", "Lees ook: Kabinet presenteert nieuwe begroting"),
    ("promo", "Listen to this article · 5 min"),
    ("promo", "Die wichtigsten Nachrichten direkt aufs Smartphone: Laden Sie jetzt unsere App herunter."),
    ("promo", "Alle Folgen unseres Podcasts finden Sie in der App und überall, wo es Podcasts gibt."),
    ("affiliate", "If you buy something through the links in this article, we may earn money from our affiliate partners."),
    ("affiliate", "Bei Käufen über die mit * gekennzeichneten Links erhalten wir ggf. eine Vergütung vom Händler."),
    ("contact", "Know more about this story? Email tips@dailycourier-news.example"),
    ("timestamp", "Published 3 hours ago"),
]


@pytest.mark.parametrize(("family", "text"), PROMPTS)
def test_prompt_is_removed_at_end_and_within_the_body(family, text):
    assert at_end("en", text) == {2: family}
    assert mid_body("en", text) == {1: family}


@pytest.mark.parametrize(
    "text",
    [
        "Avisen sendte ut et nyhetsbrev til leserne i går, og mange meldte seg på.",
        "Regeringen vil også læse forslaget igen, før den stemmer om det i næste uge.",
        "Il giornale ha lanciato una nuova newsletter per gli abbonati, ha detto il direttore.",
        "Ähnliche Vorfälle hatte es im vergangenen Jahr bereits in Bremen gegeben.",
        "Popular uprisings spread to three more cities over the weekend, officials said.",
        "Die Forscher testen seit zwei Wochen die neue Impfung an Freiwilligen in Hamburg.",
        "Sign up for TSA PreCheck, a program that lets travellers keep their shoes on at security checkpoints.",
        "Each household will chip in $5 a month towards the new playground, under the plan approved on Monday.",
        "Members get unlimited access for a monthly fee of $12, about half of what rival gyms in the city charge.",
        "Residents can receive flood alerts by email or text message from the county's emergency office.",
        "Some of the fake images in the campaign were created with the help of AI, investigators found.",
        "Das Bild wurde mithilfe künstlicher Intelligenz erstellt und tausendfach geteilt.",
        "Listen to this story from the 1970s: the band recorded the album in a single afternoon.",
        "Follow-up tests on Instagram influencers found that most of them had not disclosed the payments.",
    ],
)
def test_article_sentence_is_kept(text):
    assert mid_body("en", text) == {}
    assert at_end("en", text) == {}
