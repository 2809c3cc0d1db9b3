using System.Globalization;
using Bunit;

namespace AveroPortal.Tests.Infrastructure;

/// <summary>Base class for component tests: the test services, in Dutch as the portal starts.</summary>
public abstract class BunitTest : BunitContext
{
    protected BunitTest()
    {
        UseCulture("nl-NL");
        this.AddTestServices();
    }

    /// <summary>The texts follow CurrentUICulture, as the request localization middleware sets it in the portal.</summary>
    protected static void UseCulture(string name)
    {
        var culture = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }
}
