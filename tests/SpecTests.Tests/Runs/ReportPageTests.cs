using FluentAssertions;
using Microsoft.Playwright;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Checks;

namespace PbenchAuthSpec.SpecTests.Tests.Runs;

/// <summary>
/// report.html of a run with defects, in Chromium at 1280 px, as a person reads it: it opens on
/// the list of what failed or warned (each with its cause and fix, linking to its step), shows all
/// four lifelines, filters a step's table to its failures, and says what each unnumbered hop is.
/// </summary>
[NonParallelizable]
public sealed class ReportPageTests
{
    [Test]
    public async Task The_landing_view_lists_every_fail_and_warn_of_a_run_with_defects_and_links_to_its_step()
    {
        var report = await SharedBrowser.RunAsync(SharedBrowser.Settings(("DEFECTS", "dashboard-skip-state,omit-www-authenticate")));
        var expected = report.Steps.SelectMany(s => s.Checks).Where(c => c.Verdict is Verdict.Fail or Verdict.Warn).ToList();
        await using var context = await SharedBrowser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(Path.Combine(report.RunDirectory, "report.html")).AbsoluteUri);

        var findings = page.Locator("#findings li");
        expected.Should().HaveCount(3, report.Problems());
        (await findings.CountAsync()).Should().Be(expected.Count);
        var ids = await findings.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.check)");
        ids.Should().BeEquivalentTo(expected.Select(c => c.Id));
        var first = findings.First;
        (await first.InnerTextAsync()).Should().Contain("Step 15").And.Contain("expected").And.Contain("observed");
        (await first.Locator("a").GetAttributeAsync("href")).Should().Be("#step=15");
        await first.Locator("a").ClickAsync();
        (await page.Locator("#details h2").InnerTextAsync()).Should().StartWith("Step 15:");
    }

    [Test]
    public async Task All_four_lifelines_fit_1280_px_a_step_filters_to_its_failures_and_unnumbered_hops_say_what_they_are()
    {
        var report = await SharedBrowser.RunAsync(SharedBrowser.Settings(("DEFECTS", "omit-www-authenticate")));
        await using var context = await SharedBrowser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(Path.Combine(report.RunDirectory, "report.html")).AbsoluteUri + "#step=20");

        var diagram = (await page.Locator("#diagram").BoundingBoxAsync())!;
        foreach (var lane in new[] { "Pbench-Server", "Browser", "Identity-Broker", "Identity-Provider" })
        {
            var box = (await page.Locator("#lanes span", new PageLocatorOptions { HasText = lane }).BoundingBoxAsync())!;
            (box.X + box.Width).Should().BeLessThanOrEqualTo(diagram.X + diagram.Width, $"{lane} is visible without scrolling");
        }

        var rows = page.Locator("#checks tr");
        var all = await rows.CountAsync();
        await page.Locator("#failures-only").CheckAsync();
        var visible = await rows.EvaluateAllAsync<int>("rows => rows.filter(r => r.offsetParent !== null).length");
        visible.Should().Be(1 + report.Step(20).Checks.Count(c => c.Verdict is Verdict.Fail or Verdict.Warn)).And.BeLessThan(all);

        await page.Locator("g.unnumbered[data-url*='/broker/mockidp/login']").First.ClickAsync();
        (await page.Locator(".hop-kind").InnerTextAsync()).Should().StartWith("the broker's own hop to the identity provider");
    }
}
