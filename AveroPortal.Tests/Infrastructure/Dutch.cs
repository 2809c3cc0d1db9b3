namespace AveroPortal.Tests.Infrastructure;

/// <summary>The Dutch texts the tests expect, as the customer reads them (Resources/Texts.resx).</summary>
internal static class Dutch
{
    public const string InvalidCredentials = "Het e-mailadres of wachtwoord klopt niet. Probeer het opnieuw.";
    public const string Locked = "Uw account is tijdelijk geblokkeerd na te veel mislukte pogingen.";
    public const string Supportdesk = "058 297 72 34";
    public const string FixFields = "Controleer de gemarkeerde velden.";
    public const string EmailMissing = "Vul uw e-mailadres in.";
    public const string EmailTooLong = "Dit e-mailadres is te lang (maximaal 254 tekens).";
    public const string EmailInvalid = "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.";
    public const string PasswordMissing = "Vul uw wachtwoord in.";
    public const string PasswordTooLong = "Dit wachtwoord is te lang (maximaal 128 tekens).";
    public const string ControlCharacters = "Dit veld bevat tekens die niet zijn toegestaan, zoals een tab of regeleinde.";
    public const string CodeMissing = "Vul de code van 6 cijfers in.";
    public const string CodeInvalidFormat = "Een code bestaat uit precies 6 cijfers.";
    public const string CodeWrong = "Deze code klopt niet of is al gebruikt. Wacht op de volgende code in uw app en probeer het opnieuw.";
    public const string WrongPortalBusiness = "Dit account hoort bij Mijn Avéro Achmea Bedrijven.";
    public const string NotFoundTitle = "Pagina niet gevonden";
    public const string ServerErrorTitle = "Er ging iets mis";
    public const string BadRequestTitle = "Dit verzoek kunnen we niet verwerken";
    public const string MethodNotAllowedTitle = "Dit kan niet op deze pagina";
    public const string TooManyTitle = "Te veel pogingen";
    public const string OverviewWelcome = "Welkom, Tessa.";
}
