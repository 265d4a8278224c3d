using NUnit.Framework;

namespace PbenchAuthSpec.SpecTests.Conformance;

/// <summary>One test per numbered step of the diagram, in order; each asserts that step's checks from the one walk.</summary>
[TestFixture]
[NonParallelizable]
public sealed class StepTests
{
    [Test]
    [Order(1)]
    [Step(1)]
    public void Step_01_Browser_to_server_GET_client_config() => StepAssert.Verify(1);

    [Test]
    [Order(2)]
    [Step(2)]
    public void Step_02_Server_to_browser_login_configuration() => StepAssert.Verify(2);

    [Test]
    [Order(3)]
    [Step(3)]
    public void Step_03_Browser_to_broker_authentication_request() => StepAssert.Verify(3);

    [Test]
    [Order(4)]
    [Step(4)]
    public void Step_04_Broker_to_browser_login_page() => StepAssert.Verify(4);

    [Test]
    [Order(5)]
    [Step(5)]
    public void Step_05_Browser_to_IdP_authorization_request() => StepAssert.Verify(5);

    [Test]
    [Order(6)]
    [Step(6)]
    public void Step_06_IdP_to_browser_redirect_to_its_login_page() => StepAssert.Verify(6);

    [Test]
    [Order(7)]
    [Step(7)]
    public void Step_07_Browser_to_IdP_GET_login_page() => StepAssert.Verify(7);

    [Test]
    [Order(8)]
    [Step(8)]
    public void Step_08_IdP_to_browser_credential_form() => StepAssert.Verify(8);

    [Test]
    [Order(9)]
    [Step(9)]
    public void Step_09_Browser_to_IdP_credentials_and_consent() => StepAssert.Verify(9);

    [Test]
    [Order(10)]
    [Step(10)]
    public void Step_10_IdP_to_browser_redirect_to_the_broker() => StepAssert.Verify(10);

    [Test]
    [Order(11)]
    [Step(11)]
    public void Step_11_Browser_to_broker_identity_federation() => StepAssert.Verify(11);

    [Test]
    [Order(12)]
    [Step(12)]
    public void Step_12_Broker_to_browser_authentication_response() => StepAssert.Verify(12);

    [Test]
    [Order(13)]
    [Step(13)]
    public void Step_13_Browser_to_server_GET_dashboard_redirect_location() => StepAssert.Verify(13);

    [Test]
    [Order(14)]
    [Step(14)]
    public void Step_14_Server_to_browser_dashboard() => StepAssert.Verify(14);

    [Test]
    [Order(15)]
    [Step(15)]
    public void Step_15_Browser_to_broker_token_request() => StepAssert.Verify(15);

    [Test]
    [Order(16)]
    [Step(16)]
    public void Step_16_Broker_to_browser_token_response() => StepAssert.Verify(16);

    [Test]
    [Order(17)]
    [Step(17)]
    public void Step_17_Browser_to_server_restricted_call_with_bearer_token() => StepAssert.Verify(17);

    [Test]
    [Order(18)]
    [Step(18)]
    public void Step_18_Server_to_browser_200_authorized() => StepAssert.Verify(18);

    [Test]
    [Order(19)]
    [Step(19)]
    public void Step_19_Server_to_browser_403_forbidden() => StepAssert.Verify(19);

    [Test]
    [Order(20)]
    [Step(20)]
    public void Step_20_Server_to_browser_401_invalid_token() => StepAssert.Verify(20);
}
