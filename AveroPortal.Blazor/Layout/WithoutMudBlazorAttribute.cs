namespace AveroPortal.Blazor.Layout;

/// <summary>
/// A page that renders no MudBlazor component: App.razor gives it wwwroot/mud-subset.css (the few MudBlazor rules
/// its plain markup uses, about 2 KB compressed) instead of MudBlazor's whole stylesheet (627 KB, 67 KB gzip), so a
/// first visit stays small. Its markup writes MudBlazor's class names itself; tools/mud_subset.py lists them.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class WithoutMudBlazorAttribute : Attribute;
