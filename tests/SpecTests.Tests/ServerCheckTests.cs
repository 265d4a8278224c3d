using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Catalogue;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Tokens;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>Steps 18–20 on recorded answers: right statuses pass, wrong ones fail, missing headers warn, a defective broker token explains a 401.</summary>
public sealed class ServerCheckTests
{
    private static readonly CatalogueCall Mine = new() { Method = "GET", Path = "/api/v1/datasets?mine=true", Expect = 200 };
    private static readonly Step17TokenCheck NoDefect = new([]);

    private static CallOutcome Answer(CatalogueCall call, int? status, string? www = null, string? body = """{"message": "no"}""", bool broker = true) =>
        new() { Call = call, Label = $"{call.Method} {call.Path}", Status = status, WwwAuthenticate = www, Body = body, BrokerToken = broker, ExchangeId = 7 };

    private static MatrixOutcome Matrix(string id, bool positive, params int?[] statuses) =>
        new(new MatrixCase(id, id, "RFC", statuses.Select(_ => new MatrixAttempt("Bearer", "Bearer x")).ToList(), positive), statuses.Select(s => Answer(Mine, s, s == 401 ? "Bearer error=\"invalid_token\"" : null, broker: false)).ToList());

    [TestCase(200, Verdict.Pass)]
    [TestCase(401, Verdict.Fail)]
    [TestCase(403, Verdict.Fail)]
    [TestCase(null, Verdict.Fail)]
    public void Step_18_wants_the_catalogue_status(int? status, Verdict expected)
    {
        Step18To19ServerAnswers.Step18([Answer(Mine, status)], NoDefect).Single().Verdict.Should().Be(expected);
    }

    [Test]
    public void A_401_after_step_16_found_the_token_defective_is_step_16s_finding()
    {
        var cascade = new Step17TokenCheck([Check.That(16, "s16.at.aud", "RFC 9068 §3", "aud contains pbench-server", false, "pbench-server", "account")]);

        var check = Step18To19ServerAnswers.Step18([Answer(Mine, 401)], cascade).Single();

        check.Verdict.Should().Be(Verdict.Skip);
        check.Because.Should().Contain("step 16 found the broker's token defective", "the skip names the finding that explains it");
        Step18To19ServerAnswers.Step18([Answer(Mine, 500)], cascade).Single().Verdict.Should().Be(Verdict.Fail, "only a refusal is explained by a bad token");
    }

    [Test]
    public void Step_19_fails_a_permitted_forbidden_call_and_warns_without_insufficient_scope()
    {
        var delete = new CatalogueCall { Method = "DELETE", Path = "/api/v1/datasets/d", User = "other", Expect = 403 };

        var allowed = Step18To19ServerAnswers.Step19([Answer(delete, 200)], NoDefect, "pbench").ToList();
        var bare = Step18To19ServerAnswers.Step19([Answer(delete, 403, body: "forbidden")], NoDefect, "pbench").ToList();
        var full = Step18To19ServerAnswers.Step19([Answer(delete, 403, "Bearer error=\"insufficient_scope\"")], NoDefect, "pbench").ToList();

        allowed.Single(c => c.Id == "s19.1").Verdict.Should().Be(Verdict.Fail);
        bare.Single(c => c.Id == "s19.www-authenticate").Verdict.Should().Be(Verdict.Warn);
        bare.Single(c => c.Id == "s19.message-body").Verdict.Should().Be(Verdict.Warn);
        full.Should().OnlyContain(c => c.Verdict == Verdict.Pass);
    }

    [TestCase(401, Verdict.Pass)]
    [TestCase(200, Verdict.Fail)]
    [TestCase(403, Verdict.Fail)]
    public void Every_invalid_token_case_must_get_401(int status, Verdict expected)
    {
        Step20Matrix.Evaluate([Matrix("alg-none", false, 401, status)], NoDefect).First().Verdict.Should().Be(expected);
    }

    [TestCase(200, Verdict.Pass)]
    [TestCase(401, Verdict.Fail)]
    public void A_positive_control_must_not_get_401(int status, Verdict expected)
    {
        Step20Matrix.Evaluate([Matrix("aud-array", true, status)], NoDefect).Single().Verdict.Should().Be(expected);
    }

