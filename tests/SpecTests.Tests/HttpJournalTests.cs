using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockIdp;
using PbenchAuthSpec.SpecTests.Engine;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>The journal of separately started stand-ins, read over <c>/__admin/requests</c>.</summary>
public sealed class HttpJournalTests
{
    [Test]
    public async Task A_server_found_during_the_run_is_read_from_the_mark_on()
    {
        await using var idp = await MockIdpServer.StartAsync();
        using var http = new HttpClient();
        using var journal = new HttpJournal(["http://127.0.0.1:9"], TimeSpan.FromSeconds(5));
        (await http.GetAsync(new Uri($"{idp.BaseUrl}/jwks"))).EnsureSuccessStatusCode();
        await journal.MarkAsync(CancellationToken.None);
        journal.Unavailable.Should().NotBeNull("no candidate answers /__admin/requests");

        (await http.GetAsync(new Uri($"{idp.BaseUrl}/.well-known/openid-configuration"))).EnsureSuccessStatusCode();
        (await journal.IncludeAsync(idp.BaseUrl + "/", CancellationToken.None)).Should().BeTrue();
        (await journal.IncludeAsync(idp.BaseUrl, CancellationToken.None)).Should().BeFalse("it is read already");

        journal.Unavailable.Should().BeNull();
        (await journal.ReadAsync(CancellationToken.None)).Select(e => new Uri(e.Url).AbsolutePath).Should().Equal(["/.well-known/openid-configuration"], "what it journalled before the mark is not this run's");
    }

    [Test]
    public async Task A_server_without_a_journal_is_not_included()
    {
        using var journal = new HttpJournal([], TimeSpan.FromSeconds(5));
        await journal.MarkAsync(CancellationToken.None);

        (await journal.IncludeAsync("http://127.0.0.1:9", CancellationToken.None)).Should().BeFalse();
        journal.Unavailable.Should().NotBeNull();
    }
}
