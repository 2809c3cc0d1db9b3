# Texts of the single-use pending login (issue 11 point 1); read by tools/texts.py, which provides TEL.
T = [
 ("PendingLoginGone", "Deze inlogpoging is verlopen, al gebruikt of beëindigd (bijvoorbeeld door uit te loggen). Vul uw e-mailadres en wachtwoord opnieuw in.", "This login attempt has expired, was already used or was ended (for example by logging out). Please enter your e-mail address and password again."),
]
