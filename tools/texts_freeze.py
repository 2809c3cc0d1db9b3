# Texts of "Dit was ik niet" (the freeze link in every security mail), the frozen answer of the login and the
# Supportdesk's frozen accounts; read by tools/texts.py, which provides TEL.
T = [
 ("FreezeTitle", "Dit was ik niet - Mijn Avéro Achmea", "This was not me - Mijn Avéro Achmea"),
 ("FreezeHeading", "Dit was ik niet", "This was not me"),
 ("FreezeIntro", "Heeft u de wijziging uit onze e-mail niet zelf gedaan? Blokkeer dan uw account. Overal waar iemand met uw account is ingelogd, wordt hij meteen uitgelogd, en niemand kan nog inloggen, u ook niet. Bel daarna de Supportdesk op " + TEL + "; die controleert wie u bent en helpt u weer veilig in te loggen.", "Did you not make the change from our e-mail yourself? Then block your account. Wherever someone is logged in with your account, they are logged out at once, and nobody can log in any more, you included. Then call the Supportdesk at " + TEL + "; they check who you are and help you log in safely again."),
 ("FreezeSubmit", "Blokkeer mijn account", "Block my account"),
 ("FreezeNotYet", "Er is nog niets gebeurd: uw account wordt pas geblokkeerd als u op de knop klikt.", "Nothing has happened yet: your account is only blocked when you click the button."),
 ("FreezeDone", "Uw account is geblokkeerd. Iedereen die met uw account was ingelogd, is uitgelogd, en niemand kan nog inloggen. Bel de Supportdesk op " + TEL + " om uw account weer te laten openen.", "Your account has been blocked. Everyone who was logged in with your account has been logged out, and nobody can log in any more. Call the Supportdesk at " + TEL + " to have your account opened again."),
 ("FreezeLinkInvalid", "Deze link werkt niet (meer): hij is al gebruikt, verlopen of onjuist. Er is niets gewijzigd. Vertrouwt u het niet? Bel de Supportdesk op " + TEL + ".", "This link does not work (any more): it has been used, has expired or is not correct. Nothing was changed. Do you not trust it? Call the Supportdesk at " + TEL + "."),
 ("AccountFrozen", "Uw account is geblokkeerd, omdat via de link \"Dit was ik niet\" uit een van onze e-mails is gemeld dat iemand anders uw inloggegevens heeft gewijzigd. Bel de Supportdesk op " + TEL + " om uw account weer te laten openen.", "Your account has been blocked, because the link \"This was not me\" in one of our e-mails reported that someone else changed your login details. Call the Supportdesk at " + TEL + " to have your account opened again."),
]
S = [
 ("NavFrozen", "Geblokkeerde accounts", "Blocked accounts"),
 ("FrozenTitle", "Geblokkeerde accounts", "Blocked accounts"),
 ("FrozenIntro", "Accounts die de klant zelf heeft geblokkeerd met de link \"Dit was ik niet\" uit een e-mail. Open het account, controleer wie u aan de lijn heeft en hef de blokkade op.", "Accounts the customer blocked with the link \"This was not me\" in an e-mail. Open the account, check who you are talking to and lift the block."),
 ("FrozenNone", "Er zijn geen geblokkeerde accounts.", "There are no blocked accounts."),
 ("ColFrozenAt", "Geblokkeerd op", "Blocked at"),
 ("ColFrozenReason", "Uit de e-mail", "From the e-mail"),
 ("FrozenLabel", "Blokkade door de klant", "Block by the customer"),
 ("FrozenSince", "Geblokkeerd door de klant op {0} ({1})", "Blocked by the customer at {0} ({1})"),
 ("NotFrozen", "Niet geblokkeerd", "Not blocked"),
 ("Unfreeze", "Blokkade opheffen", "Lift block"),
 ("UnfreezeTitle", "Blokkade opheffen", "Lift block"),
 ("UnfreezeExplanation", "De klant heeft dit account geblokkeerd met \"Dit was ik niet\". Hef de blokkade pas op als u zeker weet dat u de klant zelf spreekt, en noteer hoe u dat heeft gecontroleerd. Ontkoppel zo nodig ook de authenticator-app.", "The customer blocked this account with \"This was not me\". Only lift the block once you are sure you are talking to the customer, and note how you checked that. Unlink the authenticator app too if needed."),
 ("UnfreezeConfirm", "Opheffen", "Lift"),
 ("UnfreezeDone", "De blokkade is opgeheven. De klant kan weer inloggen.", "The block has been lifted. The customer can log in again."),
 ("UnfreezeNothing", "Dit account was niet geblokkeerd; er is niets gewijzigd.", "This account was not blocked; nothing was changed."),
]
