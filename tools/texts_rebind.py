# Texts of re-binding a lost authenticator with iDIN (issue 13, section 3): the code step's link, the explanation with
# the bank choice, and the pages for a refusal and a cancel (both point to the Supportdesk).
T = [
 ("RebindLink", "Authenticator-app kwijt of nieuwe telefoon?", "Lost your authenticator app or got a new phone?"),
 ("RebindTitle", "Authenticator-app kwijt - Mijn Avéro Achmea", "Lost authenticator app - Mijn Avéro Achmea"),
 ("RebindHeading", "Authenticator-app kwijt of nieuwe telefoon?", "Lost your authenticator app or got a new phone?"),
 ("RebindIntro", "U kunt zelf een nieuwe authenticator-app koppelen. Daarvoor bevestigt u met iDIN bij uw bank wie u bent. Zo gaat het:", "You can link a new authenticator app yourself. To do so, you confirm who you are with iDIN at your bank. This is how it works:"),
 ("RebindStepBank", "U logt in bij uw bank. Uw bank geeft ons uw naam, geboortedatum en adres.", "You log in at your bank. Your bank gives us your name, date of birth and address."),
 ("RebindStepCheck", "Wij controleren of die gegevens horen bij de klant van dit account.", "We check that these details belong to the customer of this account."),
 ("RebindStepUnlink", "Klopt dat, dan koppelen we uw oude authenticator-app los en wordt u overal uitgelogd. Uw oude herstelcodes werken dan niet meer.", "If they do, we unlink your old authenticator app and log you out everywhere. Your old recovery codes then stop working."),
 ("RebindStepEnroll", "Daarna scant u meteen een nieuwe QR-code met uw nieuwe app en krijgt u nieuwe herstelcodes. We sturen u een e-mail.", "Then you scan a new QR code with your new app straight away and get new recovery codes. We send you an e-mail."),
 ("RebindBackToCode", "Terug naar de code uit de app", "Back to the code from the app"),
 ("RebindUseRecoveryCode", "Inloggen met een herstelcode", "Log in with a recovery code"),
 ("RebindNotForBusiness", "Voor een zakelijk account kan dit niet met iDIN: iDIN bevestigt wie u bent, niet dat u namens een bedrijf mag handelen. Log in met een herstelcode of bel de Supportdesk op " + TEL + ". Wij ontkoppelen uw account, daarna scant u een nieuwe QR-code.", "For a business account this is not possible with iDIN: iDIN confirms who you are, not that you may act for a company. Log in with a recovery code or call the Supportdesk at " + TEL + ". We unlink your account, then you scan a new QR code."),
 ("RebindNotOffered", "Bevestigen met iDIN is nu niet beschikbaar. Log in met een herstelcode of bel de Supportdesk op " + TEL + ".", "Confirming with iDIN is not available right now. Log in with a recovery code or call the Supportdesk at " + TEL + "."),
 ("RebindRefusedTitle", "Niet gelukt - Mijn Avéro Achmea", "Not possible - Mijn Avéro Achmea"),
 ("RebindRefusedHeading", "We kunnen uw authenticator-app zo niet opnieuw koppelen", "We can not link your authenticator app again this way"),
 ("RebindRefused", "De gegevens van uw bank horen niet bij de klant van dit account, of komen niet helemaal overeen met wat wij van u weten. Er is niets veranderd aan uw account.", "The details from your bank do not belong to the customer of this account, or do not fully match what we know about you. Nothing has changed on your account."),
 ("RebindCancelledTitle", "Afgebroken - Mijn Avéro Achmea", "Cancelled - Mijn Avéro Achmea"),
 ("RebindCancelledHeading", "Bevestigen met iDIN is niet afgerond", "Confirming with iDIN was not completed"),
 ("RebindCancelled", "U heeft het bevestigen bij uw bank afgebroken, of het is niet gelukt. Er is niets veranderd aan uw account.", "You cancelled the confirmation at your bank, or it did not work. Nothing has changed on your account."),
 ("RebindTryAgain", "Opnieuw proberen", "Try again"),
 ("RebindSupport", "Komt u er niet uit? Bel de Supportdesk op " + TEL + ". Wij helpen u weer veilig in te loggen.", "Can't work it out? Call the Supportdesk at " + TEL + ". We help you log in safely again."),
]
S = [
]
