# Texts of the account-oracle fixes (issue 11, point 7); read by tools/texts.py, which provides TEL.
T = [
 # /collegas: only an account of the inviter's own company gets its own answer; the list on the page shows those
 # anyway. Any other address is invited (its holder gets a notice instead of a link), so nothing is revealed.
 ("ColleaguesAlreadyColleague", "Dit e-mailadres hoort al bij een account van uw bedrijf; het staat in de lijst van accounts op deze pagina. Er is geen uitnodiging verstuurd.", "This e-mail address already belongs to an account of your company; it is in the list of accounts on this page. No invitation was sent."),
]
