using Microsoft.Playwright;

namespace AveroPortal.Tests.Infrastructure;

/// <summary>
/// Moves focus only as a keyboard user can: Tab and the arrow keys, never a click or a focus() call. The
/// target is only read (is it the focused element?), so a control that Tab can not reach fails the test.
/// </summary>
internal static class KeyboardOnly
{
    /// <summary>More than any page of the portal has focus stops before its last control.</summary>
    private const int MaxPresses = 60;

    private const string IsFocused = "el => el === document.activeElement";

    public static Task TabToAsync(this IPage page, ILocator target) => PressUntilFocusedAsync(page, target, "Tab");

    /// <summary>Within a radio group (focus already on one of its radios): the arrow moves focus and checks.</summary>
    public static Task ArrowDownToAsync(this IPage page, ILocator target) => PressUntilFocusedAsync(page, target, "ArrowDown");

    /// <summary>Tabs to <paramref name="target"/> and types <paramref name="text"/> into it.</summary>
    public static async Task TabAndTypeAsync(this IPage page, ILocator target, string text)
    {
        await page.TabToAsync(target);
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Tabs to <paramref name="target"/> (a link or a button) and presses Enter on it.</summary>
    public static async Task TabAndEnterAsync(this IPage page, ILocator target)
    {
        await page.TabToAsync(target);
        await page.Keyboard.PressAsync("Enter");
    }

    private static async Task PressUntilFocusedAsync(IPage page, ILocator target, string key)
    {
        // Waits for the target to be there (a page still loading, a dialog opening) before the first key.
        await target.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        if (await target.EvaluateAsync<bool>(IsFocused))
        {
            return;
        }

        for (var i = 0; i < MaxPresses; i++)
        {
            await page.Keyboard.PressAsync(key);
            if (await target.EvaluateAsync<bool>(IsFocused))
            {
                return;
            }
        }

        var focused = await page.EvaluateAsync<string>("() => (document.activeElement?.outerHTML ?? 'nothing').slice(0, 200)");
        Assert.Fail($"{key} x {MaxPresses} on {page.Url} never reached {target}; focus ended on {focused}");
    }
}
