# Texts of "Wachtwoord vergeten?" (the request, the answer, the link's factor and password steps, the done page);
# read by tools/texts.py, which provides TEL. The code, password-rule and lockout messages are the login's own
# (CodeLabel, CodeHint, CodeWrong, PasswordRulesHint, PasswordTooShort, LockedOut, ...).
T = [
 ("ResetForgotLink", "Wachtwoord vergeten?", "Forgot your password?"),
 ("ResetRequestTitle", "Wachtwoord vergeten - Mijn Avéro Achmea", "Forgot password - Mijn Avéro Achmea"),
 ("ResetRequestHeading", "Wachtwoord vergeten", "Forgot password"),
 ("ResetRequestIntro", "Vul het e-mailadres van uw account in. Wij sturen u een link waarmee u een nieuw wachtwoord instelt. Heeft u een authenticator-app gekoppeld, dan vragen we daarna ook een code uit die app.", "Enter the e-mail address of your account. We will send you a link to set a new password. If you linked an authenticator app, we will also ask for a code from that app."),
 ("ResetRequestSubmit", "Link versturen", "Send link"),
 ("ResetBackToLogin", "Terug naar inloggen", "Back to log in"),
 ("ResetNotAvailable", "Een nieuw wachtwoord aanvragen kan op dit moment niet online. Bel de Supportdesk op " + TEL + ".", "Requesting a new password online is not possible at the moment. Call the Supportdesk at " + TEL + "."),
 ("ResetSentTitle", "Controleer uw e-mail - Mijn Avéro Achmea", "Check your e-mail - Mijn Avéro Achmea"),
 ("ResetSentHeading", "Controleer uw e-mail", "Check your e-mail"),
 ("ResetSentText", "Als er bij dit e-mailadres een account hoort, sturen we u binnen een paar minuten een e-mail met een link. De link is 30 minuten geldig en werkt maar één keer. Geen e-mail ontvangen? Kijk ook in uw map met ongewenste e-mail, of bel de Supportdesk op " + TEL + ".", "If there is an account with this e-mail address, we will send you an e-mail with a link within a few minutes. The link is valid for 30 minutes and works only once. No e-mail? Also check your junk mail folder, or call the Supportdesk at " + TEL + "."),
 ("ResetTitle", "Nieuw wachtwoord instellen - Mijn Avéro Achmea", "Set a new password - Mijn Avéro Achmea"),
 ("ResetHeading", "Nieuw wachtwoord instellen", "Set a new password"),
 ("ResetFactorIntro", "Vul eerst een code uit uw authenticator-app in. Zo weten we zeker dat u het zelf bent, ook als iemand anders uw e-mail kan lezen.", "First enter a code from your authenticator app. That way we know for sure it is you, even if someone else can read your e-mail."),
 ("ResetFactorSubmit", "Code controleren", "Check code"),
 ("ResetNoAuthenticator", "Uw authenticator-app kwijt? Bel de Supportdesk op " + TEL + ".", "Lost your authenticator app? Call the Supportdesk at " + TEL + "."),
 ("ResetPasswordIntro", "Kies een nieuw wachtwoord. Daarna logt u opnieuw in; u bent dan overal uitgelogd.", "Choose a new password. Then you log in again; you will be signed out everywhere."),
 ("ResetPasswordSubmit", "Wachtwoord opslaan", "Save password"),
 ("ResetLinkUnknown", "Deze link is niet geldig. Controleer of u de hele link uit de e-mail heeft gebruikt, of <a href=\"/inloggen\">vraag een nieuwe link aan</a> via \"Wachtwoord vergeten?\".", "This link is not valid. Check that you used the whole link from the e-mail, or <a href=\"/inloggen\">request a new link</a> through \"Forgot your password?\"."),
 ("ResetLinkExpired", "Deze link is verlopen: een link is 30 minuten geldig. <a href=\"/inloggen\">Vraag een nieuwe link aan</a> via \"Wachtwoord vergeten?\".", "This link has expired: a link is valid for 30 minutes. <a href=\"/inloggen\">Request a new link</a> through \"Forgot your password?\"."),
 ("ResetLinkUsed", "Deze link is al gebruikt of is niet meer geldig. U kunt <a href=\"/inloggen\">inloggen</a> of een nieuwe link aanvragen via \"Wachtwoord vergeten?\".", "This link has already been used or is no longer valid. You can <a href=\"/inloggen\">log in</a> or request a new link through \"Forgot your password?\"."),
 ("ResetDoneTitle", "Wachtwoord ingesteld - Mijn Avéro Achmea", "Password set - Mijn Avéro Achmea"),
 ("ResetDoneHeading", "Uw nieuwe wachtwoord is ingesteld", "Your new password has been set"),
 ("ResetDoneText", "U bent overal uitgelogd. Log opnieuw in met uw nieuwe wachtwoord. We hebben u hierover ook een e-mail gestuurd.", "You have been signed out everywhere. Log in again with your new password. We also sent you an e-mail about this."),
 ("ResetDoneLogin", "Naar inloggen", "Go to log in"),
]
