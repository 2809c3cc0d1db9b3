#!/usr/bin/env python3
"""Writes AveroPortal.Blazor/Resources/Texts.resx (Dutch) and Texts.en.resx (English) from the table below.

The table is the single place to edit customer-facing texts; run `python3 tools/texts.py` after a change.
Values may hold {0}-style placeholders and, where a page renders them as markup, simple HTML.
"""
import html, pathlib

TEL = '<a href="tel:+31582977234">058 297 72 34</a>'
T = [
 ("SkipToContent", "Naar de inhoud", "Skip to content"),
 ("MainNavigation", "Hoofdmenu", "Main menu"),
 ("NavFaq", "Veelgestelde vragen", "Frequently asked questions"),
 ("NavOverview", "Mijn overzicht", "My overview"),
 ("NavLogin", "Inloggen", "Log in"),
 ("FooterHelp", "Hulp nodig bij inloggen? Bel de Supportdesk:", "Need help logging in? Call the Supportdesk:"),
 ("HomeTitle", "Mijn Avéro Achmea", "Mijn Avéro Achmea"),
 ("HomeHeading", "Welkom bij Mijn Avéro Achmea", "Welcome to Mijn Avéro Achmea"),
 ("LoggedOut", "U bent uitgelogd.", "You have been logged out."),
 ("HomeIntro", "Bekijk uw verzekeringen en gegevens wanneer het u uitkomt. Kies hieronder het portaal dat bij u past.", "See your insurance and details whenever it suits you. Choose the portal that fits you below."),
 ("PortalPrivateName", "Mijn Avéro Achmea", "Mijn Avéro Achmea"),
 ("PortalPrivateDescription", "Voor particuliere klanten: uw gegevens, uw adviseur en uw verzekeringen op één plek.", "For private customers: your details, your adviser and your insurance in one place."),
 ("LoginPrivateButton", "Inloggen als particulier", "Log in as a private customer"),
 ("PortalBusinessName", "Mijn Avéro Achmea Bedrijven", "Mijn Avéro Achmea Bedrijven"),
 ("PortalBusinessDescription", "Voor zakelijke klanten: de gegevens van uw verzekerde bedrijf, met een eigen account per persoon.", "For business customers: your insured company's details, with a personal account for each person."),
 ("LoginBusinessButton", "Inloggen als zakelijke klant", "Log in as a business customer"),
 ("HomeHelp", "Vragen over inloggen? Bekijk de", "Questions about logging in? See the"),
 ("ErrorHelp", "Lukt het niet? Bel de Supportdesk op", "Still stuck? Call the Supportdesk at"),
 ("BackToStart", "Terug naar de startpagina", "Back to the start page"),
 ("Error404Title", "Pagina niet gevonden", "Page not found"),
 ("Error404Message", "Deze pagina bestaat niet (meer). Controleer het adres of ga terug naar de startpagina.", "This page does not exist (any more). Check the address or go back to the start page."),
 ("Error403Title", "Geen toegang", "No access"),
 ("Error403Message", "U heeft geen toegang tot deze pagina.", "You do not have access to this page."),
 ("Error429Title", "Te veel pogingen", "Too many attempts"),
 ("Error429Message", "Er zijn vanaf uw verbinding te veel inlogpogingen gedaan. Wacht een minuut en probeer het dan opnieuw.", "Too many login attempts came from your connection. Wait a minute and try again."),
 ("Error400Title", "Dit verzoek kunnen we niet verwerken", "We cannot process this request"),
 ("Error400Message", "Het formulier is verlopen of onvolledig verstuurd. Ga terug, vernieuw de pagina en probeer het opnieuw.", "The form expired or was sent incompletely. Go back, refresh the page and try again."),
 ("Error500Title", "Er ging iets mis", "Something went wrong"),
 ("Error500Message", "Er ging aan onze kant iets mis. Er is niets gewijzigd. Probeer het over een paar minuten opnieuw.", "Something went wrong on our side. Nothing was changed. Please try again in a few minutes."),
 ("OverviewTitle", "Mijn overzicht", "My overview"),
 ("OverviewHeading", "Mijn overzicht", "My overview"),
 ("Loading", "Bezig met laden", "Loading"),
 ("OverviewWelcome", "Welkom, {0}.", "Welcome, {0}."),
 ("OverviewWelcomeBusiness", "Welkom, {0}. U bent ingelogd voor {1}.", "Welcome, {0}. You are logged in for {1}."),
 ("OverviewYourData", "Uw gegevens", "Your details"),
 ("OverviewCompanyData", "Gegevens van uw bedrijf", "Your company's details"),
 ("OverviewAdviser", "Uw adviseur", "Your adviser"),
 ("OverviewAdviserIntro", "Kloppen uw gegevens niet? Uw adviseur past ze voor u aan.", "Are your details wrong? Your adviser will change them for you."),
 ("FieldName", "Naam", "Name"),
 ("FieldCustomerNumber", "Klantnummer", "Customer number"),
 ("FieldDateOfBirth", "Geboortedatum", "Date of birth"),
 ("FieldAddress", "Adres", "Address"),
 ("FieldEmail", "E-mailadres", "E-mail address"),
 ("FieldPhone", "Telefoon", "Phone"),
 ("FieldCompanyName", "Bedrijfsnaam", "Company name"),
 ("FieldKvk", "KVK-nummer", "Chamber of Commerce (KVK) number"),
 ("FieldCity", "Plaats", "City"),
 ("Logout", "Uitloggen", "Log out"),
 ("StepsLabel", "Stappen van het inloggen", "Login steps"),
 ("StepPortal", "Portaal kiezen", "Choose portal"),
 ("StepPassword", "E-mail en wachtwoord", "E-mail and password"),
 ("StepEnroll", "Authenticator-app koppelen", "Link authenticator app"),
 ("StepCode", "Code uit de app", "Code from the app"),
 ("PortalPrivateShort", "Voor particuliere klanten.", "For private customers."),
 ("PortalBusinessShort", "Voor zakelijke klanten.", "For business customers."),
 ("MethodPassword", "Inloggen met e-mail en wachtwoord", "Log in with e-mail and password"),
 ("LoginTitle", "Inloggen - Mijn Avéro Achmea", "Log in - Mijn Avéro Achmea"),
 ("LoginHeading", "Inloggen", "Log in"),
 ("PendingExpired", "Uw inlogpoging is verlopen of afgebroken. Begin hieronder opnieuw.", "Your login attempt expired or was interrupted. Please start again below."),
 ("ChoosePortal", "Kies uw portaal en hoe u wilt inloggen.", "Choose your portal and how you want to log in."),
 ("PasswordIntro", "Vul het e-mailadres en wachtwoord van uw account in.", "Enter the e-mail address and password of your account."),
 ("OtherPortalOrMethod", "Ander portaal of andere inlogmethode kiezen", "Choose another portal or login method"),
 ("EmailLabel", "E-mailadres", "E-mail address"),
 ("PasswordLabel", "Wachtwoord", "Password"),
 ("Next", "Volgende", "Next"),
 ("FixFields", "Controleer de gemarkeerde velden.", "Please check the marked fields."),
 ("EmailMissing", "Vul uw e-mailadres in.", "Enter your e-mail address."),
 ("EmailTooLong", "Dit e-mailadres is te lang (maximaal 254 tekens).", "This e-mail address is too long (at most 254 characters)."),
 ("EmailInvalid", "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.", "Enter a valid e-mail address, for example name@example.com."),
 ("PasswordMissing", "Vul uw wachtwoord in.", "Enter your password."),
 ("PasswordTooLong", "Dit wachtwoord is te lang (maximaal 128 tekens).", "This password is too long (at most 128 characters)."),
 ("ControlCharacters", "Dit veld bevat tekens die niet zijn toegestaan, zoals een tab of regeleinde.", "This field contains characters that are not allowed, such as a tab or line break."),
 ("InvalidCredentials", "Het e-mailadres of wachtwoord klopt niet. Probeer het opnieuw.", "The e-mail address or password is not correct. Please try again."),
 ("LockedOut", "Uw account is tijdelijk geblokkeerd na te veel mislukte pogingen. Probeer het na {0} uur opnieuw of bel de Supportdesk: " + TEL + ".", "Your account is temporarily locked after too many failed attempts. Try again after {0} or call the Supportdesk: " + TEL + "."),
 ("WrongPortal", "Dit account hoort bij {0}. <a href=\"{1}\">Log daar in</a>.", "This account belongs to {0}. <a href=\"{1}\">Log in there</a>."),
 ("CodeLabel", "Code van 6 cijfers", "6-digit code"),
 ("CodeHint", "U vindt de code in uw authenticator-app. De code verandert elke 30 seconden.", "You find the code in your authenticator app. It changes every 30 seconds."),
 ("CodeMissing", "Vul de code van 6 cijfers in.", "Enter the 6-digit code."),
 ("CodeInvalidFormat", "Een code bestaat uit precies 6 cijfers.", "A code consists of exactly 6 digits."),
 ("CodeWrong", "Deze code klopt niet of is al gebruikt. Wacht op de volgende code in uw app en probeer het opnieuw.", "This code is not correct or was already used. Wait for the next code in your app and try again."),
 ("EnrollTitle", "Authenticator-app koppelen - Mijn Avéro Achmea", "Link authenticator app - Mijn Avéro Achmea"),
 ("EnrollHeading", "Koppel uw authenticator-app", "Link your authenticator app"),
 ("EnrollIntro", "U logt voor het eerst in. Open uw authenticator-app (bijvoorbeeld Google Authenticator of Microsoft Authenticator) en scan de QR-code.", "This is your first login. Open your authenticator app (for example Google Authenticator or Microsoft Authenticator) and scan the QR code."),
 ("QrAlt", "QR-code om uw account aan uw authenticator-app te koppelen", "QR code to link your account to your authenticator app"),
 ("EnrollManual", "Kunt u niet scannen? Voer deze sleutel dan met de hand in:", "Cannot scan? Enter this key by hand:"),
 ("SecretKeyLabel", "Sleutel voor handmatige invoer", "Key for manual entry"),
 ("EnrollManualDetails", "Kies 'op tijd gebaseerd', 6 cijfers. Vul daarna hieronder de code uit de app in.", "Choose 'time based', 6 digits. Then enter the code from the app below."),
 ("ConfirmAndLogin", "Koppelen en inloggen", "Link and log in"),
 ("CodeTitle", "Code invullen - Mijn Avéro Achmea", "Enter code - Mijn Avéro Achmea"),
 ("CodeHeading", "Vul de code uit uw app in", "Enter the code from your app"),
 ("CodeIntro", "Open uw authenticator-app en vul de code van 6 cijfers in die bij Avéro Achmea staat.", "Open your authenticator app and enter the 6-digit code shown for Avéro Achmea."),
 ("Login", "Inloggen", "Log in"),
 ("LostAuthenticator", "App kwijt of een nieuwe telefoon? Bel de Supportdesk op " + TEL + ". Wij ontkoppelen uw account, daarna scant u een nieuwe QR-code.", "Lost your app or got a new phone? Call the Supportdesk at " + TEL + ". We unlink your account, then you scan a new QR code."),
]

HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''

def write(path, column):
    keys = set()
    out = [HEADER]
    for row in T:
        assert row[0] not in keys, row[0]
        keys.add(row[0])
        out.append(f'  <data name="{row[0]}" xml:space="preserve"><value>{html.escape(row[column], quote=False)}</value></data>\n')
    out.append('</root>\n')
    pathlib.Path(path).write_text(''.join(out), encoding='utf-8')

root = pathlib.Path(__file__).resolve().parent.parent / 'AveroPortal.Blazor' / 'Resources'
write(root / 'Texts.resx', 1)
write(root / 'Texts.en.resx', 2)
print(f'{len(T)} texts written')
