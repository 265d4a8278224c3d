namespace PbenchAuthSpec.MockBroker.Pages;

/// <summary>
/// The pages keycloak-js loads in hidden iframes when <c>checkLoginIframe</c> is on. Written for
/// this broker from keycloak-js's side of the protocol: the 3p-cookie probe posts
/// <c>supported</c>/<c>unsupported</c> to its parent, and the status frame answers
/// <c>"&lt;clientId&gt; &lt;sessionId&gt;"</c> messages with <c>unchanged</c>, <c>changed</c> or <c>error</c>.
/// </summary>
internal static class SessionIframePages
{
    // Sets a test cookie and moves on to step 2, which can only see it if the browser lets this
    // origin keep cookies inside the dashboard's page. SameSite=Lax: see BrokerCookies.
    public const string ThirdPartyStep1 = """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>3p-cookies step 1</title></head><body>
        <script>
          document.cookie = "KEYCLOAK_3P_COOKIE=supported; Max-Age=60; Path=/; SameSite=Lax";
          location.replace("step2.html");
        </script>
        </body></html>
        """;

    public const string ThirdPartyStep2 = """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>3p-cookies step 2</title></head><body>
        <script>
          const found = document.cookie.split(";").some((c) => c.trim().startsWith("KEYCLOAK_3P_COOKIE=supported"));
          document.cookie = "KEYCLOAK_3P_COOKIE=; Max-Age=0; Path=/; SameSite=Lax";
          window.parent.postMessage(found ? "supported" : "unsupported", "*");
        </script>
        </body></html>
        """;

    // The first message's client and origin are checked with the server (…/init answers 204 for a
    // registered web origin); later messages must come from the same pair. The session cookie holds
    // base64url(SHA-256(sid)); no cookie is "unchanged" only for a page that has no session either.
    public const string LoginStatus = """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>login-status-iframe</title></head><body>
        <script type="module">
          let verified = null;
          let initSent = false;

          window.addEventListener("message", async (event) => {
            if (typeof event.data !== "string") return;
            const parts = event.data.split(" ");
            if (parts.length !== 2) return;
            const answer = await status(parts[0], event.origin, parts[1]);
            event.source.postMessage(answer, event.origin);
          });

          async function status(clientId, origin, sessionId) {
            if (verified === null) {
              if (initSent) return "error";
              initSent = true;
              const url = new URL(location.origin + location.pathname + "/init");
              url.searchParams.set("client_id", clientId);
              url.searchParams.set("origin", origin);
              const response = await fetch(url, { credentials: "same-origin" });
              if (response.status !== 204) return "error";
              verified = { clientId, origin };
            }
            if (clientId !== verified.clientId || origin !== verified.origin) return "error";
            const cookie = readCookie("KEYCLOAK_SESSION");
            if (cookie === null) return sessionId === "" ? "unchanged" : "changed";
            return (await hash(sessionId)) === cookie ? "unchanged" : "changed";
          }

          function readCookie(name) {
            for (const pair of document.cookie.split(";")) {
              const at = pair.indexOf("=");
              if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
            }
            return null;
          }

          async function hash(text) {
            const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
            return btoa(String.fromCharCode(...digest)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
          }
        </script>
        </body></html>
        """;
}
