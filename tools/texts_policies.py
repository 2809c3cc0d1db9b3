# Texts of issue 14's policies and enrolment part: the policies on Mijn overzicht (statuses as stored codes with a
# label each), and the link that opens the authenticator app on the phone that shows the enrolment page.
T = [
 ("OverviewPolicies", "Uw verzekeringen", "Your insurance policies"),
 ("OverviewPoliciesBusiness", "Verzekeringen van uw bedrijf", "Your company's insurance policies"),
 ("OverviewPoliciesEmpty", "Er staan geen verzekeringen op uw naam. Klopt dat niet? Neem dan contact op met uw adviseur.", "There are no insurance policies in your name. Is that wrong? Then contact your adviser."),
 ("OverviewPoliciesEmptyBusiness", "Er staan geen verzekeringen op naam van uw bedrijf. Klopt dat niet? Neem dan contact op met uw adviseur.", "There are no insurance policies in your company's name. Is that wrong? Then contact your adviser."),
 ("PolicyNumber", "Polisnummer", "Policy number"),
 ("PolicyStatus", "Status", "Status"),
 ("PolicyStartDate", "Ingangsdatum", "Start date"),
 ("PolicyStatusActive", "Actief", "Active"),
 ("PolicyStatusSuspended", "Geschorst", "Suspended"),
 ("PolicyStatusEnded", "Beëindigd", "Ended"),
 # Enrolment on the phone itself
 ("EnrollOnThisPhone", "Staat de authenticator-app op dit apparaat? Dan hoeft u niet te scannen:", "Is the authenticator app on this device? Then you do not need to scan:"),
 ("EnrollOpenInApp", "Open in uw authenticator-app", "Open in your authenticator app"),
]
