# Texts of the recovery codes (issue 13, section 1): the code step's alternative, the codes shown once after enrolling
# and after regenerating in the settings, the warnings when few are left, the support desk's count.
T = [
 ("RecoveryNoPhone", "Ik heb mijn telefoon niet bij me", "I do not have my phone with me"),
 ("RecoveryTitle", "Inloggen met een herstelcode - Mijn Avéro Achmea", "Log in with a recovery code - Mijn Avéro Achmea"),
 ("RecoveryHeading", "Inloggen met een herstelcode", "Log in with a recovery code"),
 ("RecoveryIntro", "Heeft u uw telefoon niet bij de hand? Vul dan een van de herstelcodes in die u kreeg toen u uw authenticator-app koppelde. Elke herstelcode werkt maar één keer.", "Don't have your phone at hand? Then enter one of the recovery codes you received when you linked your authenticator app. Each recovery code works only once."),
 ("RecoveryCodeLabel", "Herstelcode", "Recovery code"),
 ("RecoveryCodeHint", "24 tekens, bijvoorbeeld ABCD-EFGH-JKMN-PQRS-TVWX-YZ01. Hoofdletters, spaties en streepjes maken niet uit.", "24 characters, for example ABCD-EFGH-JKMN-PQRS-TVWX-YZ01. Capitals, spaces and dashes do not matter."),
 ("RecoveryCodeMissing", "Vul een herstelcode in.", "Enter a recovery code."),
 ("RecoveryCodeInvalidFormat", "Een herstelcode bestaat uit 24 letters en cijfers.", "A recovery code consists of 24 letters and digits."),
 ("RecoveryCodeWrong", "Deze herstelcode klopt niet of is al gebruikt. Controleer de code en probeer het opnieuw.", "This recovery code is not correct or was already used. Check the code and try again."),
 ("RecoveryBackToCode", "Terug naar de code uit de app", "Back to the code from the app"),
 ("RecoveryNoCodesHelp", "Heeft u geen herstelcodes meer? Bel de Supportdesk op " + TEL + ".", "No recovery codes left? Call the Supportdesk at " + TEL + "."),
 ("RecoveryUsedHeading", "U bent ingelogd met een herstelcode", "You are logged in with a recovery code"),
 ("RecoveryLeftMany", "Deze herstelcode werkt niet nog een keer. U heeft nog {0} ongebruikte herstelcodes. We hebben u hierover een e-mail gestuurd.", "This recovery code does not work a second time. You have {0} unused recovery codes left. We sent you an e-mail about this."),
 ("RecoveryLeftOne", "Deze herstelcode werkt niet nog een keer. U heeft nog 1 ongebruikte herstelcode. We hebben u hierover een e-mail gestuurd.", "This recovery code does not work a second time. You have 1 unused recovery code left. We sent you an e-mail about this."),
 ("RecoveryLeftNone", "Deze herstelcode werkt niet nog een keer. U heeft geen ongebruikte herstelcodes meer. We hebben u hierover een e-mail gestuurd.", "This recovery code does not work a second time. You have no unused recovery codes left. We sent you an e-mail about this."),
 ("RecoveryLinkNewApp", "Telefoon kwijt of een nieuwe? <a href=\"/instellingen/authenticator\">Koppel een nieuwe authenticator-app</a> met een van uw herstelcodes, en <a href=\"/instellingen/herstelcodes\">maak daarna nieuwe herstelcodes aan</a>.", "Lost your phone or got a new one? <a href=\"/instellingen/authenticator\">Link a new authenticator app</a> with one of your recovery codes, and then <a href=\"/instellingen/herstelcodes\">create new recovery codes</a>."),
 ("RecoveryContinue", "Verder naar Mijn overzicht", "Continue to My overview"),
 ("RecoveryLowWarning", "U heeft nog maar {0} ongebruikte herstelcode(s). Maak nieuwe aan via <a href=\"/instellingen/herstelcodes\">Instellingen</a>.", "You only have {0} unused recovery code(s) left. Create new ones in <a href=\"/instellingen/herstelcodes\">Settings</a>."),
 # The codes, shown once
 ("RecoveryCodesHeading", "Uw herstelcodes", "Your recovery codes"),
 ("RecoveryCodesIntro", "Bewaar deze 10 herstelcodes op een veilige plek, bijvoorbeeld uitgeprint of in een wachtwoordbeheerder. Heeft u uw telefoon niet bij u, dan logt u met één van deze codes in. Elke code werkt één keer. We laten deze codes maar één keer zien.", "Keep these 10 recovery codes in a safe place, for example printed or in a password manager. If you do not have your phone with you, you log in with one of these codes. Each code works once. We show these codes only once."),
 ("RecoveryCodesListLabel", "Herstelcodes", "Recovery codes"),
 ("RecoveryCodesDownload", "Downloaden als tekstbestand", "Download as a text file"),
 ("RecoveryCodesCopy", "Kopiëren", "Copy"),
 ("RecoveryCodesCopied", "De codes zijn gekopieerd.", "The codes have been copied."),
 ("RecoveryCodesPrint", "Afdrukken", "Print"),
 ("RecoveryCodesFileHeader", "Herstelcodes voor Mijn Avéro Achmea. Elke code werkt één keer.", "Recovery codes for Mijn Avéro Achmea. Each code works once."),
 ("EnrolledHeading", "Uw authenticator-app is gekoppeld", "Your authenticator app is linked"),
 # Settings
 ("SettingsNavRecovery", "Herstelcodes", "Recovery codes"),
 ("SettingsRecoveryTitle", "Herstelcodes - Instellingen", "Recovery codes - Settings"),
 ("SettingsRecoveryHeading", "Herstelcodes", "Recovery codes"),
 ("SettingsRecoveryCount", "U heeft nog {0} ongebruikte herstelcode(s).", "You have {0} unused recovery code(s) left."),
 ("SettingsRecoveryIntro", "Maakt u nieuwe herstelcodes aan, dan werken uw oude niet meer. Vul een nieuwe code uit uw authenticator-app in, zodat we zeker weten dat u het zelf bent.", "If you create new recovery codes, your old ones stop working. Enter a new code from your authenticator app, so we know for sure it is you."),
 ("SettingsRecoverySubmit", "Nieuwe herstelcodes aanmaken", "Create new recovery codes"),
 ("SettingsRecoveryDone", "Uw nieuwe herstelcodes staan hieronder. Uw oude herstelcodes werken niet meer.", "Your new recovery codes are below. Your old recovery codes no longer work."),
]
S = [
 ("RecoveryCodesUnused", "Ongebruikte herstelcodes", "Unused recovery codes"),
]
