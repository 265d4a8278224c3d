using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Tests.Support;

/// <summary>
/// A tiny dashboard on 127.0.0.1 (registered as the stack's <c>target</c>) that does what the
/// Pbench dashboard does with keycloak-js: <c>init</c> with check-sso and the login iframe, a
/// login button, and a button that forces <c>updateToken</c>. It shows what keycloak-js reports
/// in <c>#status</c>, <c>#user</c>, <c>#refreshes</c>, and collects the iframes' answers.
/// </summary>
internal static class KeycloakJsDashboard
{
    public const string Path = "/dashboard-kc/";

    public static async Task<StandInHost> StartAsync(StackUrls stack, string keycloakJsFile)
    {
        var host = await StandInHost.StartAsync(new StandInHostOptions { Name = "target" }, (app, _) =>
        {
            app.MapGet(Path, () => Results.Content(Page(stack.Get("broker")!), "text/html; charset=utf-8"));
            app.MapGet("/keycloak-js/keycloak.js", () => Results.File(keycloakJsFile, "text/javascript"));
            app.MapGet("/favicon.ico", () => Results.NoContent());
        });
        stack.Set("target", host.BaseUrl);
        return host;
    }

    private static string Page(string broker) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>keycloak-js dashboard</title></head>
        <body>
        <p>status: <span id="status">loading</span>, user: <span id="user"></span>, refreshes: <span id="refreshes">0</span></p>
        <button id="login">Log in</button> <button id="refresh">Refresh token</button>
        <script type="module">
          import Keycloak from "/keycloak-js/keycloak.js";
          const broker = "{{broker}}";
          const show = (id, text) => { document.getElementById(id).textContent = text; };
          window.iframeAnswers = [];
          window.addEventListener("message", (event) => {
            if (event.origin === broker && typeof event.data === "string") window.iframeAnswers.push(event.data);
          });
          const keycloak = new Keycloak({ url: broker, realm: "pbench-server", clientId: "pbench-client" });
          window.keycloak = keycloak;
          let refreshes = 0;
          keycloak.onAuthRefreshSuccess = () => show("refreshes", String(++refreshes));
          keycloak.onAuthLogout = () => { show("status", "logged-out"); show("user", ""); };
          document.getElementById("login").onclick = () => keycloak.login();
          document.getElementById("refresh").onclick = () => keycloak.updateToken(-1).catch((e) => show("status", "error: refresh failed " + e));
          try {
            const authenticated = await keycloak.init({
              onLoad: "check-sso", checkLoginIframe: true, checkLoginIframeInterval: 1,
              pkceMethod: "S256", responseMode: "fragment", enableLogging: true,
            });
            show("user", authenticated ? keycloak.tokenParsed.preferred_username : "");
            show("status", authenticated ? "logged-in" : "logged-out");
          } catch (e) {
            show("status", "error: " + (e && (e.message || e.error) || e));
          }
        </script>
        </body></html>
        """;
}
