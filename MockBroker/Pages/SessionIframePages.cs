namespace PbenchAuthSpec.MockBroker.Pages;

/// <summary>
/// The pages keycloak-js loads in hidden iframes when <c>checkLoginIframe</c> is on. Written for
/// this broker from keycloak-js's side of the protocol: the 3p-cookie probe posts
/// <c>supported</c>/<c>unsupported</c> to its parent, and the status frame answers
/// <c>"&lt;clientId&gt; &lt;sessionId&gt;"</c> messages with <c>unchanged</c>, <c>changed</c> or <c>error</c>.
/// </summary>
internal static class SessionIframePages
{
    // As Keycloak 26's probe: a frame without access to its unpartitioned cookies
    // (document.hasStorageAccess() false, as in a browser that blocks third-party cookies) says
    // "unsupported" at once; otherwise it sets a SameSite=None; Secure test cookie (and a legacy one
    // without SameSite, for non-secure contexts) and step 2 reports whether either came back.
    public const string ThirdPartyStep1 = """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>3p-cookies step 1</title></head><body>
        <script type="module">
          const access = "hasStorageAccess" in document ? await document.hasStorageAccess() : true;
          if (access) {
            document.cookie = "KEYCLOAK_3P_COOKIE_SAMESITE=supported; Max-Age=60; SameSite=None; Secure";
            document.cookie = "KEYCLOAK_3P_COOKIE=supported; Max-Age=60";
            location.replace("step2.html");
          } else {
            window.parent.postMessage("unsupported", "*");
          }
        </script>
        </body></html>
        """;

    public const string ThirdPartyStep2 = """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>3p-cookies step 2</title></head><body>
        <script type="module">
          const names = document.cookie.split(";").map((c) => c.trim().split("=")[0]);
          const found = names.includes("KEYCLOAK_3P_COOKIE_SAMESITE") || names.includes("KEYCLOAK_3P_COOKIE");
          if (found) {
            document.cookie = "KEYCLOAK_3P_COOKIE_SAMESITE=; Max-Age=0; SameSite=None; Secure";
            document.cookie = "KEYCLOAK_3P_COOKIE=; Max-Age=0";
          }
          window.parent.postMessage(found ? "supported" : "unsupported", "*");
        </script>
        </body></html>
        """;

    // The first message's client and origin are checked with the server (…/init answers 204 for a
    // registered web origin); later messages must come from the same pair. The session cookie holds
    // base64url(SHA-256(sid)); no cookie is "unchanged" only for a page that has no session either.
    // A frame that cannot read its cookies (no storage access: third-party cookies blocked) answers
    // "error", as Keycloak's does, rather than guessing.
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
            if ("hasStorageAccess" in document && !(await document.hasStorageAccess())) return "error";
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
