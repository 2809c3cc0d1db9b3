# Texts of issue 15 for the Supportdesk: an account's passkeys on the customer page and their removal. Never key
# material: name, dates and the "possibly cloned" warning only.
S = [
 ("PasskeysHeading", "Passkeys", "Passkeys"),
 ("PasskeysNone", "Geen passkeys.", "No passkeys."),
 ("PasskeysCaption", "Passkeys van dit account", "Passkeys of this account"),
 ("ColPasskeyName", "Naam", "Name"),
 ("ColPasskeyCreated", "Toegevoegd", "Added"),
 ("ColPasskeyLastUsed", "Laatst gebruikt", "Last used"),
 ("ColPasskeyAction", "Actie", "Action"),
 ("PasskeyNeverUsed", "nog niet", "not yet"),
 ("PasskeyCloned", "Mogelijk gekloond: de teller ging terug en inloggen met deze passkey wordt geweigerd. Verwijder hem na overleg met de klant.", "Possibly cloned: the counter went back and logging in with this passkey is refused. Remove it after talking to the customer."),
 ("PasskeyClonedShort", "mogelijk gekloond", "possibly cloned"),
 ("RemovePasskey", "Verwijderen", "Remove"),
 ("RemovePasskeyLabel", "Passkey {0} verwijderen", "Remove passkey {0}"),
 ("RemovePasskeyTitle", "Passkey verwijderen", "Remove passkey"),
 ("RemovePasskeyExplanation", "De passkey \"{0}\" werkt daarna niet meer, ook niet op andere apparaten waarmee hij gedeeld is. De klant logt in met wachtwoord en authenticator-app of een andere passkey, en krijgt hierover een e-mail.", "The passkey \"{0}\" stops working, also on other devices it is shared with. The customer logs in with password and authenticator app or another passkey, and gets an e-mail about this."),
 ("RemovePasskeyConfirm", "Verwijderen", "Remove"),
 ("RemovePasskeyDone", "De passkey is verwijderd en de klant is per e-mail ingelicht.", "The passkey was removed and the customer was told by e-mail."),
 ("RemovePasskeyNothing", "Deze passkey was al verwijderd.", "This passkey was already removed."),
]
