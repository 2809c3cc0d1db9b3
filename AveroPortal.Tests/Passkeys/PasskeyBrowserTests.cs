using Microsoft.Playwright;

namespace AveroPortal.Tests.Passkeys;

/// <summary>
/// The portal on <c>http://localhost:&lt;port&gt;</c> (WebAuthn needs a secure context and a domain as relying-party ID),
/// with relying-party ID "localhost", for the passkey browser tests: one portal and one Chromium for the class.
/// </summary>
public sealed class PasskeyPortal : IAsyncLifetime
{
    public BrowserFixture Browser { get; private set; } = default!;

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        Port = PortalFactory.FreePort();
        Browser = new BrowserFixture(new PortalFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Avero:PublicBaseUrl"] = $"http://localhost:{Port}/",
                ["Avero:Passkeys:RelyingPartyId"] = "localhost",
                ["Avero:Passkeys:Origins"] = $"http://localhost:{Port}",
            },
        }, Port, host: "localhost");
        await Browser.InitializeAsync();
    }

    public Task DisposeAsync() => Browser.DisposeAsync();
}

/// <summary>
/// Passkeys end to end in Chromium's own WebAuthn stack, with its virtual authenticator (<see cref="VirtualAuthenticator"/>,
/// through the DevTools protocol) in place of a phone: every browser context is a device of its own, and a
/// credential moves to another device by copying it there (what a synced passkey, or a clone, is).
/// </summary>
public sealed class PasskeyBrowserTests(PasskeyPortal portal) : IClassFixture<PasskeyPortal>, IAsyncLifetime
{
    // A ceremony, the form post and Fido2's check after it, on a machine the other tests share.
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 15_000 };

    private BrowserFixture Browser => portal.Browser;

    public Task InitializeAsync() => Task.CompletedTask;

    // The shared browser checks the Content-Security-Policy after every test, not only at the end.
    public Task DisposeAsync() => Browser.ExpectNoContentSecurityViolationsAsync();

    [Fact]
    public async Task PasskeyAddedInTheSettingsConfirmsTheLoginAfterThePasswordAndLogsInWithoutOne()
    {
        var (account, app, _, phone) = await AccountWithPasskeyAsync("Telefoon van Tessa");
        var credential = Assert.Single(await phone.CredentialsAsync());
        Assert.Equal("localhost", credential.RpId);
        Assert.True(credential.IsResidentCredential);

        // A security key without discoverable credentials: only the code step's list of the account's passkeys finds it,
        // so the e-mail field's autofill has nothing to offer and the password is typed.
        var (laptop, key) = await DeviceAsync(residentKeys: false);
        await key.AddAsync(credential with { IsResidentCredential = false });
        await PasswordStepAsync(laptop, account);
        var confirm = laptop.GetByRole(AriaRole.Button, new() { Name = "Bevestigen met uw passkey" });
        await Assertions.Expect(confirm).ToBeVisibleAsync();
        await Assertions.Expect(laptop.GetByTestId("passkey-unsupported").First).ToBeHiddenAsync();
        // Offered first: above the authenticator code.
        Assert.True((await confirm.BoundingBoxAsync())!.Y < (await laptop.GetByLabel("Code van 6 cijfers").BoundingBoxAsync())!.Y);
        await laptop.ExpectAccessibleAsync();
        await confirm.ClickAsync();
        await laptop.WaitForURLAsync("**/mijn-overzicht");

        // Passwordless on a third device that holds the passkey as a discoverable credential: the e-mail field's
        // autofill (conditional mediation) offers it, and picking it logs in.
        // Each copy carries on from the last device's signature counter: one that lags behind is a clone (see below).
        var (tablet, tabletAuthenticator) = await DeviceAsync();
        // (A non-discoverable credential keeps no user handle; the original has it.)
        await tabletAuthenticator.AddAsync(credential with { SignCount = Assert.Single(await key.CredentialsAsync()).SignCount });
        // (The field's autocomplete="username webauthn" is checked in PasskeyFormsTests: here the login is over too soon.)
        await tablet.GotoAsync(account.LoginPath);
        await tablet.WaitForURLAsync("**/mijn-overzicht");

        // And with the button, on a device whose browser has no autofill.
        var (desktop, desktopAuthenticator) = await DeviceAsync(autofill: false);
        await desktopAuthenticator.AddAsync(Assert.Single(await tabletAuthenticator.CredentialsAsync()));
        await PasswordlessAsync(desktop, account);
        await desktop.WaitForURLAsync("**/mijn-overzicht");

        // The last use shows in the settings.
        await tablet.GotoAsync("/instellingen/passkeys");
        await Assertions.Expect(tablet.GetByTestId("passkey-row")).ToContainTextAsync("Laatst gebruikt op");

        // Without JavaScript the code step explains, and the code still logs in.
        var plain = await Browser.Browser.NewContextAsync(new() { BaseURL = Browser.BaseUrl.ToString(), Locale = "nl-NL", JavaScriptEnabled = false });
        var noScript = await plain.NewPageAsync();
        await PasswordStepAsync(noScript, account);
        await Assertions.Expect(noScript.GetByRole(AriaRole.Button, new() { Name = "Bevestigen met uw passkey" })).ToBeHiddenAsync();
        await Assertions.Expect(noScript.GetByTestId("passkey-unsupported")).ToContainTextAsync("Gebruik de code uit uw authenticator-app");
        await noScript.GetByLabel("Code van 6 cijfers").FillAsync(await app.NextCodeAsync());
        await noScript.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await noScript.WaitForURLAsync("**/mijn-overzicht");
        await plain.CloseAsync();
    }

    [Fact]
    public async Task RemovedPasskeyIsRefused()
    {
        var (account, _, settings, phone) = await AccountWithPasskeyAsync("Oude telefoon");
        var credential = Assert.Single(await phone.CredentialsAsync());

        // Removed in the settings (still inside the re-authentication of the registration).
        await settings.GetByRole(AriaRole.Link, new() { Name = "Passkey Oude telefoon verwijderen" }).ClickAsync();
        await settings.GetByTestId("passkey-remove-form").GetByRole(AriaRole.Button, new() { Name = "Verwijderen" }).ClickAsync();
        await Assertions.Expect(settings.GetByRole(AriaRole.Status)).ToContainTextAsync("De passkey is verwijderd.", Slow);
        await Assertions.Expect(settings.GetByTestId("passkeys-none")).ToBeVisibleAsync();
        await settings.ExpectAccessibleAsync();

        // The device still holds it; the portal no longer knows it.
        var (device, authenticator) = await DeviceAsync(autofill: false);
        await authenticator.AddAsync(credential);
        await PasswordlessAsync(device, account);
        await Assertions.Expect(device.GetByTestId("passkey-error")).ToContainTextAsync("Deze passkey is niet (meer) bekend", Slow);
        Assert.EndsWith("/inloggen/particulier", new Uri(device.Url).AbsolutePath, StringComparison.Ordinal);
        await device.GotoAsync("/mijn-overzicht");
        await device.WaitForURLAsync("**/inloggen?ReturnUrl=*");
    }

    [Fact]
    public async Task CredentialWhoseCounterWentBackIsRefusedWithTheSupportdeskMessage()
    {
        var (account, _, settings, phone) = await AccountWithPasskeyAsync("Gekloonde sleutel");
        var original = Assert.Single(await phone.CredentialsAsync());

        // One real login moves the stored counter on.
        var (device, authenticator) = await DeviceAsync(autofill: false);
        await authenticator.AddAsync(original);
        await PasswordlessAsync(device, account);
        await device.WaitForURLAsync("**/mijn-overzicht");
        var used = Assert.Single(await authenticator.CredentialsAsync());
        Assert.True(used.SignCount > 0);

        // A copy made before that login: its counter is behind the portal's.
        var (clone, cloneAuthenticator) = await DeviceAsync(autofill: false);
        await cloneAuthenticator.AddAsync(used with { SignCount = 0 });
        await PasswordlessAsync(clone, account);
        await Assertions.Expect(clone.GetByTestId("passkey-error")).ToContainTextAsync("neem contact op met de Supportdesk", new() { IgnoreCase = true, Timeout = Slow.Timeout });
        await clone.ExpectAccessibleAsync();
        await clone.GotoAsync("/mijn-overzicht");
        await clone.WaitForURLAsync("**/inloggen?ReturnUrl=*");

        // The customer's own settings say so too.
        await settings.GotoAsync("/instellingen/passkeys");
        await Assertions.Expect(settings.GetByTestId("passkey-cloned")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task PageOnAnotherOriginCannotUseTheCredential()
    {
        var (_, _, _, phone) = await AccountWithPasskeyAsync("Alleen voor localhost");
        var credential = Assert.Single(await phone.CredentialsAsync());

        // The same portal by its IP address: not the relying party's domain, so the browser refuses before anything is signed.
        var elsewhere = await Browser.Browser.NewContextAsync(new() { BaseURL = $"http://127.0.0.1:{portal.Port}/", Locale = "nl-NL" });
        var page = await elsewhere.NewPageAsync();
        var authenticator = await VirtualAuthenticator.AttachAsync(page);
        await authenticator.AddAsync(credential);
        await page.GotoAsync("/inloggen/particulier");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen met een passkey" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("passkey-status")).ToHaveTextAsync(
            "Passkeys werken alleen op het eigen adres van Mijn Avéro Achmea. Controleer het adres in de adresbalk.", new() { Timeout = Slow.Timeout });
        Assert.Equal(credential.SignCount, Assert.Single(await authenticator.CredentialsAsync()).SignCount);
        await page.GotoAsync("/mijn-overzicht");
        await page.WaitForURLAsync("**/inloggen?ReturnUrl=*");
        await elsewhere.CloseAsync();
    }

    /// <summary>A new account, logged in with password and code on a device with a virtual authenticator, with one passkey added there.</summary>
    private async Task<(TestAccount Account, AuthenticatorApp App, IPage Settings, VirtualAuthenticator Phone)> AccountWithPasskeyAsync(string name)
    {
        var account = await Browser.Portal.CreateAccountAsync();
        var app = new AuthenticatorApp(account.Secret!);
        var (page, phone) = await DeviceAsync();
        await PasswordStepAsync(page, account);
        await page.GetByLabel("Code van 6 cijfers").FillAsync(await app.NextCodeAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await page.WaitForURLAsync("**/mijn-overzicht");

        await page.GotoAsync("/instellingen");
        await page.GetByTestId("settings-nav").GetByRole(AriaRole.Link, new() { Name = "Passkeys" }).ClickAsync();
        await page.WaitForURLAsync("**/instellingen/passkeys");
        await Assertions.Expect(page.GetByTestId("passkeys-none")).ToBeVisibleAsync();
        await page.GetByLabel("Code van 6 cijfers").FillAsync(await app.NextCodeAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Bevestigen" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("passkey-proof")).ToBeVisibleAsync();
        await page.GetByLabel("Naam van de passkey").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Passkey toevoegen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Uw passkey is toegevoegd.", Slow);
        await Assertions.Expect(page.GetByTestId("passkey-row")).ToContainTextAsync(name);
        await Assertions.Expect(page.GetByTestId("passkey-row")).ToContainTextAsync("Nog niet gebruikt");
        await page.ExpectAccessibleAsync();
        return (account, app, page, phone);
    }

    /// <param name="autofill">
    /// False for a browser without passkey autofill (conditional mediation): the customer presses "Inloggen met een
    /// passkey". Chromium's virtual authenticator answers an autofill request at once, as if the customer picked the passkey.
    /// </param>
    private async Task<(IPage Page, VirtualAuthenticator Authenticator)> DeviceAsync(bool residentKeys = true, bool autofill = true)
    {
        var page = await Browser.NewPageAsync();
        if (!autofill)
        {
            await page.AddInitScriptAsync("window.PublicKeyCredential && (PublicKeyCredential.isConditionalMediationAvailable = async () => false);");
        }

        return (page, await VirtualAuthenticator.AttachAsync(page, residentKeys));
    }

    private static async Task PasswordStepAsync(IPage page, TestAccount account)
    {
        await page.GotoAsync(account.LoginPath);
        await page.GetByLabel("E-mailadres").FillAsync(account.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await page.WaitForURLAsync("**/inloggen/code");
    }

    /// <summary>"Inloggen met een passkey" on the login page, on a device without autofill.</summary>
    private static async Task PasswordlessAsync(IPage page, TestAccount account)
    {
        await page.GotoAsync(account.LoginPath);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen met een passkey" }).ClickAsync();
    }
}
