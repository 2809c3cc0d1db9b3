# The "te druk" page (issue 16): every turn at the password hasher stayed taken for the whole wait, so the request was
# turned away (503 with Retry-After) before anything was counted or stored; read by tools/texts.py.
T = [
 ("Error503Title", "Het is nu te druk", "It is too busy right now"),
 ("Error503Message", "Er melden zich op dit moment erg veel mensen tegelijk aan. Er is niets gewijzigd en er is geen poging meegeteld. Wacht een paar seconden en probeer het dan opnieuw.", "A great many people are logging in at this moment. Nothing was changed and no attempt was counted. Wait a few seconds and try again."),
]
