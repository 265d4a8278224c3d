using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Settings;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>What a page shows, in one line for a stop reason: its address and title, the dashboard's status and login control, and the start of its text.</summary>
public static partial class PageView
{
    public static async Task<string> DescribeAsync(IPage page, DashboardSelectors? dashboard = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        try
        {
            var parts = new List<string> { await LoginPages.TitleAsync(page) };
            if (dashboard is not null)
            {
                parts.Add(await ShownAsync(page, dashboard.Status) is { } status ? $"{dashboard.Status} shows '{Steps.Excerpt(status, 80)}'" : $"no {dashboard.Status}");
                if (await ShownAsync(page, dashboard.Login) is { } login)
                {
                    parts.Add($"its login control '{Steps.Excerpt(login, 40)}' is showing");
                }
            }

            var text = Whitespace().Replace(await page.Locator("body").InnerTextAsync(new LocatorInnerTextOptions { Timeout = 2000 }), " ").Trim();
            parts.Add(text.Length == 0 ? "no text" : $"text: \"{Steps.Excerpt(text, 160)}\"");
            return "the page is " + string.Join(", ", parts);
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            return $"the page is {page.Url}";
        }
    }

    private static async Task<string?> ShownAsync(IPage page, string selector)
    {
        var element = page.Locator(selector).First;
        return await element.IsVisibleAsync() ? (await element.InnerTextAsync(new LocatorInnerTextOptions { Timeout = 2000 })).Trim() : null;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
