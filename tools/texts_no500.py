# Texts of the error pages for requests the portal refuses (issue 11: no 500, no English framework text, for any
# input); read by tools/texts.py, which provides TEL.
T = [
 ("Error405Title", "Dit kan niet op deze pagina", "This is not possible on this page"),
 ("Error405Message", "Deze pagina kunt u alleen openen, of versturen met het formulier dat erop staat. Ga terug naar de startpagina en probeer het opnieuw.", "You can only open this page, or send it with the form on it. Go back to the start page and try again."),
]