    [Test]
    public void A_401_without_WWW_Authenticate_Bearer_is_a_warning()
    {
        var outcome = new MatrixOutcome(new MatrixCase("garbage", "garbage", "RFC 6750 §3.1", [new MatrixAttempt("x", "Bearer x")]), [Answer(Mine, 401, www: null, broker: false)]);

        var checks = Step20Matrix.Evaluate([outcome], NoDefect).ToList();

        checks.Single(c => c.Id == "s20.garbage").Verdict.Should().Be(Verdict.Pass);
        checks.Single(c => c.Id == "s20.www-authenticate").Verdict.Should().Be(Verdict.Warn);
    }

    [Test]
    public void A_case_is_one_check_over_every_endpoint_and_names_the_one_that_failed()
    {
        var keys = new CatalogueCall { Method = "GET", Path = "/api/v1/key", Expect = 200 };
        var matrixCase = new MatrixCase("wrong-iss", "wrong iss", "RFC 9068 §4", [new MatrixAttempt("Bearer", "Bearer x")]);
        MatrixOutcome At(CatalogueCall call, int status) => new(matrixCase, [Answer(call, status, "Bearer error=\"invalid_token\"", broker: false) with { Label = $"GET {call.Path} as Bearer" }]);

        var checks = Step20Matrix.Evaluate([At(Mine, 401), At(keys, 200)], NoDefect).Where(c => c.Id != "s20.www-authenticate").ToList();
        var clean = Step20Matrix.Evaluate([At(Mine, 401), At(keys, 401)], NoDefect).Single(c => c.Id == "s20.wrong-iss");

        checks.Should().ContainSingle().Which.Should().Match<Check>(c => c.Id == "s20.wrong-iss" && c.Verdict == Verdict.Fail);
        checks[0].Observed.Should().StartWith("1 of 2 attempts at GET /api/v1/key:");
        checks[0].Expected.Should().Contain("GET /api/v1/datasets?mine=true").And.Contain("GET /api/v1/key");
        clean.Verdict.Should().Be(Verdict.Pass);
    }

    [TestCase(401, 401, Verdict.Pass)]
    [TestCase(400, 401, Verdict.Warn)]
    [TestCase(403, 404, Verdict.Warn)]
    [TestCase(400, 200, Verdict.Fail)]
    [TestCase(302, 401, Verdict.Fail)]
    public void A_query_string_token_passes_on_a_refusal_and_warns_when_it_is_not_401(int first, int second, Verdict expected)
    {
        var keys = new CatalogueCall { Method = "GET", Path = "/api/v1/key", Expect = 200 };
        var queryCase = new MatrixCase(Step20Matrix.QueryTokenCase, "query", "RFC 6750 §2.3", [new MatrixAttempt("access_token", null, "t")]);

        var check = Step20Matrix.Evaluate([new(queryCase, [Answer(Mine, first, broker: false)]), new(queryCase, [Answer(keys, second, broker: false)])], NoDefect)
            .Single(c => c.Id == "s20.query-token");

        check.Verdict.Should().Be(expected);
        if (expected == Verdict.Warn)
        {
            check.Observed.Should().StartWith($"refused, but with {first}");
        }
    }

    [Test]
    public void A_rotated_key_refused_fails_with_the_fix_to_re_read_the_keys()
    {
        var rotated = new MatrixOutcome(new MatrixCase(Step20Matrix.RotatedKeyCase, "rotated", "OIDC Core §10.1.1", [new MatrixAttempt("Bearer", "Bearer x")], Positive: true), [Answer(Mine, 401)]);

        var check = Step20Matrix.Evaluate([rotated], NoDefect).Single();

        check.Should().Match<Check>(c => c.Id == "s20.control.rotated-key" && c.Verdict == Verdict.Fail && c.Fix == "re-read the realm's keys when a token names an unknown kid");
    }

    [Test]
    public void A_skipped_case_says_why()
    {
        var check = Step20Matrix.Evaluate([new MatrixOutcome(MatrixCase.Skip("expired", "expired exp", "RFC 7519", "no key"), [])], NoDefect).Single();

        check.Verdict.Should().Be(Verdict.Skip);
        check.Observed.Should().Be("no key");
    }
}
