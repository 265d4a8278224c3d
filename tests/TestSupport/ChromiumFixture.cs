using Microsoft.Playwright;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Browser;

namespace PbenchAuthSpec.TestSupport;

/// <summary>
/// One Chromium per fixture (launching it is the costly part), a fresh context per test so no
/// cookie or sessionStorage leaks from one test into the next.
/// </summary>
public abstract class ChromiumFixture
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IBrowserContext? _context;

    protected IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium is not running.");

    [OneTimeSetUp]
    public async Task LaunchChromiumAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await BrowserLauncher.LaunchAsync(_playwright);
    }

    [OneTimeTearDown]
    public async Task CloseChromiumAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    [TearDown]
    public async Task CloseContextAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
            _context = null;
        }
    }

    protected async Task<IPage> NewPageAsync()
    {
        _context = await Browser.NewContextAsync();
        _context.SetDefaultTimeout(15_000);
        return await _context.NewPageAsync();
    }
}
